import type {
  AdminSession,
  IdentityCenterApplication,
  IdentityProviderConfiguration,
  OidcIssuerSettings,
  PendingLogin,
  VerifiedIdentity,
  WebSession,
} from './types';

/**
 * Identity provider configurations and Identity Center applications (Directory table). Adapter:
 * DynamoDbIdentityProviderStore.
 */
export interface IdentityProviderStore {
  /** The organization's configuration; undefined when none was put or it was deleted. */
  getConfiguration(organizationId: string): Promise<IdentityProviderConfiguration | undefined>;
  /**
   * Replaces the organization's configuration, counting it on the application it names (and off the one it named
   * before), atomically.
   * @returns `'no-application'` when the application is not recorded
   */
  putConfiguration(configuration: IdentityProviderConfiguration): Promise<'ok' | 'no-application'>;
  /** Removes the configuration (and its count on its application); removing a missing one succeeds. */
  deleteConfiguration(organizationId: string): Promise<void>;
  /** Records an application; false when its ARN is taken (ids are random: a fault, not a refusal). */
  createApplication(application: IdentityCenterApplication): Promise<boolean>;
  /** The application, with its issuer's client secret opened. */
  getApplication(applicationArn: string): Promise<IdentityCenterApplication | undefined>;
  /** Sets the issuer an application signs in through; false when the application is not recorded. */
  putIssuer(applicationArn: string, issuer: OidcIssuerSettings): Promise<boolean>;
  /**
   * Deletes an application no organization names.
   * @returns `'in-use'` while an organization's configuration names it; deleting a missing one is `'ok'`
   */
  deleteApplication(applicationArn: string): Promise<'ok' | 'in-use'>;
}

/** Pending logins and web sessions (Directory table, expiring through TTL). Adapter: DynamoDbWebSessionStore. */
export interface WebSessionStore {
  putPendingLogin(login: PendingLogin): Promise<void>;
  /** Removes and returns a pending login (single use); undefined when there is none. */
  takePendingLogin(stateDigest: string): Promise<PendingLogin | undefined>;
  putSession(session: WebSession): Promise<void>;
  getSession(sessionDigest: string): Promise<WebSession | undefined>;
  deleteSession(sessionDigest: string): Promise<void>;
}

/** Admin console sessions (Directory table, expiring through TTL). Adapter: DynamoDbAdminSessionStore. */
export interface AdminSessionStore {
  putAdminSession(session: AdminSession): Promise<void>;
  getAdminSession(sessionDigest: string): Promise<AdminSession | undefined>;
  /** Marks the session's key handed out, atomically; false when it already was or there is no such session. */
  markKeyDelivered(sessionDigest: string): Promise<boolean>;
  deleteAdminSession(sessionDigest: string): Promise<void>;
}

/** What the relying party sends an issuer: where to come back, and the values the answer must carry. */
export interface AuthorizationRequest {
  readonly redirectUri: string;
  readonly state: string;
  readonly nonce: string;
  /** base64url SHA-256 of the PKCE verifier (method S256). */
  readonly codeChallenge: string;
}

/** Why an issuer's answer was refused (the front end shows one page for all: the reason is for the log). */
export type RedemptionRefusal = 'ISSUER_ERROR' | 'ISSUER_UNREACHABLE' | 'TOKEN_REJECTED';

/** The OpenID Connect relying party (authorization code + PKCE). Adapter: OpenIdClientRelyingParty. */
export interface OidcRelyingParty {
  /** The issuer's authorization URL for this request (reads the issuer's discovery document). */
  authorizationUrl(issuer: OidcIssuerSettings, request: AuthorizationRequest): Promise<string>;
  /**
   * Redeems the code in the callback URL and verifies the ID token: signature (the issuer's JWKS), issuer,
   * audience, expiry, nonce and state.
   */
  redeem(
    issuer: OidcIssuerSettings,
    callbackUrl: string,
    expected: { readonly state: string; readonly nonce: string; readonly codeVerifier: string },
  ): Promise<
    | { readonly ok: true; readonly identity: VerifiedIdentity }
    | { readonly ok: false; readonly reason: RedemptionRefusal }
  >;
}
