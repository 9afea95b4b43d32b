/**
 * How the web app proves who the user is on each request to its own origin (JMAP, uploads, downloads, push,
 * `/account/tokens`, CalDAV): a password or personal access token sent as HTTP Basic, or a single sign-on session —
 * the HttpOnly cookie the browser sends, plus the session's CSRF token in a header. Either lives only in memory.
 */
export interface Authorization {
  /** The address of the signed-in user. */
  readonly login: string;
  /** What each request carries: `Authorization` for a password, `X-CSRF-Token` for a session. */
  readonly headers: Readonly<Record<string, string>>;
  /** `omit` for a password (so a 401 comes back to the app, never as the browser's own prompt); `same-origin` for a session's cookie. */
  readonly credentials: RequestCredentials;
  /** Ends the sign-in: a session is ended on the server; a password is simply forgotten with this object. */
  signOut(): Promise<void>;
}

/**
 * An authorization with the directory password or a personal access token (`Basic base64(login:secret)`, UTF-8).
 * @example
 * const authorization = passwordAuthorization('ana@example.com', password);
 */
export function passwordAuthorization(login: string, secret: string): Authorization {
  const bytes = new TextEncoder().encode(`${login}:${secret}`);
  return {
    login,
    headers: { Authorization: `Basic ${btoa(String.fromCharCode(...bytes))}` },
    credentials: 'omit',
    signOut: async () => {},
  };
}

/**
 * The single sign-on session this browser has, if any (`GET /auth/session`): the cookie is HttpOnly, so the app
 * learns of it only by asking; the CSRF token it gets back stays in this object, never in storage.
 * @example
 * const authorization = await singleSignOnSession();
 */
export async function singleSignOnSession(): Promise<Authorization | undefined> {
  const response = await fetch('/auth/session', { cache: 'no-store', credentials: 'same-origin' });
  if (!response.ok) return undefined;
  const session = (await response.json()) as { signedIn: boolean; username: string; csrfToken: string };
  if (!session.signedIn) return undefined;
  const headers = { 'X-CSRF-Token': session.csrfToken };
  return {
    login: session.username,
    headers,
    credentials: 'same-origin',
    signOut: async () => {
      await fetch('/auth/logout', { method: 'POST', headers, credentials: 'same-origin' });
    },
  };
}

/**
 * Where the browser goes to sign in through the organization's identity provider, and comes back to `returnTo`.
 * An e-mail address or domain names the organization by its domain; anything else is its alias or id.
 * @example
 * location.assign(singleSignOnUrl('ana@example.com')); // → /auth/example.com/login?returnTo=%2F
 */
export function singleSignOnUrl(organization: string, returnTo = '/'): string {
  const reference = organization.trim().toLowerCase().replace(/^.*@/, '');
  return `/auth/${encodeURIComponent(reference)}/login?returnTo=${encodeURIComponent(returnTo)}`;
}

/**
 * `fetch` with the authorization's headers and cookie mode added to `init`'s.
 * @example
 * const response = await authorizedFetch(account.authorization, '/account/tokens', { method: 'GET' });
 */
export function authorizedFetch(
  authorization: Authorization,
  input: string | URL,
  init: RequestInit = {},
): Promise<Response> {
  return fetch(input, {
    ...init,
    headers: { ...(init.headers as Record<string, string> | undefined), ...authorization.headers },
    credentials: authorization.credentials,
  });
}
