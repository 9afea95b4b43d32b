import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import { OpenIdRelyingParty } from '../../lambdas/adapters/aws/openid-relying-party';
import type { OidcIssuerSettings } from '../../lambdas/core/sso/types';

const REDIRECT_URI = 'http://127.0.0.1:9/auth/callback';
const CLIENT_ID = 'mailwright-web';
const NONCE = 'nonce-0123456789';
const STATE = 'state-0123456789';

/**
 * A hand-made OpenID issuer on loopback: discovery, JWKS and a token endpoint answering with whatever ID token the
 * test signed, so every check of the relying party can be made to fail on its own.
 */
describe('Adapter: OpenIdRelyingParty against an issuer on loopback', () => {
  let server: Server;
  let issuer: string;
  let signingKey: CryptoKey;
  let publicJwk: JWK;
  let tokenAnswer: { status: number; body: unknown };
  const settings = (): OidcIssuerSettings => ({ issuer, clientId: CLIENT_ID, clientSecret: 'client-secret' });
  const relyingParty = new OpenIdRelyingParty({ allowLoopbackHttp: true });

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    signingKey = pair.privateKey;
    publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = createServer((request, response) => {
      const answer = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      if (request.url === '/.well-known/openid-configuration')
        return answer(200, {
          issuer,
          authorization_endpoint: `${issuer}/authorize`,
          token_endpoint: `${issuer}/token`,
          jwks_uri: `${issuer}/jwks`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
        });
      if (request.url === '/jwks') return answer(200, { keys: [publicJwk] });
      if (request.url === '/token') return answer(tokenAnswer.status, tokenAnswer.body);
      return answer(404, {});
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const idToken = async (
    claims: Record<string, unknown> = {},
    options: { key?: CryptoKey; expiresIn?: number | string } = {},
  ) =>
    new SignJWT({ nonce: NONCE, email: 'ana@example.com', email_verified: true, ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(typeof claims.iss === 'string' ? claims.iss : issuer)
      .setAudience(typeof claims.aud === 'string' ? claims.aud : CLIENT_ID)
      .setSubject('user-1')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 10)
      .setExpirationTime(options.expiresIn ?? '5m')
      .sign(options.key ?? signingKey);
  const redeemWith = async (token: string, callbackQuery = `code=c0de&state=${STATE}`) => {
    tokenAnswer = { status: 200, body: { access_token: 'at', token_type: 'Bearer', id_token: token } };
    return relyingParty.redeem(settings(), `${REDIRECT_URI}?${callbackQuery}`, {
      state: STATE,
      nonce: NONCE,
      codeVerifier: 'v'.repeat(43),
    });
  };

  it('builds an authorization URL with the client, redirect, state, nonce and an S256 challenge', async () => {
    const url = new URL(
      await relyingParty.authorizationUrl(settings(), {
        redirectUri: REDIRECT_URI,
        state: STATE,
        nonce: NONCE,
        codeChallenge: 'challenge-value',
      }),
    );

    expect(url.origin + url.pathname).toBe(`${issuer}/authorize`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      scope: 'openid email profile',
      state: STATE,
      nonce: NONCE,
      code_challenge: 'challenge-value',
      code_challenge_method: 'S256',
    });
  });

  it("returns the verified identity of a valid ID token, with the token's claims (admin sign-in reads groups)", async () => {
    const result = await redeemWith(await idToken({ preferred_username: 'ana', groups: ['mail-admins'] }));

    expect(result).toEqual({
      ok: true,
      identity: {
        subject: 'user-1',
        email: 'ana@example.com',
        emailVerified: true,
        preferredUsername: 'ana',
        claims: expect.objectContaining({
          sub: 'user-1',
          aud: 'mailwright-web',
          preferred_username: 'ana',
          groups: ['mail-admins'],
        }),
      },
    });
  });

  it.each([
    ['another audience', () => idToken({ aud: 'someone-else' })],
    ['another issuer', () => idToken({ iss: 'http://127.0.0.1:1' })],
    ['another nonce', () => idToken({ nonce: 'replayed-nonce' })],
    ['an expired token', () => idToken({}, { expiresIn: Math.floor(Date.now() / 1000) - 3600 })],
    [
      'a signature by another key',
      async () => idToken({}, { key: (await generateKeyPair('RS256')).privateKey }),
    ],
  ])('refuses an ID token with %s', async (_case, token) => {
    const result = await redeemWith(await token());

    expect(result).toEqual({ ok: false, reason: 'TOKEN_REJECTED' });
  });

  it("refuses a callback whose state is not the login's", async () => {
    const result = await redeemWith(await idToken(), 'code=c0de&state=another-state');

    expect(result).toEqual({ ok: false, reason: 'TOKEN_REJECTED' });
  });

  it("reports the issuer's own refusals: the callback's error, and the token endpoint's", async () => {
    const denied = await redeemWith(await idToken(), `error=access_denied&state=${STATE}`);
    tokenAnswer = { status: 400, body: { error: 'invalid_grant' } };
    const badGrant = await relyingParty.redeem(settings(), `${REDIRECT_URI}?code=c0de&state=${STATE}`, {
      state: STATE,
      nonce: NONCE,
      codeVerifier: 'v'.repeat(43),
    });

    expect([denied, badGrant]).toEqual([
      { ok: false, reason: 'ISSUER_ERROR' },
      { ok: false, reason: 'ISSUER_ERROR' },
    ]);
  });

  it('reports an issuer it cannot reach, and refuses an http issuer unless loopback http is allowed', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const expected = { state: STATE, nonce: NONCE, codeVerifier: 'v'.repeat(43) };

    const unreachable = await relyingParty.redeem(
      { issuer: `http://127.0.0.1:${port}`, clientId: CLIENT_ID },
      `${REDIRECT_URI}?code=c&state=${STATE}`,
      expected,
    );
    const strict = await new OpenIdRelyingParty().redeem(
      settings(),
      `${REDIRECT_URI}?code=c&state=${STATE}`,
      expected,
    );

    expect(unreachable).toEqual({ ok: false, reason: 'ISSUER_UNREACHABLE' });
    expect(strict).toEqual({ ok: false, reason: 'ISSUER_UNREACHABLE' });
  });
});
