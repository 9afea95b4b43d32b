import type { HttpResponse } from '../types';
import { setCookie } from './session-cookie';

/** How long a sign-in may take at the identity provider: the login cookie (state, PKCE verifier) lives this long. */
const LOGIN_MAX_AGE_SECONDS = 600;

/** Nothing of the sign-in answers may be cached, framed, or leak a callback's code through a Referer. */
export const PRIVATE_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
};

/**
 * A private JSON answer.
 * @example
 * return json(401, { signedIn: false });
 */
export function json(statusCode: number, body: unknown): HttpResponse {
  return {
    statusCode,
    headers: { ...PRIVATE_HEADERS, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  };
}

/**
 * A plain page: fixed text only (nothing from the request), no script, no outside resource.
 * @example
 * return page(403, 'This mailbox cannot sign in.');
 */
export function page(statusCode: number, message: string): HttpResponse {
  const body =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign-in</title></head>' +
    `<body><main><h1>Sign-in</h1><p>${message}</p></main></body></html>`;
  return {
    statusCode,
    headers: {
      ...PRIVATE_HEADERS,
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': "default-src 'none'",
    },
    body,
  };
}

/**
 * A 302 to `location`, setting one cookie.
 * @example
 * return redirect(start.redirectUrl, setCookie(LOGIN_COOKIE, state, options));
 */
export function redirect(location: string, setCookieValue: string): HttpResponse {
  return {
    statusCode: 302,
    headers: { ...PRIVATE_HEADERS, location, 'set-cookie': setCookieValue },
    body: '',
  };
}

/**
 * A 302 to the identity provider, setting the login cookie under `path` (SameSite=Lax: it must come back with the
 * provider's redirect to the callback).
 * @example
 * return toIdentityProvider(start.redirectUrl, LOGIN_COOKIE, start.loginCookie, '/auth');
 */
export function toIdentityProvider(
  location: string,
  cookieName: string,
  loginCookie: string,
  path: string,
): HttpResponse {
  return redirect(
    location,
    setCookie(cookieName, loginCookie, { path, sameSite: 'Lax', maxAgeSeconds: LOGIN_MAX_AGE_SECONDS }),
  );
}

/** The URL the provider redirected to: the registered redirect URI with the callback request's query. */
export function callbackUrl(redirectUri: string, query: Readonly<Record<string, string>>): string {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return url.toString();
}
