import type { WebSignIn, WebSignInRefusal } from '../../core/sso/web-sign-in';
import type { HttpRequest, HttpResponse } from '../types';
import { PRIVATE_HEADERS, callbackUrl, json, page, redirect, toIdentityProvider } from './sign-in-responses';
import {
  CSRF_HEADER,
  LOGIN_COOKIE,
  SESSION_COOKIE,
  cookieOf,
  setCookie,
  signInFromRequest,
  type RequestAuthenticator,
} from './session-cookie';

/** Options of {@link createWebSignInRoute}. */
export interface WebSignInRouteOptions {
  /** The public absolute URL the `/auth/` paths live under, e.g. `http://127.0.0.1:8080` (no trailing slash). */
  readonly baseUrl: string;
  readonly webSignIn: Pick<WebSignIn, 'begin' | 'complete' | 'session' | 'signOut'>;
  /** The shared sign-in, which checks a session on every request. */
  readonly authenticator: RequestAuthenticator;
  /** How long the session cookie lasts, in seconds (the session's own lifetime). @default 3600 */
  readonly sessionMaxAgeSeconds?: number;
  /**
   * Where refused sign-ins are reported, by reason only (never a state, code, token, address or organization).
   * @default - not reported
   */
  readonly logger?: { warn(message: string, fields: Record<string, unknown>): void };
}

/** A route that answers its paths and leaves others (undefined). */
export type WebSignInRoute = (request: HttpRequest) => Promise<HttpResponse | undefined>;

/** What the user reads for each refusal, and its status. Nothing names another organization or an address. */
const PAGES: Record<WebSignInRefusal, readonly [number, string]> = {
  NOT_AVAILABLE: [404, 'Single sign-on is not available for this organization.'],
  LOGIN_EXPIRED: [400, 'This sign-in has expired or was started in another browser. Please sign in again.'],
  ISSUER_ERROR: [400, 'Your identity provider did not sign you in. Please sign in again.'],
  ISSUER_UNREACHABLE: [502, 'Your identity provider could not be reached. Please try again later.'],
  TOKEN_REJECTED: [400, "Your identity provider's answer could not be verified. Please sign in again."],
  USER_NOT_FOUND: [403, 'No mailbox of this organization belongs to the account you signed in with.'],
  USER_DISABLED: [403, 'This mailbox cannot sign in. Please contact your administrator.'],
  ACCESS_DENIED: [403, "Your organization's access control rules do not allow this access."],
};

/**
 * Single sign-on for the web app (docs/single-sign-on.md):
 * - `GET /auth/{organization alias or id}/login[?returnTo=/path]`: redirects to the organization's issuer;
 * - `GET /auth/callback`: the issuer's answer; sets the session cookie and redirects to `returnTo`, or shows an
 *   error page;
 * - `GET /auth/session`: who is signed in, the CSRF token for unsafe requests, and when the session ends (JSON);
 * - `POST /auth/logout` (with `X-CSRF-Token`): ends the session and removes the cookie.
 * @example
 * const auth = createWebSignInRoute({ baseUrl: server.url, webSignIn, authenticator });
 * const response = (await auth(request)) ?? (await jmap(request));
 */
export function createWebSignInRoute(options: WebSignInRouteOptions): WebSignInRoute {
  const prefix = `${new URL(options.baseUrl).pathname.replace(/\/$/, '')}/auth/`;
  const redirectUri = `${options.baseUrl}/auth/callback`;
  const signIn = signInFromRequest(options.authenticator, 'WebMail');
  const sessionMaxAge = options.sessionMaxAgeSeconds ?? 3600;
  const refused = (reason: WebSignInRefusal): HttpResponse => {
    options.logger?.warn('Single sign-on refused', { reason });
    return page(...PAGES[reason]);
  };

  const login = async (organization: string, request: HttpRequest): Promise<HttpResponse> => {
    const start = await options.webSignIn.begin(
      organization,
      redirectUri,
      returnPath(request.query.returnTo),
    );
    if (!start.ok) return refused(start.reason);
    return toIdentityProvider(start.redirectUrl, LOGIN_COOKIE, start.loginCookie, prefix);
  };

  const callback = async (request: HttpRequest): Promise<HttpResponse> => {
    const result = await options.webSignIn.complete({
      url: callbackUrl(redirectUri, request.query),
      state: request.query.state,
      loginCookie: cookieOf(request, LOGIN_COOKIE),
      sourceAddress: request.sourceIp ?? '0.0.0.0',
    });
    if (!result.ok) return refused(result.reason);
    return redirect(
      result.returnTo,
      setCookie(SESSION_COOKIE, result.sessionCookie, {
        path: '/',
        sameSite: 'Strict',
        maxAgeSeconds: sessionMaxAge,
      }),
    );
  };

  const session = async (request: HttpRequest): Promise<HttpResponse> => {
    const cookie = cookieOf(request, SESSION_COOKIE);
    const result =
      cookie === undefined ? undefined : await signIn({ ...request, headers: withoutAuthorization(request) });
    const current = result?.ok ? await options.webSignIn.session(cookie!) : undefined;
    if (!result?.ok || !current) return json(401, { signedIn: false });
    return json(200, {
      signedIn: true,
      username: result.user.email,
      csrfToken: current.csrfToken,
      expiresAt: new Date(current.expiresAt).toISOString(),
    });
  };

  const logout = async (request: HttpRequest): Promise<HttpResponse> => {
    const cookie = cookieOf(request, SESSION_COOKIE);
    const ended =
      cookie !== undefined && (await options.webSignIn.signOut(cookie, request.headers[CSRF_HEADER]));
    if (!ended) return json(403, { signedOut: false });
    return {
      statusCode: 204,
      headers: {
        ...PRIVATE_HEADERS,
        'set-cookie': setCookie(SESSION_COOKIE, '', { path: '/', sameSite: 'Strict', maxAgeSeconds: 0 }),
      },
      body: '',
    };
  };

  return async (request) => {
    if (!request.path.startsWith(prefix)) return undefined;
    const rest = request.path.slice(prefix.length);
    const method = request.method.toUpperCase();
    if (method === 'GET' && rest === 'callback') return callback(request);
    if (method === 'GET' && rest === 'session') return session(request);
    if (method === 'POST' && rest === 'logout') return logout(request);
    const organization = /^([^/]+)\/login$/.exec(rest)?.[1];
    if (method === 'GET' && organization) return login(decodeURIComponent(organization), request);
    return undefined;
  };
}

/** Only a path on this site: anything else (another origin, `//host`, a backslash trick) goes to `/`. */
function returnPath(returnTo: string | undefined): string {
  return returnTo && /^\/(?![/\\])[^\s\\]*$/.test(returnTo) ? returnTo : '/';
}

/** The session endpoint reads the cookie only: a Basic header must not answer with a session's CSRF token. */
function withoutAuthorization(request: HttpRequest): Record<string, string> {
  const { authorization: _ignored, ...headers } = request.headers;
  return headers;
}
