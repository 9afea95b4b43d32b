import type { AccessControl } from '../access-control/access-control';
import type { AuditEvents } from '../audit-logs/ports';
import { PASSWORD_HASH_PARAMETERS, verifyPassword } from '../directory/passwords';
import type { ImpersonationStore } from '../impersonation/ports';
import { passwordsAllowed, tokensAllowed } from '../sso/sign-in-policy';
import { roleTokenIdOf } from '../impersonation/role-tokens';
import { impersonationSignIn } from './impersonation-sign-in';
import {
  loginOrganization,
  reportAuthentication,
  reportRefusal,
  reportRoleRules,
  reportRuleEvaluation,
  signInOrigin,
  type AttemptSubject,
} from './sign-in-audit';
import { sessionSignIn, type SessionRequest, type SessionSignInDeps } from './session-sign-in';
import type { Entity } from '../directory/types';
import { basicCredential, parseAuthorization } from './authorization-header';
import { PasswordCache } from './password-cache';
import type { PersonalAccessTokenStore, SignInAttemptStore, SignInDirectory } from './ports';
import { findLoginUser, loginNames, maySignIn, readAccount } from './sign-in-account';
import { DEFAULT_THROTTLE_POLICIES, SignInThrottle, type ThrottlePolicies } from './sign-in-throttle';
import { tokenIdOf, tokenMatches } from './token-format';
import type {
  AuthenticatedUser,
  Credential,
  PersonalAccessToken,
  SignInContext,
  SignInRefusal,
  SignInResult,
} from './types';

/** What {@link UserAuthenticator} reads and writes. */
export interface UserAuthenticatorDeps extends SignInDirectory, SessionSignInDeps {
  readonly tokens: PersonalAccessTokenStore;
  readonly attempts: SignInAttemptStore;
  /** The organizations' access control rules, asked once the credential is verified. */
  readonly accessControl: Pick<AccessControl, 'effect'>;
  /** Impersonation roles and their tokens (an application signing in as a user). */
  readonly impersonation: Pick<ImpersonationStore, 'getRole' | 'getToken'>;
  /** Where attempts and rule evaluations are reported (authentication and access control audit logs). */
  readonly audit?: AuditEvents;
}

/** Options of {@link UserAuthenticator}. */
export interface UserAuthenticatorOptions {
  /** How long a verified password skips scrypt, in ms; at most 60 000, 0 turns the cache off. @default 60 000 */
  readonly passwordCacheTtlMs?: number;
  /** Most passwords remembered; the oldest go first. @default 10 000 */
  readonly passwordCacheEntries?: number;
  /** Backoff of failed sign-ins. @default - {@link DEFAULT_THROTTLE_POLICIES} */
  readonly throttle?: ThrottlePolicies;
  /** A token's DateLastUsed is written at most this often, in ms. @default 3 600 000 */
  readonly lastUsedResolutionMs?: number;
  /** Epoch milliseconds now. @default Date.now */
  readonly now?: () => number;
  /** Checks a password against a stored hash. @default - scrypt, {@link verifyPassword} */
  readonly verifyPassword?: (password: string, storedHash: string) => Promise<boolean>;
}

/**
 * Checked when a login names nobody or a user without a password, so that costs what a wrong password costs.
 * Well-formed, with the current parameters; no password hashes to it.
 */
export const UNUSABLE_PASSWORD_HASH = (() => {
  const { N, r, p, keyLength, saltLength } = PASSWORD_HASH_PARAMETERS;
  const zeros = (length: number) => Buffer.alloc(length).toString('base64');
  return ['scrypt', N, r, p, zeros(saltLength), zeros(keyLength)].join('$');
})();

const refuse = (reason: Exclude<SignInRefusal['reason'], 'THROTTLED'>): SignInRefusal => ({
  ok: false,
  reason,
});
const throttled = (ms: number): SignInRefusal => ({
  ok: false,
  reason: 'THROTTLED',
  retryAfterSeconds: Math.ceil(ms / 1000),
});

/**
 * Signs directory users in, for every protocol front end: `Basic base64(login:secret)` where the secret is the
 * directory password or a personal access token, and `Bearer <token>`. Returns the user or a typed refusal; throws
 * only infrastructure failures.
 *
 * Password primary course:
 * 1. A password verified in the last 60 s (same login and organization): re-read the user and organization, and
 *    succeed if the user may still sign in with the same stored hash. Otherwise forget it and go on.
 * 2. Count the attempt in advance under the (login, source) and the source keys; refuse it at once (THROTTLED, and
 *    take the count back) while either count asks to wait.
 * 3. Find the user the login names and check the password with scrypt, against a dummy hash when there is no user
 *    or no password, so misses cost what hits cost.
 * 4. A mismatch stays counted: INVALID_CREDENTIALS.
 * 5. A match clears the (login, source) count and takes back the source's; the user must still be allowed to sign
 *    in (USER_DISABLED); then it is remembered (1).
 * 6. Every success, remembered or not, ends with the organization's access control rules for the protocol and the
 *    source address (ACCESS_DENIED), before the front end reads anything.
 * 7. Every attempt whose organization is known is reported to the authentication audit log (with the login used,
 *    the refusal, the token), and every rule evaluation to the access control audit log (sign-in-audit.ts).
 *
 * Under `IDENTITY_PROVIDER_ONLY` a verified password is refused (METHOD_NOT_ALLOWED), on every protocol; so is a
 * verified token while the organization's personal access tokens are INACTIVE.
 *
 * Token primary course: the same counts, read (not reserved: a 256-bit secret cannot be guessed, the throttle only
 * sheds load), one read of the token by the id in its value, a constant-time digest comparison, then (only for a matching token) expiry, the user's state and, for Basic, that the login names the
 * token's user. Tokens are not cached: a revoked token fails on its next use. DateLastUsed is written at most
 * hourly.
 * @example
 * const auth = new UserAuthenticator({ organizations, entities, tokens, attempts, accessControl });
 * const result = await auth.authenticate(request.headers.authorization, { sourceAddress: request.sourceIp, protocol: 'JMAP' });
 * if (!result.ok) return unauthorized(result.reason);
 */
export class UserAuthenticator {
  private readonly cache: PasswordCache;
  private readonly throttle: SignInThrottle;
  private readonly now: () => number;
  private readonly verify: (password: string, storedHash: string) => Promise<boolean>;
  private readonly lastUsedResolutionMs: number;

  constructor(
    private readonly deps: UserAuthenticatorDeps,
    options: UserAuthenticatorOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.cache = new PasswordCache({
      ttlMs: options.passwordCacheTtlMs ?? 60_000,
      maxEntries: options.passwordCacheEntries ?? 10_000,
      now: this.now,
    });
    this.throttle = new SignInThrottle(
      deps.attempts,
      options.throttle ?? DEFAULT_THROTTLE_POLICIES,
      this.now,
    );
    this.verify = options.verifyPassword ?? verifyPassword;
    this.lastUsedResolutionMs = options.lastUsedResolutionMs ?? 3_600_000;
  }

  /**
   * Signs in with an HTTP Authorization header.
   * @param authorization - the header value, if any
   * @param context - the client's address and the organization the front end serves
   */
  async authenticate(authorization: string | undefined, context: SignInContext): Promise<SignInResult> {
    const credential = parseAuthorization(authorization);
    if (credential === 'absent') return refuse('NO_CREDENTIALS');
    if (credential === 'malformed') return refuse('INVALID_CREDENTIALS');
    return this.signIn(credential, context);
  }

  /**
   * Signs in with a login and a password or token given some other way (SASL PLAIN, a command-line prompt).
   * @example
   * const result = await auth.signInWithPassword('ana@example.com', password, { sourceAddress: '127.0.0.1', protocol: 'IMAP' });
   */
  async signInWithPassword(login: string, secret: string, context: SignInContext): Promise<SignInResult> {
    const credential = basicCredential(login, secret);
    return credential === 'malformed' ? refuse('INVALID_CREDENTIALS') : this.signIn(credential, context);
  }

  /**
   * Signs in with a single sign-on session cookie ({@link sessionSignIn}), then the access control rules.
   * @param cookie - the session cookie's value
   * @param request - the request's method class and CSRF header
   * @example
   * const result = await auth.authenticateSession(cookie, { unsafe: true, csrfToken: headers['x-csrf-token'] }, context);
   */
  async authenticateSession(
    cookie: string,
    request: SessionRequest,
    context: SignInContext,
  ): Promise<SignInResult> {
    const result = await sessionSignIn(this.deps, cookie, request, this.now());
    return typeof result === 'string'
      ? refuse(result as Exclude<SignInRefusal['reason'], 'THROTTLED'>)
      : this.admit(result, context, undefined);
  }

  private signIn(credential: Credential, context: SignInContext): Promise<SignInResult> {
    if (credential.scheme === 'bearer') return this.tokenSignIn(credential.token, undefined, context);
    const login = credential.login.toLowerCase();
    if (tokenIdOf(credential.secret)) return this.tokenSignIn(credential.secret, login, context);
    if (roleTokenIdOf(credential.secret)) return this.roleSignIn(credential.secret, login, context);
    return this.passwordSignIn(login, credential.secret, context);
  }

  private async passwordSignIn(
    login: string,
    password: string,
    context: SignInContext,
  ): Promise<SignInResult> {
    const fail = (subject: AttemptSubject, refusal: SignInRefusal) =>
      reportRefusal(this.deps.audit, context, login, subject, refusal);
    const entryKey = this.cache.keyOf(context.organizationId, login, password);
    const remembered = this.cache.get(entryKey);
    if (remembered) {
      // A throttled source is refused even with a remembered password: else a guesser, refused at once for every
      // wrong guess, would learn a right one at full speed while the real user's sign-in is cached.
      const check = await this.throttle.check(`login:${login}`, context.sourceAddress);
      if (check.retryAfterMs > 0) return throttled(check.retryAfterMs);
      const [{ organization, user }, configuration] = await Promise.all([
        readAccount(this.deps, remembered.organizationId, remembered.userId),
        this.deps.identityProviders?.getConfiguration(remembered.organizationId),
      ]);
      const unchanged =
        maySignIn(organization, user) &&
        passwordsAllowed(configuration) &&
        user.passwordHash === remembered.passwordHash &&
        loginNames(user, login, context.organizationId);
      if (unchanged) return this.admit(signedInAs(user!), context, login);
      this.cache.delete(entryKey);
    }
    const attempt = await this.throttle.reserve(`login:${login}`, context.sourceAddress);
    // A throttled attempt is reported without reading the login's organization: the backoff sheds load.
    if (attempt.retryAfterMs > 0)
      return fail({ organizationId: context.organizationId }, throttled(attempt.retryAfterMs));
    const found = await findLoginUser(this.deps, login, context.organizationId);
    const storedHash = found?.passwordHash;
    const matches = await this.verify(password, storedHash ?? UNUSABLE_PASSWORD_HASH);
    const verified = found !== undefined && storedHash !== undefined && matches;
    await this.throttle.settle(attempt, verified);
    const subject = found && { organizationId: found.organizationId, userId: found.entityId };
    const loginSubject = async () => ({ organizationId: await loginOrganization(this.deps, login, context) });
    if (!verified) return fail(subject ?? (await loginSubject()), refuse('INVALID_CREDENTIALS'));
    const [organization, configuration] = await Promise.all([
      this.deps.organizations.getOrganization(found.organizationId),
      this.deps.identityProviders?.getConfiguration(found.organizationId),
    ]);
    if (!maySignIn(organization, found)) return fail(subject!, refuse('USER_DISABLED'));
    if (!passwordsAllowed(configuration)) return fail(subject!, refuse('METHOD_NOT_ALLOWED'));
    this.cache.set(entryKey, {
      organizationId: found.organizationId,
      userId: found.entityId,
      passwordHash: storedHash,
    });
    return this.admit(signedInAs(found), context, login);
  }

  private async tokenSignIn(
    value: string,
    login: string | undefined,
    context: SignInContext,
  ): Promise<SignInResult> {
    const tokenId = tokenIdOf(value);
    if (!tokenId) return refuse('INVALID_CREDENTIALS');
    // The failure count and the token are read together: one round trip, not two, per request.
    const [check, token] = await Promise.all([
      this.throttle.check(login ? `login:${login}` : `token:${tokenId}`, context.sourceAddress),
      this.deps.tokens.getToken(tokenId),
    ]);
    const fail = (subject: AttemptSubject, refusal: SignInRefusal, as = login ?? '') =>
      reportRefusal(this.deps.audit, context, as, subject, refusal);
    const tokenSubject = token ? { organizationId: token.organizationId, tokenId } : {};
    if (check.retryAfterMs > 0) return fail(tokenSubject, throttled(check.retryAfterMs));
    const matches = tokenMatches(value, token?.tokenHash);
    const [account, configuration] =
      token && matches
        ? await Promise.all([
            readAccount(this.deps, token.organizationId, token.userId),
            this.deps.identityProviders?.getConfiguration(token.organizationId),
          ])
        : [undefined, undefined];
    const user = account?.user;
    const loginMismatch = login !== undefined && !(user && loginNames(user, login, context.organizationId));
    const verified = token !== undefined && matches && !loginMismatch;
    await this.throttle.record(check, verified);
    if (!verified) return fail(tokenSubject, refuse('INVALID_CREDENTIALS'));
    const subject = { ...tokenSubject, userId: token.userId };
    const userLogin = login ?? user?.email ?? '';
    if (token.expiresAt <= this.now()) return fail(subject, refuse('TOKEN_EXPIRED'), userLogin);
    if (!maySignIn(account!.organization, user)) return fail(subject, refuse('USER_DISABLED'), userLogin);
    if (!tokensAllowed(configuration)) return fail(subject, refuse('METHOD_NOT_ALLOWED'), userLogin);
    await this.recordUse(token);
    return this.admit(signedInAs(user, token), context, userLogin);
  }

  /** An application signing in as `login` with an impersonation role token (throttled like other tokens). */
  private async roleSignIn(value: string, login: string, context: SignInContext): Promise<SignInResult> {
    const check = await this.throttle.check(`token:${roleTokenIdOf(value)}`, context.sourceAddress);
    if (check.retryAfterMs > 0) return throttled(check.retryAfterMs);
    const outcome = await impersonationSignIn(this.deps, login, value, this.now());
    await this.throttle.record(check, outcome.verified);
    const { result, subject = {} } = outcome;
    await reportRoleRules(this.deps.audit, context, outcome);
    if (typeof result !== 'string') return this.admit(result, context, login);
    const refusal = refuse(result as Exclude<SignInRefusal['reason'], 'THROTTLED'>);
    return reportRefusal(this.deps.audit, context, login, subject, refusal);
  }

  private async recordUse(token: PersonalAccessToken): Promise<void> {
    const now = this.now();
    const unchangedSince = now - this.lastUsedResolutionMs;
    if (token.lastUsedAt === undefined || token.lastUsedAt <= unchangedSince) {
      await this.deps.tokens.recordUse(token.tokenId, now, unchangedSince);
    }
  }

  /**
   * The last step of every sign-in: the access control rules for the protocol and address — for the user, or for
   * the impersonation role an application signed in through — then success.
   * @param login - the login the attempt used, for the authentication audit log; none for a web app session, which
   *   WorkMail's authentication logs leave out
   */
  private async admit(
    user: AuthenticatedUser,
    context: SignInContext,
    login: string | undefined,
  ): Promise<SignInResult> {
    if (login !== undefined) await reportAuthentication(this.deps.audit, context, login, {}, user);
    if (context.protocol !== null) {
      const who = user.impersonation
        ? { impersonationRoleId: user.impersonation.roleId }
        : { userId: user.userId };
      const { effect, matchedRules } = await this.deps.accessControl.effect(user.organizationId, {
        action: context.protocol,
        ipAddress: context.sourceAddress,
        ...who,
      });
      const granted = effect === 'ALLOW';
      await reportRuleEvaluation(this.deps.audit, context, user, 'AccessControl', granted, matchedRules[0]);
      if (effect === 'DENY') return refuse('ACCESS_DENIED');
    }
    return { ok: true, user: { ...user, origin: signInOrigin(context) } };
  }
}

/** The user a password or personal access token signed in. */
function signedInAs(user: Entity, token?: PersonalAccessToken): AuthenticatedUser {
  const base = { organizationId: user.organizationId, userId: user.entityId, email: user.email! };
  return token
    ? { ...base, method: 'token', tokenId: token.tokenId, scopes: token.scopes }
    : { ...base, method: 'password' };
}
