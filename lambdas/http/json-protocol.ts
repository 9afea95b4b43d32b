import { findOperation } from '../core/api/catalog';
import type { Operation } from '../core/api/operation';
import { dispatch } from '../core/api/dispatch';
import { InvalidAction, SerializationException, UnsupportedOperationException } from '../core/api/errors';
import { WORKMAIL_ACTIONS } from '../core/api/workmail-actions';
import type { OperationContext } from '../core/api/operation';
import { jsonResponse } from './responses';
import type { HttpRequest, HttpResponse } from './types';

const TARGET = /^(WorkMailService|MailwrightService)\.([A-Za-z0-9]+)$/;
const CONTENT_TYPES = ['application/x-amz-json-1.1', 'application/x-amz-json-1.0', 'application/json'];

/** True when a request speaks the awsJson protocol: a POST naming its action in `X-Amz-Target`. */
export function isJsonProtocolRequest(request: HttpRequest): boolean {
  return request.method.toUpperCase() === 'POST' && request.headers['x-amz-target'] !== undefined;
}

/**
 * Serves one awsJson 1.1 call (what `aws workmail` and `@aws-sdk/client-workmail` send): finds the operation
 * `X-Amz-Target` names (`WorkMailService.<Action>` or `MailwrightService.<Action>`), decodes the body and
 * dispatches. Throws ServiceExceptions; the router maps them.
 * @param request - an authenticated POST, on any path (a stage prefix such as `/prod/` is fine)
 * @param ctx - the caller and the API's ports
 * @param find - looks an action up. @default - the catalog's {@link findOperation}
 * @example
 * const response = await handleJsonProtocol(request, { deps, principal, requestId });
 */
export async function handleJsonProtocol(
  request: HttpRequest,
  ctx: OperationContext,
  find: (service: string, name: string) => Operation | undefined = findOperation,
): Promise<HttpResponse> {
  const target = TARGET.exec(request.headers['x-amz-target'] ?? '');
  const operation = target ? find(target[1]!, target[2]!) : undefined;
  if (!operation) {
    if (target?.[1] === 'WorkMailService' && WORKMAIL_ACTIONS.has(target[2]!)) {
      throw new UnsupportedOperationException(`Mailwright does not implement ${target[2]} yet.`);
    }
    throw target
      ? new InvalidAction(`The action ${target[0]} is not valid for this endpoint.`)
      : new InvalidAction();
  }
  const contentType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (contentType && !CONTENT_TYPES.includes(contentType)) {
    throw new SerializationException(`Content-Type must be application/x-amz-json-1.1, not ${contentType}.`);
  }
  const output = await dispatch(operation, decodeBody(request.body), ctx);
  return jsonResponse(200, output ?? {}, ctx.requestId);
}

/** Parses a JSON object body; an empty body is `{}`. */
export function decodeBody(body: Buffer): Record<string, unknown> {
  const text = body.toString('utf8').trim();
  if (text === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new SerializationException('The request body is not valid JSON.', { cause: error });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SerializationException('The request body must be a JSON object.');
  }
  return value as Record<string, unknown>;
}
