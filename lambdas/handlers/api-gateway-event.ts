import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { HttpRequest, HttpResponse } from '../http/types';
import { cloudFrontViewer, ORIGIN_SECRET_HEADER } from './cloudfront-viewer';

/** How far the function trusts what the request says about its client. */
export interface ProxyTrust {
  /**
   * The web app distribution's origin secret (`MAILWRIGHT_CLOUDFRONT_ORIGIN_SECRET`): a request carrying it came
   * through CloudFront, so its client is `CloudFront-Viewer-Address` rather than CloudFront's own address.
   * @default - no request is taken as coming through CloudFront
   */
  readonly cloudFrontSecret?: string;
}

/**
 * Reduces an API Gateway REST (v1) proxy event to an {@link HttpRequest}, keeping what SigV4 verification needs:
 * the path as the client sent and signed it (with the stage, e.g. `/v1/`), every header value (repeated ones joined
 * with `,`), `content-length` when a body came without it, and the exact body bytes (base64 from API Gateway).
 * A request that came through the web app's CloudFront distribution (see {@link ProxyTrust}) has the viewer's
 * path (CloudFront added the stage) and address, and loses the secret header.
 * @example
 * const response = await http(toHttpRequest(event));
 */
export function toHttpRequest(event: APIGatewayProxyEvent, trust: ProxyTrust = {}): HttpRequest {
  const headers = headersOf(event);
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
  const viewer = cloudFrontViewer(headers, trust.cloudFrontSecret);
  delete headers[ORIGIN_SECRET_HEADER];
  return {
    method: event.httpMethod.toUpperCase(),
    path: viewer ? event.path : event.requestContext?.path || event.path,
    query,
    headers,
    body,
    sourceIp: viewer?.address ?? (event.requestContext?.identity?.sourceIp || undefined),
  };
}

/**
 * The URL the client reached the API at, which the API's own links (JMAP session URLs, sign-in redirects) start
 * with: the web app's origin for a request through its CloudFront distribution, else API Gateway's domain (or the
 * custom domain) with the stage prefix the client used (`/v1` on API Gateway's own domain, none on a custom domain
 * mapped at the root).
 * @example
 * publicBaseUrl(event, trust); // 'https://abc123.execute-api.eu-west-1.amazonaws.com/v1' or 'https://mail.example.com'
 */
export function publicBaseUrl(event: APIGatewayProxyEvent, trust: ProxyTrust = {}): string {
  const headers = headersOf(event);
  const viewerHost = cloudFrontViewer(headers, trust.cloudFrontSecret)?.host;
  if (viewerHost) return `https://${viewerHost}`;
  const fullPath = event.requestContext?.path || event.path;
  const stagePrefix = fullPath.slice(0, fullPath.length - event.path.length);
  return `https://${event.requestContext?.domainName ?? headers.host}${stagePrefix}`;
}

/** Every header value under its lower-case name, repeated ones joined with `,`. */
function headersOf(event: APIGatewayProxyEvent): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    if (value !== undefined) headers[name.toLowerCase()] = value;
  }
  for (const [name, values] of Object.entries(event.multiValueHeaders ?? {})) {
    if (values && values.length > 0) headers[name.toLowerCase()] = values.join(',');
  }
  return headers;
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
