import { ADMIN_CONSOLE_CONFIG_PATH } from '../../web/src/admin/config';
import type { HttpRequest, HttpResponse } from './types';

/** One file of the built web app. */
export interface WebAppFile {
  readonly body: Uint8Array;
  readonly contentType: string;
  /** Content-hashed names never change content: cached for a year; `index.html` is revalidated every time. */
  readonly immutable: boolean;
}

/** Cache-Control of content-hashed files: their content never changes, so browsers and CloudFront keep them a year. */
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';
/** Cache-Control of the pages and the console's settings: revalidated on every load, so a deployment shows at once. */
export const REVALIDATE_CACHE_CONTROL = 'no-cache';

/** The built web app: URL path (`/`, `/assets/mail-3f2a….js`) → file. */
export type WebAppFiles = ReadonlyMap<string, WebAppFile>;

/**
 * The web app's content security policy: scripts, styles and fonts from the app's origin only (no `unsafe-inline`,
 * no `eval`), requests to the same origin (and to `connectTo`), no plugins, no framing by other sites. Images may
 * come from `https:` so that a user can choose to show a message's remote images; the reading pane holds them back
 * until then.
 * @param connectTo - further origins scripts may call: in the cloud, the admin API's own domain
 * @example
 * webAppCsp(['https://abc123.execute-api.eu-west-1.amazonaws.com']);
 */
export function webAppCsp(connectTo: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "font-src 'self'",
    "img-src 'self' data: blob: https:",
    "media-src 'self' data: blob:",
    ["connect-src 'self'", ...connectTo].join(' '),
    "frame-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "object-src 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The policy `npm start` sends: every API is on the app's origin. */
export const WEB_APP_CSP = webAppCsp();

/**
 * Headers on every web app response, given its content security policy; CloudFront sends the same, with HSTS
 * (lib/web-app-headers.ts).
 */
export function webAppSecurityHeaders(csp: string): Readonly<Record<string, string>> {
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
    'cross-origin-opener-policy': 'same-origin',
    'x-frame-options': 'DENY',
  };
}

/** The headers `npm start` sends. */
export const WEB_APP_SECURITY_HEADERS = webAppSecurityHeaders(WEB_APP_CSP);

/**
 * Serves the web app — webmail at `/`, the admin console at `/admin` with its settings (`{}`: the admin API is on
 * this origin) — and its assets under `/assets/` for GET and HEAD; anything else is not the web app's
 * (`undefined`: the next handler answers). The files are built on the first request (`load`), not at start, so a
 * runtime nobody browses never builds them.
 * @example
 * const web = createWebAppRoute(buildWebApp);
 * const response = (await web(request)) ?? (await api(request));
 */
export function createWebAppRoute(
  load: () => Promise<WebAppFiles>,
): (request: HttpRequest) => Promise<HttpResponse | undefined> {
  let files: Promise<WebAppFiles> | undefined;
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
    const path = request.path === '/admin/' ? '/admin' : request.path;
    if (path === ADMIN_CONSOLE_CONFIG_PATH)
      return {
        statusCode: 200,
        headers: {
          ...WEB_APP_SECURITY_HEADERS,
          'content-type': 'application/json',
          'cache-control': REVALIDATE_CACHE_CONTROL,
        },
        body: request.method === 'HEAD' ? '' : '{}',
      };
    if (path !== '/' && path !== '/admin' && !path.startsWith('/assets/')) return undefined;
    files ??= load().catch((error: unknown) => {
      files = undefined;
      throw error;
    });
    const file = (await files).get(path);
    if (!file)
      return {
        statusCode: 404,
        headers: { ...WEB_APP_SECURITY_HEADERS, 'content-type': 'text/plain' },
        body: 'Not found',
      };
    return {
      statusCode: 200,
      headers: {
        ...WEB_APP_SECURITY_HEADERS,
        'content-type': file.contentType,
        'cache-control': file.immutable ? IMMUTABLE_CACHE_CONTROL : REVALIDATE_CACHE_CONTROL,
      },
      body: request.method === 'HEAD' ? '' : Buffer.from(file.body),
    };
  };
}
