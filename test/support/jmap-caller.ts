/** Parsed JSON as assertions navigate it: any property, any index, no casts. */
export type Json = string & { readonly [key: string]: Json } & readonly Json[];

/** A JMAP Mail account on some server, called one method at a time. */
export interface JmapCaller {
  /** The session's primary Mail account. */
  readonly accountId: string;
  /** Calls one method with `accountId` filled in; a method error is thrown (its `type` in the message). */
  call(name: string, args?: Record<string, unknown>): Promise<Json>;
}

const USING = ['urn:ietf:params:jmap:core', 'urn:ietf:params:jmap:mail'];

/**
 * Opens a JMAP session and returns a caller for its primary Mail account. Session URLs may be relative (Cyrus 3.6
 * sends `"apiUrl": "/jmap/"`): they are resolved against the session URL, as RFC 8620 §2 leaves room for.
 * @param authorization - the `Authorization` header, `Basic …` or `Bearer …`
 * @example
 * const jmap = await connectJmap('http://127.0.0.1:8080/.well-known/jmap', `Bearer ${token}`);
 * const { ids } = await jmap.call('Email/query', { filter: { inMailbox: inboxId } });
 */
export async function connectJmap(sessionUrl: string, authorization: string): Promise<JmapCaller> {
  const sessionResponse = await fetch(sessionUrl, { headers: { authorization } });
  if (!sessionResponse.ok) throw new Error(`JMAP session: HTTP ${sessionResponse.status}`);
  const session = (await sessionResponse.json()) as Json;
  const apiUrl = new URL(session.apiUrl, sessionResponse.url || sessionUrl).toString();
  const accountId = session.primaryAccounts['urn:ietf:params:jmap:mail'];
  return {
    accountId,
    call: async (name, args = {}) => {
      const response = await fetch(apiUrl, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify({ using: USING, methodCalls: [[name, { accountId, ...args }, 'c']] }),
      });
      if (!response.ok) throw new Error(`${name}: HTTP ${response.status} ${await response.text()}`);
      const [[responseName, result]] = ((await response.json()) as Json).methodResponses;
      if (responseName === 'error') throw new Error(`${name}: ${result.type} ${JSON.stringify(result)}`);
      return result;
    },
  };
}
