import { JamClient } from 'jmap-jam';
import { authorizedFetch, type Authorization } from './credential';

/** The signed-in user's JMAP client and mail account. The credential lives only in this object's memory. */
export interface MailAccount {
  readonly client: JamClient;
  readonly accountId: string;
  /** The address the user signed in with. */
  readonly login: string;
  /** What every request to the server carries (also for push, `/account/tokens` and other protocols). */
  readonly authorization: Authorization;
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

/**
 * Opens the user's mail on the JMAP server that served the page, with either kind of authorization.
 * jmap-jam sends bearer tokens only and loads the session in its constructor; so this function loads the session,
 * and the client is given it and sends the authorization's headers (and cookie mode) on every call instead.
 * @throws SignInRefused when the server refuses the credential, or the organization's rules refuse the access
 * @example
 * const account = await openMailAccount('/.well-known/jmap', passwordAuthorization('ana@example.com', password));
 */
export async function openMailAccount(
  sessionUrl: string,
  authorization: Authorization,
): Promise<MailAccount> {
  const response = await authorizedFetch(authorization, sessionUrl, {
    headers: { Accept: 'application/json' },
    cache: 'no-store',
  });
  if (response.status === 401) throw new SignInRefused(WRONG_CREDENTIALS);
  if (response.status === 403) throw new SignInRefused(await refusal(response));
  if (!response.ok) throw new Error(`The mail server answered ${response.status}.`);
  const session = await response.json();
  const accountId = session.primaryAccounts['urn:ietf:params:jmap:mail'] as string;
  return {
    client: authorizedClient(authorization, session),
    accountId,
    login: authorization.login,
    authorization,
  };
}

/**
 * A JamClient on a loaded session whose every request carries the authorization: jmap-jam lets a call's
 * `fetchInit` replace its headers (its own Authorization included), so each method is given one.
 */
function authorizedClient(authorization: Authorization, session: unknown): JamClient {
  // The three public fields JamClient's constructor sets, set here without its bearer-token session request.
  const client = Object.assign(Object.create(JamClient.prototype) as JamClient, {
    authHeader: '',
    capabilities: new Map(Object.entries(CAPABILITIES)),
    session: Promise.resolve(session),
  });
  const fetchInit = (headers: Record<string, string>): RequestInit => ({
    headers: { ...headers, ...authorization.headers },
    credentials: authorization.credentials,
  });
  const json = fetchInit({ Accept: 'application/json', 'Content-Type': 'application/json' });
  const prototype = JamClient.prototype;
  type Options = { fetchInit?: RequestInit } | undefined;
  return Object.assign(client, {
    request: ((invocation: never, options: Options) =>
      prototype.request.call(client, invocation, { ...options, fetchInit: json })) as JamClient['request'],
    requestMany: ((build: never, options: Options) =>
      prototype.requestMany.call(client, build, { ...options, fetchInit: json })) as JamClient['requestMany'],
    uploadBlob: ((accountId: string, body: Blob) =>
      prototype.uploadBlob.call(
        client,
        accountId,
        body,
        fetchInit({ Accept: 'application/json' }),
      )) as JamClient['uploadBlob'],
    downloadBlob: ((options: never) =>
      prototype.downloadBlob.call(client, options, fetchInit({}))) as JamClient['downloadBlob'],
  });
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
