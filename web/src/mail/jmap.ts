import { JamClient } from 'jmap-jam';

/** The signed-in user's JMAP client and mail account. The credential lives only in this object's memory. */
export interface MailAccount {
  readonly client: JamClient;
  readonly accountId: string;
  /** The address the user signed in with. */
  readonly login: string;
}

/** Sign-in refused: wrong credentials, or the organization's rules deny web access. */
export class SignInRefused extends Error {}

/** The capability each data type needs in `using` (jmap-jam keeps its own copy private). */
const CAPABILITIES = {
  Core: 'urn:ietf:params:jmap:core',
  Mailbox: 'urn:ietf:params:jmap:mail',
  Thread: 'urn:ietf:params:jmap:mail',
  Email: 'urn:ietf:params:jmap:mail',
  SearchSnippet: 'urn:ietf:params:jmap:mail',
  Identity: 'urn:ietf:params:jmap:submission',
  EmailSubmission: 'urn:ietf:params:jmap:submission',
  VacationResponse: 'urn:ietf:params:jmap:vacationresponse',
};

/** `Basic base64(login:secret)` with the UTF-8 bytes of both. */
function basicAuthorization(login: string, secret: string): string {
  const bytes = new TextEncoder().encode(`${login}:${secret}`);
  return `Basic ${btoa(String.fromCharCode(...bytes))}`;
}

/**
 * Signs in to the JMAP server that served the page, with the directory password or a personal access token.
 * jmap-jam sends bearer tokens only and loads the session in its constructor; a password needs HTTP Basic, so the
 * client is given the Basic credential and the session this function loaded instead.
 * @example
 * const account = await signIn('/.well-known/jmap', 'ana@example.com', password);
 */
export async function signIn(sessionUrl: string, login: string, secret: string): Promise<MailAccount> {
  const authHeader = basicAuthorization(login, secret);
  const response = await fetch(sessionUrl, {
    headers: { Authorization: authHeader, Accept: 'application/json' },
    cache: 'no-store',
    // A 401 must come back to this code: with credentials the browser would first ask for a password itself.
    credentials: 'omit',
  });
  if (response.status === 401) throw new SignInRefused(WRONG_CREDENTIALS);
  if (response.status === 403) throw new SignInRefused(await refusal(response));
  if (!response.ok) throw new Error(`The mail server answered ${response.status}.`);
  const session = await response.json();
  // The three public fields JamClient's constructor sets, set here without its bearer-token session request.
  const client = Object.assign(Object.create(JamClient.prototype) as JamClient, {
    authHeader,
    capabilities: new Map(Object.entries(CAPABILITIES)),
    session: Promise.resolve(session),
  });
  const accountId = session.primaryAccounts['urn:ietf:params:jmap:mail'] as string;
  return { client, accountId, login };
}

/**
 * A request to the server that served the page, signed in as the account (the same credential JMAP uses): the one
 * place the webmail's own requests outside jmap-jam (CalDAV) get their authentication.
 * @example
 * const response = await serverFetch(account, '/dav/', { method: 'PROPFIND', headers: { Depth: '0' } });
 */
export function serverFetch(account: MailAccount, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('Authorization', account.client.authHeader);
  return fetch(path, { ...init, headers, cache: 'no-store', credentials: 'omit' });
}

const WRONG_CREDENTIALS = 'The address or password is not correct.';

/** Why the server refused a correct credential (e.g. the organization's access control rules), from its problem. */
async function refusal(response: Response): Promise<string> {
  const fallback = 'Your organization does not allow you to sign in here.';
  try {
    const problem = (await response.json()) as { detail?: string; title?: string };
    return problem.detail ?? problem.title ?? fallback;
  } catch {
    return fallback;
  }
}
