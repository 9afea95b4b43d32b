import { adminApiLocation, adminSession, type AdminSession } from './api';

/** What the console learns at start: whether single sign-on is offered, and the session it already has, if any. */
export interface SingleSignOnState {
  /** True when the deployment offers admin single sign-on (`/admin/auth/login`). */
  readonly available: boolean;
  readonly session?: AdminSession;
}

/** `/admin/auth/key`'s answer: the short-lived key pair, handed out once per sign-in. */
interface DeliveredKey {
  readonly AccessKeyId: string;
  readonly SecretAccessKey: string;
  readonly Region: string;
  readonly Expiration: string;
}

const post = (path: string, csrfToken: string) =>
  fetch(path, {
    method: 'POST',
    headers: { 'X-CSRF-Token': csrfToken },
    cache: 'no-store',
    credentials: 'same-origin',
  });

/**
 * Reads the console's single sign-on session (`GET /admin/auth/session`, the cookie being HttpOnly) and, just after
 * the identity provider sent the browser back, fetches the short-lived admin key once (POST with the CSRF token) —
 * it is then kept in memory only; signing out revokes it. A session whose key was already fetched (the page was
 * reloaded) can no longer hand it out: it is ended, which revokes the key, and the admin signs in again.
 * @param pageOrigin - the console page's origin (`location.origin`): the key signs for the admin API its settings name
 * @example
 * const { available, session } = await singleSignOnState(location.origin);
 */
export async function singleSignOnState(pageOrigin: string): Promise<SingleSignOnState> {
  const response = await fetch('/admin/auth/session', { cache: 'no-store', credentials: 'same-origin' });
  const state = (await response.json().catch(() => undefined)) as
    { signedIn: boolean; csrfToken: string; keyDelivered: boolean } | undefined;
  if (state?.signedIn !== true) return { available: state?.signedIn === false };
  if (state.keyDelivered) {
    await post('/admin/auth/logout', state.csrfToken);
    return { available: true };
  }
  const delivered = await post('/admin/auth/key', state.csrfToken);
  if (!delivered.ok) return { available: true };
  const key = (await delivered.json()) as DeliveredKey;
  const { endpoint } = await adminApiLocation(pageOrigin);
  return {
    available: true,
    session: {
      ...adminSession(key.AccessKeyId, key.SecretAccessKey, key.Region, endpoint),
      expiresAt: new Date(key.Expiration),
      signOut: async () => void (await post('/admin/auth/logout', state.csrfToken)),
    },
  };
}
