import { ServiceException } from '../core/api/errors';
import type { HttpResponse } from './types';

/** Where the HTTP API reports failures it hides from clients. Never given secrets, bodies or headers. */
export interface HttpLogger {
  error(message: string, fields: Readonly<Record<string, unknown>>): void;
}

/** Writes JSON lines to stderr; the default {@link HttpLogger}. */
export const consoleLogger: HttpLogger = {
  error: (message, fields) => console.error(JSON.stringify({ level: 'ERROR', message, ...fields })),
};

/** The awsJson content type WorkMail answers with. */
export const AMZ_JSON = 'application/x-amz-json-1.1';

/** A JSON response carrying the request id, as every response does. */
export function jsonResponse(
  statusCode: number,
  body: unknown,
  requestId: string,
  contentType = AMZ_JSON,
  headers: Record<string, string> = {},
): HttpResponse {
  return {
    statusCode,
    headers: { 'content-type': contentType, 'x-amzn-requestid': requestId, ...headers },
    body: JSON.stringify(body ?? {}),
  };
}

/**
 * The one error-mapping table of the HTTP API (every transport uses it): a {@link ServiceException} becomes
 * `{"__type": name, "Message": message}` with its status and an `x-amzn-ErrorType` header; anything else is
 * logged with the request id and becomes a fixed 500 that reveals nothing.
 * @param error - what the operation or route threw
 * @param requestId - the id the response and the log line carry
 * @example
 * catch (error) { return errorResponse(error, requestId, logger); }
 */
export function errorResponse(
  error: unknown,
  requestId: string,
  logger: HttpLogger,
  contentType = AMZ_JSON,
): HttpResponse {
  if (error instanceof ServiceException) {
    return jsonResponse(
      error.statusCode,
      { __type: error.name, Message: error.message },
      requestId,
      contentType,
      {
        'x-amzn-errortype': error.name,
      },
    );
  }
  logger.error('Unhandled error', { requestId, error: describe(error) });
  return jsonResponse(
    500,
    { __type: 'InternalFailure', Message: 'An internal error occurred.' },
    requestId,
    contentType,
    {
      'x-amzn-errortype': 'InternalFailure',
    },
  );
}

function describe(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { value: typeof error };
  return { name: error.name, message: error.message, stack: error.stack };
}
