/**
 * Single sign-on records: an organization's identity provider configuration (WorkMail's
 * IdentityProviderConfiguration), the Identity Center applications it names, the OpenID Connect issuer an
 * application signs users in through, and web sign-in's pending logins and sessions. Times are epoch milliseconds.
 */

/** Which credentials the organization's users sign in with (WorkMail's `AuthenticationMode`). */
export type AuthenticationMode = 'IDENTITY_PROVIDER_ONLY' | 'IDENTITY_PROVIDER_AND_DIRECTORY';

/** Whether users may create and use personal access tokens. */
export type PersonalAccessTokenStatus = 'ACTIVE' | 'INACTIVE';

/** An organization's identity provider configuration. */
export interface IdentityProviderConfiguration {
  readonly organizationId: string;
  readonly authenticationMode: AuthenticationMode;
  readonly instanceArn: string;
  readonly applicationArn: string;
  readonly personalAccessTokens: {
    readonly status: PersonalAccessTokenStatus;
    /** Lifetime of new tokens in days, 1–3653; absent: the longest (3653). */
    readonly lifetimeInDays?: number;
  };
  readonly updatedAt: number;
}

/**
 * The OpenID Connect issuer an Identity Center application signs users in through: IAM Identity Center, Cognito or
 * any issuer that offers discovery, the authorization code flow and PKCE.
 */
export interface OidcIssuerSettings {
  /** The issuer URL (`iss`), whose `/.well-known/openid-configuration` is read. */
  readonly issuer: string;
  readonly clientId: string;
  /** The client secret of a confidential client; absent for a public client (PKCE only). Never shown. */
  readonly clientSecret?: string;
}

/** An application recorded by CreateIdentityCenterApplication (account-wide, like WorkMail's). */
export interface IdentityCenterApplication {
  readonly applicationArn: string;
  readonly name: string;
  readonly instanceArn: string;
  readonly createdAt: number;
  /** Absent until PutIdentityCenterApplicationIssuer names one: web sign-in is off until then. */
  readonly issuer?: OidcIssuerSettings;
  /** Organizations whose identity provider configuration names this application. */
  readonly organizationCount: number;
}

/** A web sign-in between the redirect to the issuer and its answer (single use, 10 minutes). */
export interface PendingLogin {
  /** SHA-256 (base64url) of the `state` value sent to the issuer: the record's key. */
  readonly stateDigest: string;
  readonly organizationId: string;
  readonly nonce: string;
  /** The PKCE verifier whose S256 challenge went to the issuer. */
  readonly codeVerifier: string;
  /** Where the browser goes once signed in: a path on this site. */
  readonly returnTo: string;
  readonly expiresAt: number;
}

/** A signed-in browser: what the session cookie's value names. */
export interface WebSession {
  /** SHA-256 (base64url) of the cookie value: the record's key, so a stolen table reveals no cookie. */
  readonly sessionDigest: string;
  readonly organizationId: string;
  readonly userId: string;
  /** Sent back in the `X-CSRF-Token` header of unsafe requests (not a credential: the cookie is). */
  readonly csrfToken: string;
  readonly createdAt: number;
  readonly expiresAt: number;
}

/** What a verified ID token says about the user (the claims single sign-on uses). */
export interface VerifiedIdentity {
  /** The issuer's user id (`sub`). */
  readonly subject: string;
  readonly email?: string;
  readonly emailVerified: boolean;
  readonly preferredUsername?: string;
  /** Every claim of the ID token (admin sign-in reads its groups claim). @default - none read */
  readonly claims?: Readonly<Record<string, unknown>>;
}

/**
 * A signed-in admin console: what its session cookie's value names. Its admin key is minted at sign-in and handed
 * to the console once; the session ends with the key.
 */
export interface AdminSession {
  /** SHA-256 (base64url) of the cookie value: the record's key. */
  readonly sessionDigest: string;
  /** The short-lived admin key minted for this sign-in (its secret stays in the key record, wrapped). */
  readonly accessKeyId: string;
  /** Who signed in, as the issuer names them (e-mail, else preferred username, else subject): for display. */
  readonly username: string;
  readonly csrfToken: string;
  /** True once the console has fetched the key. */
  readonly keyDelivered: boolean;
  readonly createdAt: number;
  readonly expiresAt: number;
}
