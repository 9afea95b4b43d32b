import type { AdminAuditLog } from '../admin-audit/ports';
import type { AdminKeys } from '../auth/admin-keys';
import type { AdminKeyScope } from '../auth/types';
import { grantedScope, type AdminSignInSettings } from './admin-grants';
import type { AdminSessionStore, OidcRelyingParty, WebSessionStore } from './ports';
import { pkceChallenge, randomSecret, sameSecret, secretDigest } from './secrets';
import type { AdminSession, VerifiedIdentity } from './types';
import type { LoginCallback, LoginStart } from './web-sign-in';

/**
 * Pending admin logins share the web sign-in's store; this organization id marks them, so a user's pending login
 * can never finish as an admin's (and an admin's is refused by web sign-in: no organization has this id).
 */
export const ADMIN_LOGIN_MARK = '*admin';

/** What {@link AdminSignIn} reads and writes. */
export interface AdminSignInDeps {
  readonly settings: AdminSignInSettings;
  readonly relyingParty: OidcRelyingParty;
  readonly pendingLogins: Pick<WebSessionStore, 'putPendingLogin' | 'takePendingLogin'>;
  readonly sessions: AdminSessionStore;
  readonly keys: Pick<AdminKeys, 'create' | 'resolve' | 'revoke'>;
  readonly audit: Pick<AdminAuditLog, 'record'>;
  /** A new request id for the audit events. */
  readonly requestId: () => string;
  /** Epoch milliseconds now. @default Date.now */
  readonly now?: () => number;
}

/**
 * Why an admin sign-in failed: as for users (`LOGIN_EXPIRED`, `ISSUER_ERROR`, `ISSUER_UNREACHABLE`,
 * `TOKEN_REJECTED`), or `NOT_AUTHORIZED`: the verified identity is in no group the settings grant anything to.
 */
export type AdminSignInRefusal =
  'LOGIN_EXPIRED' | 'ISSUER_ERROR' | 'ISSUER_UNREACHABLE' | 'TOKEN_REJECTED' | 'NOT_AUTHORIZED';

/** The end of an admin sign-in: the session cookie's value and the session it names. */
export type AdminLoginResult =
  | { readonly ok: true; readonly sessionCookie: string; readonly session: AdminSession }
  | { readonly ok: false; readonly reason: AdminSignInRefusal };

/** The key a signed-in console signs its requests with (handed out once per sign-in). */
export interface DeliveredAdminKey {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly organizations: AdminKeyScope;
  readonly expiresAt: number;
}

/**
 * Admin console sign-in through the deployment's OpenID Connect issuer (authorization code + PKCE), ending in a
 * short-lived admin key scoped by the user's groups.
 *
 * Primary course:
 * 1. `begin`: draw state, nonce and PKCE verifier; keep them 10 minutes under the state's digest (marked as an
 *    admin login); send the browser to the issuer, the state also in a login cookie.
 * 2. `complete`: the callback's state must equal the login cookie's; take the pending admin login; redeem the code
 *    and verify the ID token; the groups claim must match a grant.
 * 3. Mint an admin key with that scope, expiring after the key lifetime; record `MailwrightService.AdminSignIn` in
 *    the admin audit; store a session (until the key expires) under a new cookie's digest, with a CSRF token.
 * 4. `deliverKey` (cookie + CSRF): the key and its secret, once.
 * 5. `signOut` (cookie + CSRF): revoke the key, end the session, record `MailwrightService.AdminSignOut`.
 * @example
 * const signIn = new AdminSignIn({ settings, relyingParty, pendingLogins, sessions, keys, audit, requestId });
 * const start = await signIn.begin('https://mail.example.com/admin/auth/callback');
 */
export class AdminSignIn {
  private readonly now: () => number;

  constructor(private readonly deps: AdminSignInDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Starts a sign-in; `redirectUri` is this site's admin callback URL, registered with the issuer. */
  async begin(redirectUri: string): Promise<Extract<LoginStart, { ok: true }>> {
    const [state, nonce, codeVerifier] = [randomSecret(), randomSecret(), randomSecret()];
    await this.deps.pendingLogins.putPendingLogin({
      stateDigest: secretDigest(state),
      organizationId: ADMIN_LOGIN_MARK,
      nonce,
      codeVerifier,
      returnTo: '/admin',
      expiresAt: this.now() + 600_000,
    });
    const redirectUrl = await this.deps.relyingParty.authorizationUrl(this.deps.settings.issuer, {
      redirectUri,
      state,
      nonce,
      codeChallenge: pkceChallenge(codeVerifier),
    });
    return { ok: true, redirectUrl, loginCookie: state };
  }

  /** Finishes a sign-in from the issuer's answer. */
  async complete(callback: LoginCallback): Promise<AdminLoginResult> {
    const refuse = (reason: AdminSignInRefusal): AdminLoginResult => ({ ok: false, reason });
    const { state, loginCookie } = callback;
    if (state === undefined || !sameSecret(loginCookie, state)) return refuse('LOGIN_EXPIRED');
    const pending = await this.deps.pendingLogins.takePendingLogin(secretDigest(state));
    if (!pending || pending.organizationId !== ADMIN_LOGIN_MARK || pending.expiresAt <= this.now())
      return refuse('LOGIN_EXPIRED');
    const redeemed = await this.deps.relyingParty.redeem(this.deps.settings.issuer, callback.url, {
      state,
      nonce: pending.nonce,
      codeVerifier: pending.codeVerifier,
    });
    if (!redeemed.ok) return refuse(redeemed.reason);
    const scope = grantedScope(this.deps.settings, redeemed.identity.claims ?? {});
    if (!scope) return refuse('NOT_AUTHORIZED');
    const username = usernameOf(redeemed.identity);
    const createdAt = this.now();
    const expiresAt = createdAt + (this.deps.settings.keyLifetimeMinutes ?? 60) * 60_000;
    const { key } = await this.deps.keys.create(scope, {
      description: `single sign-on: ${username}`.slice(0, 256),
      expiresAt,
    });
    await this.audit('MailwrightService.AdminSignIn', key.accessKeyId, callback.sourceAddress, username);
    const sessionCookie = randomSecret();
    const session: AdminSession = {
      sessionDigest: secretDigest(sessionCookie),
      accessKeyId: key.accessKeyId,
      username,
      csrfToken: randomSecret(),
      keyDelivered: false,
      createdAt,
      expiresAt,
    };
    await this.deps.sessions.putAdminSession(session);
    return { ok: true, sessionCookie, session };
  }

  /** The session a cookie names, while it lasts. */
  async session(sessionCookie: string): Promise<AdminSession | undefined> {
    const session = await this.deps.sessions.getAdminSession(secretDigest(sessionCookie));
    return session && session.expiresAt > this.now() ? session : undefined;
  }

  /**
   * The session's key with its secret, the first time only, when the request carries the session's CSRF token.
   * @returns undefined without a session, with a wrong token, or when the key was already handed out or revoked
   */
  async deliverKey(
    sessionCookie: string,
    csrfToken: string | undefined,
  ): Promise<DeliveredAdminKey | undefined> {
    const session = await this.session(sessionCookie);
    if (!session || !sameSecret(csrfToken, session.csrfToken)) return undefined;
    if (!(await this.deps.sessions.markKeyDelivered(session.sessionDigest))) return undefined;
    const key = await this.deps.keys.resolve(session.accessKeyId);
    if (!key) return undefined;
    return {
      accessKeyId: key.accessKeyId,
      secretAccessKey: key.secret,
      organizations: key.organizations,
      expiresAt: session.expiresAt,
    };
  }

  /**
   * Revokes the session's key and ends the session, when the request carries its CSRF token.
   * @returns false when there is no such session or the token is wrong
   */
  async signOut(
    sessionCookie: string,
    csrfToken: string | undefined,
    sourceAddress: string,
  ): Promise<boolean> {
    const session = await this.session(sessionCookie);
    if (!session || !sameSecret(csrfToken, session.csrfToken)) return false;
    await this.deps.keys.revoke(session.accessKeyId);
    await this.deps.sessions.deleteAdminSession(session.sessionDigest);
    await this.audit('MailwrightService.AdminSignOut', session.accessKeyId, sourceAddress, session.username);
    return true;
  }

  private audit(action: string, accessKeyId: string, sourceIp: string, username: string): Promise<void> {
    return this.deps.audit.record({
      time: this.now(),
      requestId: this.deps.requestId(),
      accessKeyId,
      action,
      resources: { UserName: username.slice(0, 256) },
      sourceIp,
      outcome: 'Success',
    });
  }
}

function usernameOf(identity: VerifiedIdentity): string {
  return (identity.emailVerified && identity.email) || identity.preferredUsername || identity.subject;
}
