import type { HttpResponse } from '../types';

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
