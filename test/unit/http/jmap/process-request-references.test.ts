import type { JmapMethodRegistry } from '../../../../lambdas/http/jmap/method';
import { processJmapRequest } from '../../../../lambdas/http/jmap/process-request';
import type { JmapArguments } from '../../../../lambdas/http/jmap/types';
import {
  ALICE,
  aliceSession,
  CORE,
  MAIL,
  recordingLogger,
  recordingMethod,
  type TestPrincipal,
} from './fixture';

/** The two threads the RFC 8620 §3.7 example response shows, and their emails. */
const THREAD_OF: Record<string, string> = { msg1023: 'trd194', msg223: 'trd114' };
const EMAILS_OF: Record<string, string[]> = {
  trd194: ['msg1020', 'msg1021', 'msg1023'],
  trd114: ['msg201', 'msg223'],
};

function fakeMail() {
  const emailQuery = recordingMethod(MAIL, () => ({
    accountId: 'A1',
    queryState: 'abcdefg',
    canCalculateChanges: true,
    position: 0,
    total: 101,
    ids: ['msg1023', 'msg223'],
  }));
  const emailGet = recordingMethod(MAIL, (args) => ({
    accountId: 'A1',
    state: '123456',
    list: (args.ids as string[]).map((id) => ({ id, threadId: THREAD_OF[id] ?? 'trd0' })),
    notFound: [],
  }));
  const threadGet = recordingMethod(MAIL, (args) => ({
    accountId: 'A1',
    state: '123456',
    list: (args.ids as string[]).map((id) => ({ id, emailIds: EMAILS_OF[id] })),
    notFound: [],
  }));
  const methods: JmapMethodRegistry<TestPrincipal> = {
    'Email/query': emailQuery,
    'Email/get': emailGet,
    'Thread/get': threadGet,
  };
  return { emailQuery, emailGet, threadGet, methods };
}

/** The method calls of the RFC 8620 §3.7 example. */
const rfcChain: Array<[string, JmapArguments, string]> = [
  [
    'Email/query',
    {
      accountId: 'A1',
      filter: { inMailbox: 'id_of_inbox' },
      sort: [{ property: 'receivedAt', isAscending: false }],
      collapseThreads: true,
      position: 0,
      limit: 10,
      calculateTotal: true,
    },
    't0',
  ],
  [
    'Email/get',
    {
      accountId: 'A1',
      '#ids': { resultOf: 't0', name: 'Email/query', path: '/ids' },
      properties: ['threadId'],
    },
    't1',
  ],
  [
    'Thread/get',
    { accountId: 'A1', '#ids': { resultOf: 't1', name: 'Email/get', path: '/list/*/threadId' } },
    't2',
  ],
  [
    'Email/get',
    {
      accountId: 'A1',
      '#ids': { resultOf: 't2', name: 'Thread/get', path: '/list/*/emailIds' },
      properties: ['from', 'receivedAt', 'subject'],
    },
    't3',
  ],
];

describe('JMAP result references in a request (RFC 8620 §3.7 example)', () => {
  it('runs the Email/query → Email/get → Thread/get → Email/get chain with resolved ids', async () => {
    const { emailGet, threadGet, methods } = fakeMail();

    const response = await processJmapRequest(
      { using: [CORE, MAIL], methodCalls: rfcChain },
      { principal: ALICE, session: aliceSession(), methods, logger: recordingLogger() },
    );

    expect(emailGet.calls[0]!.args).toEqual({
      accountId: 'A1',
      ids: ['msg1023', 'msg223'],
      properties: ['threadId'],
    });
    expect(threadGet.calls[0]!.args).toEqual({ accountId: 'A1', ids: ['trd194', 'trd114'] });
    expect(emailGet.calls[1]!.args).toEqual({
      accountId: 'A1',
      ids: ['msg1020', 'msg1021', 'msg1023', 'msg201', 'msg223'],
      properties: ['from', 'receivedAt', 'subject'],
    });
    expect(response.methodResponses.map(([name, , id]) => [name, id])).toEqual([
      ['Email/query', 't0'],
      ['Email/get', 't1'],
      ['Thread/get', 't2'],
      ['Email/get', 't3'],
    ]);
  });

  it('answers invalidResultReference for a call whose reference names a failed call, and goes on', async () => {
    const { emailGet, methods } = fakeMail();
    const calls: Array<[string, JmapArguments, string]> = [
      ['Email/query', { accountId: 'B9' }, 't0'],
      rfcChain[1]!,
      ['Email/get', { accountId: 'A1', ids: ['msg1'], properties: ['threadId'] }, 't2'],
    ];

    const response = await processJmapRequest(
      { using: [CORE, MAIL], methodCalls: calls },
      { principal: ALICE, session: aliceSession(), methods, logger: recordingLogger() },
    );

    expect(response.methodResponses.map(([name, args, id]) => [name, args.type, id])).toEqual([
      ['error', 'accountNotFound', 't0'],
      ['error', 'invalidResultReference', 't1'],
      ['Email/get', undefined, 't2'],
    ]);
    expect(emailGet.calls).toHaveLength(1);
  });

  it('answers invalidArguments when #ids and ids are both given, without running the method', async () => {
    const { emailGet, methods } = fakeMail();
    const both = { ...rfcChain[1]![1], ids: ['msg1'] };

    const response = await processJmapRequest(
      { using: [CORE, MAIL], methodCalls: [rfcChain[0]!, ['Email/get', both, 't1']] },
      { principal: ALICE, session: aliceSession(), methods, logger: recordingLogger() },
    );

    expect(response.methodResponses[1]).toEqual([
      'error',
      { type: 'invalidArguments', description: expect.any(String) },
      't1',
    ]);
    expect(emailGet.calls).toHaveLength(0);
  });
});
