import type { WebSignIn } from '../../../../lambdas/core/sso/web-sign-in';
import { cookieOf, signInFromRequest } from '../../../../lambdas/http/sso/session-cookie';
import { createWebSignInRoute } from '../../../../lambdas/http/sso/web-sign-in-route';
import type { HttpRequest } from '../../../../lambdas/http/types';

const request = (method: string, path: string, changes: Partial<HttpRequest> = {}): HttpRequest => ({
  method,
  path,
  query: {},
  headers: {},
  body: Buffer.alloc(0),
  sourceIp: '192.0.2.1',
  ...changes,
});

function route() {
  const begun: { organization: string; redirectUri: string; returnTo: string }[] = [];
  const webSignIn: Pick<WebSignIn, 'begin' | 'complete' | 'session' | 'signOut'> = {
    begin: async (organization, redirectUri, returnTo) => {
      begun.push({ organization, redirectUri, returnTo });
      return organization === 'acme'
        ? { ok: true, redirectUrl: 'https://idp.example.com/authorize?x=1', loginCookie: 'state-value' }
        : { ok: false, reason: 'NOT_AVAILABLE' };
    },
    complete: async (callback) =>
      callback.loginCookie === callback.state
        ? {
            ok: true,
            sessionCookie: 'session-value',
            returnTo: '/mail',
            session: {
              sessionDigest: 'd',
              organizationId: 'o',
              userId: 'u',
              csrfToken: 't',
              createdAt: 0,
              expiresAt: 1,
            },
          }
        : { ok: false, reason: 'LOGIN_EXPIRED' },
    session: async () => undefined,
    signOut: async () => false,
  };
  const authenticator = {
    authenticate: async () => ({ ok: false, reason: 'NO_CREDENTIALS' }) as const,
    authenticateSession: async () => ({ ok: false, reason: 'INVALID_CREDENTIALS' }) as const,
  };
  const warnings: unknown[] = [];
  const logger = {
    warn: (message: string, fields: Record<string, unknown>) => warnings.push([message, fields]),
  };
  return {
    begun,
    warnings,
    handle: createWebSignInRoute({
      baseUrl: 'https://mail.example.com/v1',
      webSignIn,
      authenticator,
      logger,
    }),
  };
}

describe('Front end: web sign-in routes', () => {
  it('redirects to the issuer with a Lax login cookie scoped to /auth/, under the base path', async () => {
    const { begun, handle } = route();

    const response = await handle(
      request('GET', '/v1/auth/acme/login', { query: { returnTo: '/mail?x=1' } }),
    );

    expect(response).toMatchObject({
      statusCode: 302,
      headers: {
        location: 'https://idp.example.com/authorize?x=1',
        'set-cookie': 'mw-sso-login=state-value; Path=/v1/auth/; Max-Age=600; HttpOnly; Secure; SameSite=Lax',
        'cache-control': 'no-store',
        'referrer-policy': 'no-referrer',
      },
    });
    expect(begun[0]).toEqual({
      organization: 'acme',
      redirectUri: 'https://mail.example.com/v1/auth/callback',
      returnTo: '/mail?x=1',
    });
  });

  it.each(['https://evil.example/', '//evil.example/', '/\\evil.example', 'mail', '/a b'])(
    'sends the browser home instead of to %s',
    async (returnTo) => {
      const { begun, handle } = route();

      await handle(request('GET', '/v1/auth/acme/login', { query: { returnTo } }));

      expect(begun[0]!.returnTo).toBe('/');
    },
  );

  it('answers an error page with fixed text and a closed content security policy', async () => {
    const { handle, warnings } = route();

    const unknown = await handle(request('GET', '/v1/auth/%3Cscript%3E/login'));
    const expired = await handle(
      request('GET', '/v1/auth/callback', { query: { state: 'a' }, headers: { cookie: 'mw-sso-login=b' } }),
    );

    expect(unknown).toMatchObject({
      statusCode: 404,
      headers: { 'content-security-policy': "default-src 'none'" },
    });
    expect(String(unknown!.body)).not.toContain('script');
    expect(expired!.statusCode).toBe(400);
    expect(warnings).toEqual([
      ['Single sign-on refused', { reason: 'NOT_AVAILABLE' }],
      ['Single sign-on refused', { reason: 'LOGIN_EXPIRED' }],
    ]);
  });

  it('sets the session cookie (__Host-, HttpOnly, Secure, SameSite=Strict) and goes to returnTo', async () => {
    const { handle } = route();

    const response = await handle(
      request('GET', '/v1/auth/callback', {
        query: { state: 's', code: 'c' },
        headers: { cookie: 'other=1; mw-sso-login=s' },
      }),
    );

    expect(response).toMatchObject({
      statusCode: 302,
      headers: {
        location: '/mail',
        'set-cookie':
          '__Host-mw-session=session-value; Path=/; Max-Age=3600; HttpOnly; Secure; SameSite=Strict',
      },
    });
  });

  it('leaves other paths and methods to the next front end', async () => {
    const { handle } = route();

    const outcomes = await Promise.all([
      handle(request('GET', '/jmap/api/')),
      handle(request('POST', '/v1/auth/acme/login')),
      handle(request('GET', '/v1/auth/logout')),
    ]);

    expect(outcomes).toEqual([undefined, undefined, undefined]);
  });

  it('answers the session endpoint and logout without a session as signed out', async () => {
    const { handle } = route();

    const session = await handle(request('GET', '/v1/auth/session'));
    const logout = await handle(
      request('POST', '/v1/auth/logout', { headers: { cookie: '__Host-mw-session=x' } }),
    );

    expect([session!.statusCode, logout!.statusCode]).toEqual([401, 403]);
  });
});

describe('Front end: the session cookie', () => {
  it('reads one cookie among several', () => {
    const req = request('GET', '/', { headers: { cookie: 'a=1; __Host-mw-session=abc=; b=2' } });

    expect(cookieOf(req, '__Host-mw-session')).toBe('abc=');
    expect(cookieOf(req, 'c')).toBeUndefined();
  });

  it('prefers the Authorization header, else the cookie with the CSRF header for unsafe methods', async () => {
    const calls: unknown[] = [];
    const signIn = signInFromRequest(
      {
        authenticate: async (authorization) => {
          calls.push(['header', authorization]);
          return { ok: false, reason: 'NO_CREDENTIALS' };
        },
        authenticateSession: async (cookie, session) => {
          calls.push(['session', cookie, session]);
          return { ok: false, reason: 'INVALID_CREDENTIALS' };
        },
      },
      'JMAP',
    );

    await signIn(
      request('POST', '/', { headers: { authorization: 'Basic x', cookie: '__Host-mw-session=c' } }),
    );
    await signIn(request('POST', '/', { headers: { cookie: '__Host-mw-session=c', 'x-csrf-token': 't' } }));
    await signIn(request('GET', '/', { headers: { cookie: '__Host-mw-session=c' } }));
    await signIn(request('GET', '/'));

    expect(calls).toEqual([
      ['header', 'Basic x'],
      ['session', 'c', { unsafe: true, csrfToken: 't' }],
      ['session', 'c', { unsafe: false }],
      ['header', undefined],
    ]);
  });
});
