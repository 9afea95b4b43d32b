import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { HttpRequest, HttpResponse } from '../http/types';

/**
 * Reduces an API Gateway REST (v1) proxy event to an {@link HttpRequest}, keeping what SigV4 verification needs:
 * the path as the client sent and signed it (with the stage, e.g. `/v1/`), every header value (repeated ones joined
 * with `,`), `content-length` when a body came without it, and the exact body bytes (base64 from API Gateway).
 * @example
 * const response = await http(toHttpRequest(event));
 */
export function toHttpRequest(event: APIGatewayProxyEvent): HttpRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    if (value !== undefined) headers[name.toLowerCase()] = value;
  }
  for (const [name, values] of Object.entries(event.multiValueHeaders ?? {})) {
    if (values && values.length > 0) headers[name.toLowerCase()] = values.join(',');
  }
  const query: Record<string, string> = {};
  for (const [name, value] of Object.entries(event.queryStringParameters ?? {})) {
    if (value !== undefined) query[name] = value;
  }
  for (const [name, values] of Object.entries(event.multiValueQueryStringParameters ?? {})) {
    if (values && values.length > 0) query[name] = values[values.length - 1]!;
  }
  const body = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
  // SDKs sign content-length; restore it if the proxy event left it out (it is the body's exact length).
  if (headers['content-length'] === undefined && event.body != null)
    headers['content-length'] = String(body.length);
  return {
    method: event.httpMethod.toUpperCase(),
    path: event.requestContext?.path || event.path,
    query,
    headers,
    body,
    sourceIp: event.requestContext?.identity?.sourceIp || undefined,
  };
}

/**
 * Turns an {@link HttpResponse} into a proxy result: text bodies as they are, binary bodies base64-encoded.
 * @example
 * return toProxyResult({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{}' });
 */
export function toProxyResult(response: HttpResponse): APIGatewayProxyResult {
  if (typeof response.body === 'string') {
    return { statusCode: response.statusCode, headers: { ...response.headers }, body: response.body };
  }
  return {
    statusCode: response.statusCode,
    headers: { ...response.headers },
    body: Buffer.from(response.body).toString('base64'),
    isBase64Encoded: true,
  };
}
