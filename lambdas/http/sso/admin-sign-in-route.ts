import type { AdminSignIn, AdminSignInRefusal } from '../../core/sso/admin-sign-in';
import type { HttpRequest, HttpResponse } from '../types';
import { CSRF_HEADER, cookieOf, setCookie } from './session-cookie';
import { PRIVATE_HEADERS, callbackUrl, json, page, redirect, toIdentityProvider } from './sign-in-responses';

/** The admin console's session cookie: `__Host-` prefixed, HttpOnly, SameSite=Strict, an opaque 256-bit value. */
export const ADMIN_SESSION_COOKIE = '__Host-mw-admin-session';
const ADMIN_LOGIN_COOKIE = 'mw-admin-login';

/** Options of {@link createAdminSignInRoute}. */
export interface AdminSignInRouteOptions {
  /** The public absolute URL `/admin/auth/` lives under, e.g. `http://127.0.0.1:8080` (no trailing slash). */
  readonly baseUrl: string;
  readonly adminSignIn: Pick<AdminSignIn, 'begin' | 'complete' | 'session' | 'deliverKey' | 'signOut'>;
  /** The region the console signs its requests for. */
  readonly region: string;
  /** Where refused sign-ins are reported, by reason only. @default - not reported */
  readonly logger?: { warn(message: string, fields: Record<string, unknown>): void };
}

/** What the admin reads for each refusal, and its status. */
const PAGES: Record<AdminSignInRefusal, readonly [number, string]> = {
  LOGIN_EXPIRED: [400, 'This sign-in has expired or was started in another browser. Please sign in again.'],
  ISSUER_ERROR: [400, 'Your identity provider did not sign you in. Please sign in again.'],
  ISSUER_UNREACHABLE: [502, 'Your identity provider could not be reached. Please try again later.'],
  TOKEN_REJECTED: [400, "Your identity provider's answer could not be verified. Please sign in again."],
  NOT_AUTHORIZED: [403, 'Your account is in no group that may administer this deployment.'],
};

/**
 * Single sign-on for the admin console (docs/single-sign-on.md#admin-console-sign-in):
 * - `GET /admin/auth/login`: redirects to the deployment's admin issuer;
 * - `GET /admin/auth/callback`: the issuer's answer; mints a short-lived admin key, sets the session cookie and
 *   redirects to `/admin`, or shows an error page;
 * - `GET /admin/auth/session`: who is signed in, the CSRF token and when the key expires (JSON);
 * - `POST /admin/auth/key` (with `X-CSRF-Token`): the key pair and region, once per sign-in;
 * - `POST /admin/auth/logout` (with `X-CSRF-Token`): revokes the key, ends the session, removes the cookie.
 * @example
 * const adminAuth = createAdminSignInRoute({ baseUrl: server.url, adminSignIn, region: 'eu-west-1' });
 */
export function createAdminSignInRoute(
  options: AdminSignInRouteOptions,
): (request: HttpRequest) => Promise<HttpResponse | undefined> {
  const prefix = `${new URL(options.baseUrl).pathname.replace(/\/$/, '')}/admin/auth/`;
  const redirectUri = `${options.baseUrl}/admin/auth/callback`;
  const signIn = options.adminSignIn;
  const cookieOptions = (maxAgeSeconds: number) => ({
    path: '/',
    sameSite: 'Strict' as const,
    maxAgeSeconds,
  });

  const login = async (): Promise<HttpResponse> => {
    const start = await signIn.begin(redirectUri);
    return toIdentityProvider(start.redirectUrl, ADMIN_LOGIN_COOKIE, start.loginCookie, prefix);
  };

  const callback = async (request: HttpRequest): Promise<HttpResponse> => {
    const result = await signIn.complete({
      url: callbackUrl(redirectUri, request.query),
      state: request.query.state,
      loginCookie: cookieOf(request, ADMIN_LOGIN_COOKIE),
      sourceAddress: request.sourceIp ?? '0.0.0.0',
    });
    if (!result.ok) {
      options.logger?.warn('Admin single sign-on refused', { reason: result.reason });
      return page(...PAGES[result.reason]);
    }
    const maxAge = Math.floor((result.session.expiresAt - result.session.createdAt) / 1000);
    return redirect(
      prefix.slice(0, -'/auth/'.length),
      setCookie(ADMIN_SESSION_COOKIE, result.sessionCookie, cookieOptions(maxAge)),
    );
  };

  const session = async (cookie: string | undefined): Promise<HttpResponse> => {
    const current = cookie === undefined ? undefined : await signIn.session(cookie);
    if (!current) return json(401, { signedIn: false });
    return json(200, {
      signedIn: true,
      username: current.username,
      csrfToken: current.csrfToken,
      keyDelivered: current.keyDelivered,
      expiresAt: new Date(current.expiresAt).toISOString(),
    });
  };

  const key = async (cookie: string | undefined, request: HttpRequest): Promise<HttpResponse> => {
    const delivered = cookie && (await signIn.deliverKey(cookie, request.headers[CSRF_HEADER]));
    if (!delivered) return json(403, { message: 'No key to hand out: sign in again.' });
    return json(200, {
      AccessKeyId: delivered.accessKeyId,
      SecretAccessKey: delivered.secretAccessKey,
      Region: options.region,
      AllOrganizations: delivered.organizations === '*',
      ...(delivered.organizations === '*' ? {} : { OrganizationIds: delivered.organizations }),
      Expiration: new Date(delivered.expiresAt).toISOString(),
    });
  };

  const logout = async (cookie: string | undefined, request: HttpRequest): Promise<HttpResponse> => {
    const ended =
      cookie !== undefined &&
      (await signIn.signOut(cookie, request.headers[CSRF_HEADER], request.sourceIp ?? '0.0.0.0'));
    if (!ended) return json(403, { signedOut: false });
    return {
      statusCode: 204,
      headers: { ...PRIVATE_HEADERS, 'set-cookie': setCookie(ADMIN_SESSION_COOKIE, '', cookieOptions(0)) },
      body: '',
    };
  };

  return async (request) => {
    if (!request.path.startsWith(prefix)) return undefined;
    const action = `${request.method.toUpperCase()} ${request.path.slice(prefix.length)}`;
    const cookie = cookieOf(request, ADMIN_SESSION_COOKIE);
    if (action === 'GET login') return login();
    if (action === 'GET callback') return callback(request);
    if (action === 'GET session') return session(cookie);
    if (action === 'POST key') return key(cookie, request);
    if (action === 'POST logout') return logout(cookie, request);
    return undefined;
  };
}
