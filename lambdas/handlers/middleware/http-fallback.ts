import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyResult } from 'aws-lambda';

/** Where the fallback reports the error it hides; never given request data. */
export interface FallbackLogger {
  error(message: string, fields: Readonly<Record<string, unknown>>): void;
}

/** Options of {@link httpFallback}. */
export interface HttpFallbackOptions {
  /** Receives the hidden error. @default - console.error as one JSON line */
  readonly logger?: FallbackLogger;
}

/** The body every unexpected failure gets: AWS's own InternalFailure, with no internals. */
export const INTERNAL_FAILURE_BODY = JSON.stringify({
  __type: 'InternalFailure',
  Message: 'The request processing has failed because of an unknown error, exception or failure.',
});

const defaults: Required<HttpFallbackOptions> = {
  logger: {
    error: (message, fields) => console.error(JSON.stringify({ level: 'ERROR', message, ...fields })),
  },
};

/**
 * Last line of an HTTP Lambda: an error that escaped the transport's own error mapping (a cold-start failure, a
 * missing secret) becomes a fixed 500 in the AWS error shape instead of API Gateway's 502. Only the error's name
 * and message are logged; the event is not.
 * @example
 * export const handler = middy(lambdaHandler).use([injectLambdaContext(logger), httpFallback({ logger })]);
 */
export function httpFallback(
  options: HttpFallbackOptions = {},
): MiddlewareObj<unknown, APIGatewayProxyResult> {
  const unknown = Object.keys(options).filter((key) => !(key in defaults));
  if (unknown.length > 0) throw new TypeError(`httpFallback: unknown option(s) ${unknown.join(', ')}`);
  const { logger } = { ...defaults, ...options };
  return {
    onError: async (request) => {
      const error = request.error;
      logger.error('Unhandled error in HTTP handler', {
        errorName: error instanceof Error ? error.name : typeof error,
        errorMessage: error instanceof Error ? error.message : undefined,
      });
      request.response = {
        statusCode: 500,
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': 'InternalFailure' },
        body: INTERNAL_FAILURE_BODY,
      };
    },
  };
}
