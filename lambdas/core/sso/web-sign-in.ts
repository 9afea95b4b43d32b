import type { AccessControl } from '../access-control/access-control';
import type { SignInDirectory } from '../user-auth/ports';
import { maySignIn } from '../user-auth/sign-in-account';
import { matchDirectoryUser } from './identity-match';
import type { IdentityProviderStore, OidcRelyingParty, WebSessionStore } from './ports';
import { pkceChallenge, randomSecret, sameSecret, secretDigest } from './secrets';
import type { OidcIssuerSettings, WebSession } from './types';

/** What {@link WebSignIn} reads and writes. */
export interface WebSignInDeps extends SignInDirectory {
  readonly identityProviders: Pick<IdentityProviderStore, 'getConfiguration' | 'getApplication'>;
  readonly sessions: WebSessionStore;
  readonly relyingParty: OidcRelyingParty;
  readonly accessControl: Pick<AccessControl, 'effect'>;
  /** Test mail domains are `<alias>.<testDomainSuffix>`: how a login URL's organization alias is found. */
  readonly testDomainSuffix: string;
}

/** Options of {@link WebSignIn}. */
export interface WebSignInOptions {
  /** How long a session lasts, in ms (then the web app signs in again, silently while the issuer remembers the user). @default 3 600 000 */
  readonly sessionTtlMs?: number;
  /** How long the issuer may take to answer, in ms. @default 600 000 */
  readonly loginTtlMs?: number;
  /** Epoch milliseconds now. @default Date.now */
  readonly now?: () => number;
}

/**
 * Why a web sign-in failed. The front end shows one page per reason; none names another organization or says
 * whether an address exists elsewhere.
 * - `NOT_AVAILABLE`: unknown organization, or single sign-on not set up (configuration, application or issuer).
 * - `LOGIN_EXPIRED`: no pending login for this state in this browser (expired, used, forged or from another browser).
 * - `ISSUER_ERROR`, `ISSUER_UNREACHABLE`, `TOKEN_REJECTED`: the issuer refused, could not be reached, or its ID
 *   token failed verification (signature, issuer, audience, expiry, nonce or state).
 * - `USER_NOT_FOUND`: the verified identity matches no user of the organization.
 * - `USER_DISABLED`, `ACCESS_DENIED`: as in user sign-in (access control action `WebMail`).
 */
export type WebSignInRefusal =
  | 'NOT_AVAILABLE'
  | 'LOGIN_EXPIRED'
  | 'ISSUER_ERROR'
  | 'ISSUER_UNREACHABLE'
  | 'TOKEN_REJECTED'
  | 'USER_NOT_FOUND'
  | 'USER_DISABLED'
  | 'ACCESS_DENIED';

/** The start of a sign-in: send the browser to `redirectUrl`, remembering `loginCookie` in it. */
export type LoginStart =
  | { readonly ok: true; readonly redirectUrl: string; readonly loginCookie: string }
  | { readonly ok: false; readonly reason: 'NOT_AVAILABLE' };

/** The end of a sign-in: the session cookie's value and where the browser goes next. */
export type LoginResult =
  | {
      readonly ok: true;
      readonly sessionCookie: string;
      readonly session: WebSession;
      readonly returnTo: string;
    }
  | { readonly ok: false; readonly reason: WebSignInRefusal };

/** A login callback as the browser brought it. */
export interface LoginCallback {
  /** The whole callback URL (code, state, or the issuer's error). */
  readonly url: string;
  readonly state: string | undefined;
  /** The login cookie set by {@link WebSignIn.begin}, if the browser sent it. */
  readonly loginCookie: string | undefined;
  readonly sourceAddress: string;
}

const ALIAS = /^[\da-z]+(-[\da-z]+)*$/i;
const MAIL_DOMAIN = /^[\da-z]+(-[\da-z]+)*(\.[\da-z]+(-[\da-z]+)*)+$/i;

/**
 * OpenID Connect web sign-in (authorization code + PKCE) for an organization's users, through the issuer of the
 * Identity Center application its identity provider configuration names.
 *
 * Primary course:
 * 1. `begin`: find the organization (id, mail domain, or alias through its test domain), its configuration and the application's
 *    issuer; draw state, nonce and PKCE verifier; keep them 10 minutes under the state's digest; send the browser
 *    to the issuer, with the state also in a login cookie (so another browser cannot finish this sign-in).
 * 2. `complete`: the callback's state must equal the login cookie's; take (and so spend) the pending login.
 * 3. Redeem the code with the verifier and verify the ID token (signature, issuer, audience, expiry, nonce).
 * 4. Match the verified identity to a user of the pending login's organization only.
 * 5. The user must be allowed to sign in, and the access control rules must allow `WebMail` from the address.
 * 6. Store a session under the digest of a new 256-bit cookie value, with a CSRF token; return the value.
 * @example
 * const signIn = new WebSignIn({ organizations, entities, identityProviders, sessions, relyingParty, accessControl, testDomainSuffix });
 * const start = await signIn.begin('example', 'https://mail.example.com/auth/callback', '/');
 */
export class WebSignIn {
  private readonly now: () => number;
  private readonly sessionTtlMs: number;
  private readonly loginTtlMs: number;

  constructor(
    private readonly deps: WebSignInDeps,
    options: WebSignInOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.sessionTtlMs = options.sessionTtlMs ?? 3_600_000;
    this.loginTtlMs = options.loginTtlMs ?? 600_000;
  }

  /**
   * Starts a sign-in for an organization.
   * @param organization - its id, one of its mail domains, or its alias, as the login URL names it
   * @param redirectUri - this site's callback URL, registered with the issuer
   * @param returnTo - a path on this site to go to once signed in
   */
  async begin(organization: string, redirectUri: string, returnTo: string): Promise<LoginStart> {
    const organizationId = await this.organizationIdOf(organization);
    const issuer = organizationId && (await this.issuerOf(organizationId));
    if (!organizationId || !issuer) return { ok: false, reason: 'NOT_AVAILABLE' };
    const [state, nonce, codeVerifier] = [randomSecret(), randomSecret(), randomSecret()];
    await this.deps.sessions.putPendingLogin({
      stateDigest: secretDigest(state),
      organizationId,
      nonce,
      codeVerifier,
      returnTo,
      expiresAt: this.now() + this.loginTtlMs,
    });
    const redirectUrl = await this.deps.relyingParty.authorizationUrl(issuer, {
      redirectUri,
      state,
      nonce,
      codeChallenge: pkceChallenge(codeVerifier),
    });
    return { ok: true, redirectUrl, loginCookie: state };
  }

  /** Finishes a sign-in from the issuer's answer. */
  async complete(callback: LoginCallback): Promise<LoginResult> {
    const refuse = (reason: WebSignInRefusal): LoginResult => ({ ok: false, reason });
    const { state, loginCookie } = callback;
    if (state === undefined || !sameSecret(loginCookie, state)) return refuse('LOGIN_EXPIRED');
    const pending = await this.deps.sessions.takePendingLogin(secretDigest(state));
    if (!pending || pending.expiresAt <= this.now()) return refuse('LOGIN_EXPIRED');
    const issuer = await this.issuerOf(pending.organizationId);
    if (!issuer) return refuse('NOT_AVAILABLE');
    const redeemed = await this.deps.relyingParty.redeem(issuer, callback.url, {
      state,
      nonce: pending.nonce,
      codeVerifier: pending.codeVerifier,
    });
    if (!redeemed.ok) return refuse(redeemed.reason);
    const user = await matchDirectoryUser(this.deps, pending.organizationId, redeemed.identity);
    if (!user) return refuse('USER_NOT_FOUND');
    const organization = await this.deps.organizations.getOrganization(pending.organizationId);
    if (!maySignIn(organization, user)) return refuse('USER_DISABLED');
    const { effect } = await this.deps.accessControl.effect(pending.organizationId, {
      action: 'WebMail',
      ipAddress: callback.sourceAddress,
      userId: user.entityId,
    });
    if (effect === 'DENY') return refuse('ACCESS_DENIED');
    const sessionCookie = randomSecret();
    const createdAt = this.now();
    const session: WebSession = {
      sessionDigest: secretDigest(sessionCookie),
      organizationId: pending.organizationId,
      userId: user.entityId,
      csrfToken: randomSecret(),
      createdAt,
      expiresAt: createdAt + this.sessionTtlMs,
    };
    await this.deps.sessions.putSession(session);
    return { ok: true, sessionCookie, session, returnTo: pending.returnTo };
  }

  /** The session a cookie names, while it lasts (the web app reads its CSRF token through it). */
  async session(sessionCookie: string): Promise<WebSession | undefined> {
    const session = await this.deps.sessions.getSession(secretDigest(sessionCookie));
    return session && session.expiresAt > this.now() ? session : undefined;
  }

  /**
   * Ends the session a cookie names, at once (the next request with it is refused), if the request carries the
   * session's CSRF token: another site cannot sign the user out.
   * @returns false when there is no such session or the CSRF token is wrong
   */
  async signOut(sessionCookie: string, csrfToken: string | undefined): Promise<boolean> {
    const session = await this.session(sessionCookie);
    if (!session || !sameSecret(csrfToken, session.csrfToken)) return false;
    await this.deps.sessions.deleteSession(session.sessionDigest);
    return true;
  }

  /** An organization id, a mail domain of the organization (users know their address), or its alias. */
  private async organizationIdOf(reference: string): Promise<string | undefined> {
    if (/^m-[0-9a-f]{32}$/.test(reference)) return reference;
    if (MAIL_DOMAIN.test(reference)) return this.deps.organizations.findDomainOwner(reference.toLowerCase());
    if (!ALIAS.test(reference)) return undefined;
    const testDomain = `${reference.toLowerCase()}.${this.deps.testDomainSuffix}`;
    return this.deps.organizations.findDomainOwner(testDomain);
  }

  /** The issuer the organization signs in through; undefined while any piece is missing. */
  private async issuerOf(organizationId: string): Promise<OidcIssuerSettings | undefined> {
    const configuration = await this.deps.identityProviders.getConfiguration(organizationId);
    if (!configuration) return undefined;
    const application = await this.deps.identityProviders.getApplication(configuration.applicationArn);
    return application?.issuer;
  }
}
