import type { HttpRequest, HttpResponse } from './types';

/** One file of the built web app. */
export interface WebAppFile {
  readonly body: Uint8Array;
  readonly contentType: string;
  /** Content-hashed names never change content: cached for a year; `index.html` is revalidated every time. */
  readonly immutable: boolean;
}

/** The built web app: URL path (`/`, `/assets/mail-3f2a….js`) → file. */
export type WebAppFiles = ReadonlyMap<string, WebAppFile>;

/**
 * The web app's content security policy: scripts, styles and fonts from the app's origin only (no `unsafe-inline`,
 * no `eval`), requests to the same origin, no plugins, no framing by other sites. Images may come from `https:` so
 * that a user can choose to show a message's remote images; the reading pane holds them back until then.
 */
export const WEB_APP_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "font-src 'self'",
  "img-src 'self' data: blob: https:",
  "media-src 'self' data: blob:",
  "connect-src 'self'",
  "frame-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers on every web app response; CloudFront sends the same (see lib/web-app.ts). */
export const WEB_APP_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': WEB_APP_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  'cross-origin-opener-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

/**
 * Serves the web app — webmail at `/`, the admin console at `/admin` — and its assets under `/assets/` for GET and
 * HEAD; anything else is not the web app's
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
        'cache-control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      },
      body: request.method === 'HEAD' ? '' : Buffer.from(file.body),
    };
  };
}
