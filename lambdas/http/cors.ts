import type { HttpHandler, HttpRequest, HttpResponse } from './types';

/**
 * The request headers the admin console's SigV4 signer sends (the Smithy signer signs these and the host); a
 * preflight is granted these and no others.
 */
const CONSOLE_REQUEST_HEADERS = [
  'authorization',
  'content-type',
  'x-amz-content-sha256',
  'x-amz-date',
  'x-amz-target',
].join(', ');

/**
 * Lets one web origin — the admin console in the cloud, served from its own CloudFront domain — call `handler`
 * cross-origin: a preflight from that origin is answered here (POST with the console's headers), and answers to it
 * carry `Access-Control-Allow-Origin`. Requests from any other origin, or with no origin, reach `handler` unchanged
 * and get no CORS header, so browsers keep other sites' scripts from reading the answers. Credentials (cookies) are
 * never allowed: requests are signed with SigV4.
 * @param allowedOrigin - e.g. `https://mail.example.com`; undefined allows none
 * @example
 * const api = withCors('https://mail.example.com', httpApi);
 */
export function withCors(allowedOrigin: string | undefined, handler: HttpHandler): HttpHandler {
  return async (request: HttpRequest): Promise<HttpResponse> => {
    if (!allowedOrigin || request.headers.origin !== allowedOrigin) return handler(request);
    const cors = { 'access-control-allow-origin': allowedOrigin, vary: 'Origin' };
    if (request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined)
      return {
        statusCode: 204,
        headers: {
          ...cors,
          'access-control-allow-methods': 'POST',
          'access-control-allow-headers': CONSOLE_REQUEST_HEADERS,
          'access-control-max-age': '600',
        },
        body: '',
      };
    const response = await handler(request);
    return { ...response, headers: { ...response.headers, ...cors } };
  };
}
