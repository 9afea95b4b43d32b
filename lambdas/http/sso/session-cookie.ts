import type { AccessControlAction } from '../../core/access-control/types';
import type { SignInResult } from '../../core/user-auth/types';
import type { SessionRequest } from '../../core/user-auth/session-sign-in';
import type { SignInContext } from '../../core/user-auth/types';
import type { HttpRequest } from '../types';

/**
 * The single sign-on cookies. The session cookie is `__Host-` prefixed (Secure, Path=/, no Domain: no subdomain can
 * set or read it), HttpOnly (no script reads it) and SameSite=Strict (no other site's page sends it); it holds only
 * an opaque 256-bit value. The login cookie ties a sign-in to the browser that began it; it is Lax, since the issuer
 * sends the browser back with a cross-site navigation.
 */
export const SESSION_COOKIE = '__Host-mw-session';
export const LOGIN_COOKIE = 'mw-sso-login';
/** The header a web session's unsafe requests carry its CSRF token in. */
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];

/**
 * A cookie's value from a request's Cookie header (RFC 6265 §5.4 pairs), or undefined.
 * @example
 * cookieOf(request, SESSION_COOKIE);
 */
export function cookieOf(request: HttpRequest, name: string): string | undefined {
  for (const pair of (request.headers.cookie ?? '').split(';')) {
    const separator = pair.indexOf('=');
    if (separator > 0 && pair.slice(0, separator).trim() === name) return pair.slice(separator + 1).trim();
  }
  return undefined;
}

/**
 * A Set-Cookie value. `maxAgeSeconds` 0 removes the cookie.
 * @example
 * setCookie(SESSION_COOKIE, value, { path: '/', sameSite: 'Strict', maxAgeSeconds: 3600 });
 */
export function setCookie(
  name: string,
  value: string,
  options: { readonly path: string; readonly sameSite: 'Strict' | 'Lax'; readonly maxAgeSeconds: number },
): string {
  return `${name}=${value}; Path=${options.path}; Max-Age=${options.maxAgeSeconds}; HttpOnly; Secure; SameSite=${options.sameSite}`;
}

/** The sign-ins {@link signInFromRequest} chooses between (the shared `UserAuthenticator`). */
export interface RequestAuthenticator {
  authenticate(authorization: string | undefined, context: SignInContext): Promise<SignInResult>;
  authenticateSession(cookie: string, request: SessionRequest, context: SignInContext): Promise<SignInResult>;
}

/**
 * Signs an HTTP request's user in for a protocol: its Authorization header when it has one, else its single sign-on
 * session cookie (with the CSRF header for unsafe methods), else no credentials.
 * @example
 * createMailJmap({ authenticate: signInFromRequest(authenticator, 'JMAP'), … });
 */
export function signInFromRequest(
  authenticator: RequestAuthenticator,
  protocol: AccessControlAction,
): (request: HttpRequest) => Promise<SignInResult> {
  return (request) => {
    const userAgent = request.headers['user-agent'];
    const context: SignInContext = {
      sourceAddress: request.sourceIp ?? '0.0.0.0',
      protocol,
      ...(userAgent === undefined ? {} : { userAgent }),
    };
    const session = cookieOf(request, SESSION_COOKIE);
    if (request.headers.authorization !== undefined || session === undefined)
      return authenticator.authenticate(request.headers.authorization, context);
    const csrfToken = request.headers[CSRF_HEADER];
    return authenticator.authenticateSession(
      session,
      { unsafe: !SAFE_METHODS.includes(request.method.toUpperCase()), ...(csrfToken ? { csrfToken } : {}) },
      context,
    );
  };
}
