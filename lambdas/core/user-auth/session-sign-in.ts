import type { IdentityProviderStore, WebSessionStore } from '../sso/ports';
import { sameSecret, secretDigest } from '../sso/secrets';
import type { SignInDirectory } from './ports';
import { maySignIn, readAccount } from './sign-in-account';
import type { AuthenticatedUser, SignInRefusalReason } from './types';

/** What a web session sign-in reads (and the authenticator's single sign-on deps). */
export interface SessionSignInDeps extends SignInDirectory {
  /**
   * The organizations' identity provider configurations: `IDENTITY_PROVIDER_ONLY` refuses directory passwords,
   * INACTIVE personal access tokens are refused, and web sessions end with the configuration.
   * @default - no organization uses single sign-on
   */
  readonly identityProviders?: Pick<IdentityProviderStore, 'getConfiguration'>;
  /** Web sessions made by single sign-on (the session cookie). @default - no session signs in */
  readonly sessions?: Pick<WebSessionStore, 'getSession'>;
}

/** How a request signed in through a web session proves it comes from the web app (unsafe methods only). */
export interface SessionRequest {
  /** True for methods that may change something (anything but GET, HEAD and OPTIONS). */
  readonly unsafe: boolean;
  /** The `X-CSRF-Token` header, if any. */
  readonly csrfToken?: string;
}

/**
 * Signs in the user of a single sign-on session cookie:
 * 1. the session stored under the cookie's digest exists and is not expired (else INVALID_CREDENTIALS);
 * 2. an unsafe request carries the session's CSRF token, compared in constant time (else CSRF_TOKEN_INVALID);
 * 3. the organization still has its identity provider configuration — turning single sign-on off ends every
 *    session (else INVALID_CREDENTIALS) — and the user may still sign in (else USER_DISABLED).
 * The authenticator then applies the access control rules, as to every sign-in.
 * @example
 * const result = await sessionSignIn(deps, cookie, { unsafe: false }, Date.now());
 */
export async function sessionSignIn(
  deps: SessionSignInDeps,
  cookie: string,
  request: SessionRequest,
  now: number,
): Promise<AuthenticatedUser | SignInRefusalReason> {
  const session = await deps.sessions?.getSession(secretDigest(cookie));
  if (!session || session.expiresAt <= now) return 'INVALID_CREDENTIALS';
  if (request.unsafe && !sameSecret(request.csrfToken, session.csrfToken)) return 'CSRF_TOKEN_INVALID';
  const [{ organization, user }, configuration] = await Promise.all([
    readAccount(deps, session.organizationId, session.userId),
    deps.identityProviders?.getConfiguration(session.organizationId),
  ]);
  if (!configuration) return 'INVALID_CREDENTIALS';
  if (!maySignIn(organization, user)) return 'USER_DISABLED';
  return {
    organizationId: user.organizationId,
    userId: user.entityId,
    email: user.email!,
    method: 'session',
  };
}
