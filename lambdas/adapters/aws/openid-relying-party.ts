import * as oidc from 'openid-client';
import type { AuthorizationRequest, OidcRelyingParty, RedemptionRefusal } from '../../core/sso/ports';
import type { OidcIssuerSettings, VerifiedIdentity } from '../../core/sso/types';
import { secretDigest } from '../../core/sso/secrets';

/** Options of {@link OpenIdRelyingParty}. */
export interface OpenIdRelyingPartyOptions {
  /** Allow `http://` issuers on loopback addresses (the local runtime and tests). @default false */
  readonly allowLoopbackHttp?: boolean;
}

type Redemption =
  | { readonly ok: true; readonly identity: VerifiedIdentity }
  | { readonly ok: false; readonly reason: RedemptionRefusal };

/**
 * {@link OidcRelyingParty} over `openid-client`: discovery (cached per issuer and client), the authorization code
 * grant with PKCE (S256), and ID token validation — issuer, audience, expiry, nonce and state by openid-client, and
 * the signature against the issuer's JWKS (non-repudiation checks on). A confidential client authenticates with
 * `client_secret_basic`; a public one sends none.
 * @example
 * const relyingParty = new OpenIdRelyingParty();
 * const url = await relyingParty.authorizationUrl(issuer, { redirectUri, state, nonce, codeChallenge });
 */
export class OpenIdRelyingParty implements OidcRelyingParty {
  private readonly configurations = new Map<string, Promise<oidc.Configuration>>();

  constructor(private readonly options: OpenIdRelyingPartyOptions = {}) {}

  async authorizationUrl(issuer: OidcIssuerSettings, request: AuthorizationRequest): Promise<string> {
    const configuration = await this.configurationOf(issuer);
    return oidc
      .buildAuthorizationUrl(configuration, {
        redirect_uri: request.redirectUri,
        response_type: 'code',
        scope: 'openid email profile',
        state: request.state,
        nonce: request.nonce,
        code_challenge: request.codeChallenge,
        code_challenge_method: 'S256',
      })
      .toString();
  }

  async redeem(
    issuer: OidcIssuerSettings,
    callbackUrl: string,
    expected: { readonly state: string; readonly nonce: string; readonly codeVerifier: string },
  ): Promise<Redemption> {
    let configuration: oidc.Configuration;
    try {
      configuration = await this.configurationOf(issuer);
    } catch (error) {
      if (error instanceof oidc.ClientError || error instanceof TypeError)
        return { ok: false, reason: 'ISSUER_UNREACHABLE' };
      throw error;
    }
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, new URL(callbackUrl), {
        pkceCodeVerifier: expected.codeVerifier,
        expectedState: expected.state,
        expectedNonce: expected.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims()!;
      return {
        ok: true,
        identity: {
          subject: claims.sub,
          ...(typeof claims.email === 'string' ? { email: claims.email } : {}),
          emailVerified: claims.email_verified === true,
          ...(typeof claims.preferred_username === 'string'
            ? { preferredUsername: claims.preferred_username }
            : {}),
          claims: { ...claims },
        },
      };
    } catch (error) {
      return { ok: false, reason: refusalOf(error) };
    }
  }

  private configurationOf(issuer: OidcIssuerSettings): Promise<oidc.Configuration> {
    const key = [issuer.issuer, issuer.clientId, secretDigest(issuer.clientSecret ?? '')].join('\n');
    let configuration = this.configurations.get(key);
    if (!configuration) {
      configuration = this.discover(issuer);
      // A failed discovery is not remembered: the next sign-in asks again.
      configuration.catch(() => this.configurations.delete(key));
      this.configurations.set(key, configuration);
    }
    return configuration;
  }

  private async discover(issuer: OidcIssuerSettings): Promise<oidc.Configuration> {
    const url = new URL(issuer.issuer);
    const insecure = this.options.allowLoopbackHttp === true && url.protocol === 'http:' && isLoopback(url);
    const configuration = await oidc.discovery(
      url,
      issuer.clientId,
      undefined,
      issuer.clientSecret === undefined ? oidc.None() : oidc.ClientSecretBasic(issuer.clientSecret),
      insecure ? { execute: [oidc.allowInsecureRequests] } : {},
    );
    oidc.enableNonRepudiationChecks(configuration);
    return configuration;
  }
}

/**
 * The issuer answered with an error (the callback's `error`, or the token endpoint's), could not be reached, or
 * its answer failed a check. Anything else is a fault and propagates.
 */
function refusalOf(error: unknown): RedemptionRefusal {
  if (error instanceof oidc.AuthorizationResponseError || error instanceof oidc.ResponseBodyError)
    return 'ISSUER_ERROR';
  if (error instanceof TypeError) return 'ISSUER_UNREACHABLE';
  if (error instanceof oidc.ClientError) return 'TOKEN_REJECTED';
  throw error;
}

function isLoopback(url: URL): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}
