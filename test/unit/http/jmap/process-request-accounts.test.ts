import type { JmapMethodRegistry } from '../../../../lambdas/http/jmap/method';
import { processJmapRequest } from '../../../../lambdas/http/jmap/process-request';
import type { JmapRequest } from '../../../../lambdas/http/jmap/types';
import {
  ALICE,
  aliceSession,
  CONTACTS,
  CORE,
  MAIL,
  recordingLogger,
  recordingMethod,
  type TestPrincipal,
} from './fixture';

function run(request: JmapRequest, methods: JmapMethodRegistry<TestPrincipal>) {
  return processJmapRequest(request, {
    principal: ALICE,
    session: aliceSession(),
    methods,
    logger: recordingLogger(),
  });
}

async function firstResponse(args: Record<string, unknown>, methods: JmapMethodRegistry<TestPrincipal>) {
  const response = await run(
    { using: [CORE, MAIL, CONTACTS], methodCalls: [['Foo/get', args, 'c1']] },
    methods,
  );
  return response.methodResponses[0];
}

describe('JMAP account checks (RFC 8620 §3.6.2)', () => {
  it('runs a method on an account of the session that supports its capability', async () => {
    const method = recordingMethod(MAIL, (args) => ({ accountId: args.accountId }));

    expect(await firstResponse({ accountId: 'A1' }, { 'Foo/get': method })).toEqual([
      'Foo/get',
      { accountId: 'A1' },
      'c1',
    ]);
  });

  it.each(['B9', '', '__proto__', 'toString', 'constructor'])(
    'answers accountNotFound for accountId %j, which is not in the session, without running the method',
    async (accountId) => {
      const method = recordingMethod(MAIL);

      expect(await firstResponse({ accountId }, { 'Foo/get': method })).toEqual([
        'error',
        { type: 'accountNotFound', description: expect.any(String) },
        'c1',
      ]);
      expect(method.calls).toHaveLength(0);
    },
  );

  it.each([5, null, ['A1'], { id: 'A1' }])('answers invalidArguments for accountId %j', async (accountId) => {
    const method = recordingMethod(MAIL);

    expect((await firstResponse({ accountId }, { 'Foo/get': method }))![1]).toMatchObject({
      type: 'invalidArguments',
    });
    expect(method.calls).toHaveLength(0);
  });

  it('answers accountNotSupportedByMethod for an account without the method capability', async () => {
    const method = recordingMethod(MAIL);

    expect(await firstResponse({ accountId: 'A2' }, { 'Foo/get': method })).toEqual([
      'error',
      { type: 'accountNotSupportedByMethod', description: expect.any(String) },
      'c1',
    ]);
    expect(method.calls).toHaveLength(0);
  });

  it('checks an accountId that comes from a result reference', async () => {
    const first = recordingMethod(MAIL, () => ({ accountId: 'B9' }));
    const second = recordingMethod(MAIL);

    const response = await run(
      {
        using: [MAIL],
        methodCalls: [
          ['Foo/query', {}, 'c1'],
          ['Foo/get', { '#accountId': { resultOf: 'c1', name: 'Foo/query', path: '/accountId' } }, 'c2'],
        ],
      },
      { 'Foo/query': first, 'Foo/get': second },
    );

    expect(response.methodResponses[1]![1]).toMatchObject({ type: 'accountNotFound' });
    expect(second.calls).toHaveLength(0);
  });

  it('leaves methods without accountId to the handler', async () => {
    const method = recordingMethod(MAIL, () => ({ ran: true }));

    expect(await firstResponse({}, { 'Foo/get': method })).toEqual(['Foo/get', { ran: true }, 'c1']);
  });

  it('does not check accountId for a method that declares it does not use one', async () => {
    const method = { ...recordingMethod(MAIL, () => ({ ran: true })), usesAccountId: false };

    expect(await firstResponse({ accountId: 'B9' }, { 'Foo/get': method })).toEqual([
      'Foo/get',
      { ran: true },
      'c1',
    ]);
  });

  it('checks only that the account exists for a core method', async () => {
    const method = recordingMethod(CORE, () => ({ ran: true }));

    expect(await firstResponse({ accountId: 'A2' }, { 'Foo/get': method })).toEqual([
      'Foo/get',
      { ran: true },
      'c1',
    ]);
    expect((await firstResponse({ accountId: 'B9' }, { 'Foo/get': method }))![1]).toMatchObject({
      type: 'accountNotFound',
    });
  });

  it('gives handlers account lookups limited to the session: another id is accountNotFound', async () => {
    const copy = recordingMethod(MAIL, (args, context) => ({
      from: context.account(args.fromAccountId as string).name,
    }));

    const own = await firstResponse({ accountId: 'A1', fromAccountId: 'A2' }, { 'Foo/get': copy });
    const foreign = await firstResponse({ accountId: 'A1', fromAccountId: 'B9' }, { 'Foo/get': copy });

    expect(own).toEqual(['Foo/get', { from: 'Team contacts' }, 'c1']);
    expect(foreign).toEqual(['error', { type: 'accountNotFound', description: expect.any(String) }, 'c1']);
  });
});
