import type { HttpResponse } from '../types';
import type { JmapRequestError } from './errors';

/** Responses carry one user's data: no shared cache may keep them. */
export const PRIVATE_HEADERS = { 'cache-control': 'no-store' } as const;

/**
 * An RFC 7807 problem details response (`application/problem+json`), the shape RFC 8620 §3.6.1 gives every
 * request-level error.
 * @param status - the HTTP status, repeated in the body
 * @param problem - `type` and `detail` or `title`, plus extension members such as `limit`
 * @param headers - extra headers, e.g. `www-authenticate`
 * @example
 * problemResponse(401, { type: 'about:blank', title: 'Unauthorized' }, { 'www-authenticate': 'Basic realm="jmap"' });
 */
export function problemResponse(
  status: number,
  problem: Readonly<Record<string, unknown>> & { readonly type: string },
  headers: Readonly<Record<string, string>> = {},
): HttpResponse {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/problem+json', ...PRIVATE_HEADERS, ...headers },
    body: JSON.stringify({ ...problem, status }),
  };
}

/** The 400 response of a request-level error (RFC 8620 §3.6.1). */
export function requestErrorResponse(error: JmapRequestError): HttpResponse {
  return problemResponse(400, error.toProblem());
}
