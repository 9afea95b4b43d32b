import type { AccessControlAction } from '../access-control/types';
/** Records and results of user sign-in and personal access tokens. Times are epoch milliseconds. */

/**
 * How a user proved who they are: the directory password, a personal access token, (an application acting as
 * the user) an impersonation role token, or a web session made by single sign-on.
 */
export type AuthMethod = 'password' | 'token' | 'impersonation' | 'session';

/** A user whose credential was verified and whose account may sign in: what every protocol front end acts as. */
export interface AuthenticatedUser {
  readonly organizationId: string;
  readonly userId: string;
  /** The user's primary e-mail address, lower-case. */
  readonly email: string;
  readonly method: AuthMethod;
  /** The token signed in with (method `token`). */
  readonly tokenId?: string;
  /** The token's scopes (method `token`); a password sign-in has no scope limit. */
  readonly scopes?: readonly string[];
  /** The role an application acts through (method `impersonation`); a read-only role may change nothing. */
  readonly impersonation?: { readonly roleId: string; readonly readOnly: boolean };
  /** Where the sign-in came from, for the mailbox access audit log. */
  readonly origin?: { readonly sourceIp: string; readonly userAgent?: string };
}

/**
 * Why a sign-in was refused. Only a verified credential learns more than `INVALID_CREDENTIALS`: `TOKEN_EXPIRED` and
 * `USER_DISABLED` are answered once the secret matched, so they reveal nothing to someone guessing.
 * - `NO_CREDENTIALS`: no Authorization header, or a scheme other than Basic and Bearer (answer with a challenge).
 * - `INVALID_CREDENTIALS`: unknown login, wrong password, unknown, revoked or malformed token.
 * - `THROTTLED`: too many recent failures from this source address (for this login, or for any): not checked.
 * - `TOKEN_EXPIRED`: the token is past its ExpiresTime.
 * - `USER_DISABLED`: the user is disabled, deleted, has no mailbox, or its organization is not Active.
 * - `ACCESS_DENIED`: the organization's access control rules deny this user the protocol from this address.
 * - `METHOD_NOT_ALLOWED`: the credential is right but the organization does not allow it: a directory password under
 *   `IDENTITY_PROVIDER_ONLY`, or a personal access token while tokens are INACTIVE.
 * - `CSRF_TOKEN_INVALID`: a web session's unsafe request without its CSRF token (`X-CSRF-Token`).
 */
export type SignInRefusalReason =
  | 'NO_CREDENTIALS'
  | 'INVALID_CREDENTIALS'
  | 'THROTTLED'
  | 'TOKEN_EXPIRED'
  | 'USER_DISABLED'
  | 'ACCESS_DENIED'
  | 'METHOD_NOT_ALLOWED'
  | 'CSRF_TOKEN_INVALID';

/** A refused sign-in; front ends map `reason` to their wire error (HTTP 401/429, IMAP NO, SMTP 535/454, …). */
export type SignInRefusal =
  | { readonly ok: false; readonly reason: 'THROTTLED'; readonly retryAfterSeconds: number }
  | { readonly ok: false; readonly reason: Exclude<SignInRefusalReason, 'THROTTLED'> };

/** The outcome of a sign-in: the authenticated user, or a typed refusal. */
export type SignInResult = { readonly ok: true; readonly user: AuthenticatedUser } | SignInRefusal;

/** Where a sign-in attempt comes from, as the front end saw it. */
export interface SignInContext {
  /** The client's IP address (IPv4 or IPv6); failures are counted per address (IPv6 per /64). */
  readonly sourceAddress: string;
  /** The organization the front end serves, if it knows one: logins may then also be user names. */
  readonly organizationId?: string;
  /**
   * The protocol the user signs in over, as access control rules name it; `null` for what is not mailbox access
   * (the local command line creating a token), which the rules do not govern.
   */
  readonly protocol: AccessControlAction | null;
  /** The client's User-Agent (HTTP) or ID (IMAP), for the authentication audit log. */
  readonly userAgent?: string;
  /** The front end's id of the request, shared by its audit records. @default - one per record */
  readonly requestId?: string;
}

/** A credential read from an Authorization header. */
export type Credential =
  | { readonly scheme: 'basic'; readonly login: string; readonly secret: string }
  | { readonly scheme: 'bearer'; readonly token: string };

/** A personal access token as stored: never its value, only a SHA-256 digest of it. */
export interface PersonalAccessToken {
  /** 32 lower-case hex digits; also part of the token value, so a sign-in reads one record. */
  readonly tokenId: string;
  readonly organizationId: string;
  readonly userId: string;
  readonly name: string;
  readonly scopes: readonly string[];
  /** base64url SHA-256 of the whole token value. */
  readonly tokenHash: string;
  readonly createdAt: number;
  readonly expiresAt: number;
  /** Updated at most once an hour per token. */
  readonly lastUsedAt?: number;
}

/** What may be shown of a token: everything but its digest. */
export type PersonalAccessTokenMetadata = Omit<PersonalAccessToken, 'tokenHash'>;

/** Failed sign-ins counted under one key, forgotten at `expiresAt`. */
export interface FailureCount {
  readonly failures: number;
  readonly lastFailureAt: number;
  readonly expiresAt: number;
}
