import { MailboxModel } from '../../../../../lambdas/core/mailbox/mailbox-model';
import { MailboxService } from '../../../../../lambdas/core/mailbox/service';
import type { ThreadHeaders } from '../../../../../lambdas/core/mailbox/types';
import { createMailJmap, type MailJmapOptions } from '../../../../../lambdas/http/jmap/mail/mail-api';
import { MessageSearch, SearchIndexer } from '../../../../../lambdas/core/search';
import { InMemorySearchIndex } from '../../../search/memory-search-index';
import { CountingKeyWrapper, InMemoryBlobStore, InMemoryMailboxStore } from '../../../mailbox/doubles';

/** Parsed JSON as assertions navigate it: any property, any index, no casts. */
export type Json = string & { readonly [key: string]: Json } & readonly Json[];

export const ORG = 'm-0000000000000000000000000000000a';
export const ACCOUNT = 'S-1-5-7';
const BASE = 'http://127.0.0.1:9/jmap';

/**
 * The JMAP mail front end over the in-memory mailbox store, signed in as one user (the authenticator is the one
 * dependency replaced: sign-in has its own tests). `call` runs one method and returns its response.
 */
export async function mailFixture(
  now = () => 1_800_000_000_000,
  quota = 1e9,
  options: Pick<MailJmapOptions, 'vacation' | 'sharedMailboxes' | 'availability'> = {},
) {
  let clock = 1_800_000_000_000;
  const store = new InMemoryMailboxStore();
  const blobs = new InMemoryBlobStore();
  const service = new MailboxService({
    store,
    blobs,
    keyWrapper: new CountingKeyWrapper(),
    organizationKey: async () => ({ arn: `arn:aws:workmail:eu-west-1:111122223333:organization/${ORG}` }),
  });
  await service.provision(ORG, ACCOUNT);
  const model = new MailboxModel({ store, blobs });
  const index = new InMemorySearchIndex();
  const indexer = new SearchIndexer({ index, model: store, mailboxes: service });
  const jmap = createMailJmap({
    baseUrl: BASE,
    authenticate: async () => ({
      ok: true,
      user: { organizationId: ORG, userId: ACCOUNT, email: 'ana@example.com', method: 'password' },
    }),
    deps: {
      model,
      store,
      mailboxes: service,
      search: new MessageSearch({ index, store, keys: service }),
      quotaBytes: async () => quota,
      now,
    },
    ...options,
  });
  const request = async (methodCalls: unknown[]) => {
    const response = await jmap({
      method: 'POST',
      path: '/jmap/api/',
      query: {},
      headers: { 'content-type': 'application/json', authorization: 'Basic x' },
      body: Buffer.from(
        JSON.stringify({ using: ['urn:ietf:params:jmap:core', 'urn:ietf:params:jmap:mail'], methodCalls }),
      ),
    });
    const body = JSON.parse(String(response?.body));
    if (!body.methodResponses) throw new Error(`JMAP request refused: ${String(response?.body)}`);
    return body.methodResponses as [string, Json, string][];
  };
  const upload = async (body: Buffer, accountId = ACCOUNT) => {
    const response = await jmap({
      method: 'POST',
      path: `/jmap/upload/${accountId}/`,
      query: {},
      headers: { 'content-type': 'message/rfc822', authorization: 'Basic x' },
      body,
    });
    return { status: response?.statusCode, body: JSON.parse(String(response?.body)) as Json };
  };
  const call = async (name: string, args: Record<string, unknown>) =>
    (await request([[name, { accountId: ACCOUNT, ...args }, 'c']]))[0];
  const deliver = async (messageId: string, threading?: ThreadHeaders, raw?: string) => {
    clock += 1000;
    await service.deliver({
      organizationId: ORG,
      mailboxId: ACCOUNT,
      messageId,
      folder: 'INBOX',
      raw: Buffer.from(raw ?? `Subject: ${messageId}\r\n\r\nbody`),
      receivedAt: clock,
      summary: {},
      quotaBytes: 1e9,
      ...(threading ? { threading } : {}),
    });
  };
  /** Indexes what arrived since the last call (the cloud's stream and the local feed do this on their own). */
  const indexNow = () => indexer.catchUp(ORG, ACCOUNT);
  return { jmap, request, call, deliver, upload, store, model, service, indexNow };
}
