import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';

/** What the test issuer says about one of its users (their login is their `sub`). */
export interface IssuerAccount {
  readonly email?: string;
  readonly emailVerified?: boolean;
  readonly preferredUsername?: string;
  /** The `groups` claim (admin sign-in maps it to scopes). */
  readonly groups?: readonly string[];
}

/** A running OpenID provider (npm `oidc-provider`) on loopback, with one confidential client. */
export interface TestIssuer {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  stop(): Promise<void>;
}

/**
 * Starts a real OpenID provider on 127.0.0.1 with its development login form (any login, any password: the login
 * names an account of `accounts`) and one confidential client allowed to come back to `redirectUri`. The redirect
 * URIs may be given as a function, read at the first request: a runtime configured with this issuer's URL can
 * then be started after it.
 * @example
 * const issuer = await startTestIssuer(`${mw.url}/auth/callback`, { ana: { email: 'ana@example.com', emailVerified: true } });
 */
export async function startTestIssuer(
  redirectUri: string | (() => readonly string[]),
  accounts: Readonly<Record<string, IssuerAccount>>,
): Promise<TestIssuer> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'mailwright-web';
  const clientSecret = 'test-issuer-client-secret';
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = await exportJWK(privateKey);
  const redirectUris = () => (typeof redirectUri === 'string' ? [redirectUri] : [...redirectUri()]);
  const provider = () =>
    new Provider(issuer, {
      jwks: { keys: [{ ...signingKey, alg: 'RS256', use: 'sig', kid: 'test-issuer' }] },
      ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
      clients: [
        {
          client_id: clientId,
          client_secret: clientSecret,
          redirect_uris: redirectUris(),
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_basic',
        },
      ],
      claims: {
        openid: ['sub'],
        email: ['email', 'email_verified'],
        profile: ['preferred_username', 'groups'],
      },
      conformIdTokenClaims: false,
      cookies: { keys: ['test-issuer-cookie-key'] },
      features: { devInteractions: { enabled: true } },
      findAccount: async (_context, sub) => {
        const account = accounts[sub];
        if (!account) return undefined;
        return {
          accountId: sub,
          claims: async () => ({
            sub,
            ...(account.email
              ? { email: account.email, email_verified: account.emailVerified ?? false }
              : {}),
            ...(account.preferredUsername ? { preferred_username: account.preferredUsername } : {}),
            ...(account.groups ? { groups: [...account.groups] } : {}),
          }),
        };
      },
    });
  let callback: ReturnType<Provider['callback']> | undefined;
  server.on('request', (request, response) => {
    callback ??= provider().callback();
    void callback(request, response);
  });
  return {
    issuer,
    clientId,
    clientSecret,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
