import { JmapMethodError } from '../../../../lambdas/http/jmap/errors';
import type { JmapMethodRegistry } from '../../../../lambdas/http/jmap/method';
import { processJmapRequest } from '../../../../lambdas/http/jmap/process-request';
import type { JmapRequest } from '../../../../lambdas/http/jmap/types';
import {
  ALICE,
  aliceSession,
  CORE,
  MAIL,
  recordingLogger,
  recordingMethod,
  type TestPrincipal,
} from './fixture';

function run(request: JmapRequest, methods: JmapMethodRegistry<TestPrincipal>, logger = recordingLogger()) {
  return processJmapRequest(request, { principal: ALICE, session: aliceSession(), methods, logger });
}

describe('JMAP request processing (RFC 8620 §3.3–3.6)', () => {
  it('runs the calls in order and answers each with its name, its result and its method call id', async () => {
    const order: string[] = [];
    const first = recordingMethod(MAIL, () => (order.push('first'), { n: 1 }));
    const second = recordingMethod(MAIL, () => (order.push('second'), { n: 2 }));

    const response = await run(
      {
        using: [MAIL],
        methodCalls: [
          ['Foo/second', {}, 'b'],
          ['Foo/first', {}, 'a'],
          ['Foo/second', {}, 'c'],
        ],
      },
      { 'Foo/first': first, 'Foo/second': second },
    );

    expect(order).toEqual(['second', 'first', 'second']);
    expect(response.methodResponses).toEqual([
      ['Foo/second', { n: 2 }, 'b'],
      ['Foo/first', { n: 1 }, 'a'],
      ['Foo/second', { n: 2 }, 'c'],
    ]);
  });

  it('answers the session state as sessionState', async () => {
    const response = await run({ using: [], methodCalls: [] }, {});

    expect(response).toEqual({ methodResponses: [], sessionState: aliceSession().state });
  });

  it('gives the handler the principal, the session, the capabilities in using and its method call id', async () => {
    const method = recordingMethod(MAIL);

    await run({ using: [CORE, MAIL], methodCalls: [['Foo/get', {}, 'c7']] }, { 'Foo/get': method });

    const { context } = method.calls[0]!;
    expect(context.principal).toEqual({ user: 'alice' });
    expect(Object.keys(context.session.accounts)).toEqual(['A1', 'A2']);
    expect([...context.using]).toEqual([CORE, MAIL]);
    expect(context.methodCallId).toBe('c7');
  });

  describe('unknownMethod', () => {
    it('answers unknownMethod for a name no handler serves, and runs the next call as normal', async () => {
      const method = recordingMethod(MAIL, () => ({ ok: true }));

      const response = await run(
        {
          using: [MAIL],
          methodCalls: [
            ['Foo/fly', {}, 'c1'],
            ['Foo/get', {}, 'c2'],
          ],
        },
        { 'Foo/get': method },
      );

      expect(response.methodResponses).toEqual([
        ['error', { type: 'unknownMethod', description: expect.any(String) }, 'c1'],
        ['Foo/get', { ok: true }, 'c2'],
      ]);
    });

    it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
      'answers unknownMethod for %s, which only the registry prototype has',
      async (name) => {
        const response = await run({ using: [MAIL], methodCalls: [[name, {}, 'c1']] }, {});

        expect(response.methodResponses[0]![1]).toMatchObject({ type: 'unknownMethod' });
      },
    );

    it('answers unknownMethod when the method capability is not in using, without running it', async () => {
      const method = recordingMethod(MAIL);

      const response = await run(
        { using: [CORE], methodCalls: [['Foo/get', {}, 'c1']] },
        { 'Foo/get': method },
      );

      expect(response.methodResponses[0]).toEqual([
        'error',
        { type: 'unknownMethod', description: expect.any(String) },
        'c1',
      ]);
      expect(method.calls).toHaveLength(0);
    });
  });

  describe('method errors', () => {
    it('answers a thrown JmapMethodError with its type and description', async () => {
      const method = recordingMethod(MAIL, () => {
        throw new JmapMethodError('invalidArguments', 'ids must be an array');
      });

      const response = await run(
        { using: [MAIL], methodCalls: [['Foo/get', {}, 'c1']] },
        { 'Foo/get': method },
      );

      expect(response.methodResponses).toEqual([
        ['error', { type: 'invalidArguments', description: 'ids must be an array' }, 'c1'],
      ]);
    });

    it.each(['cannotCalculateChanges', 'unsupportedFilter', 'stateMismatch', 'accountReadOnly', 'forbidden'])(
      'answers a returned %s error with its type only when it has no description',
      async (type) => {
        const method = recordingMethod(MAIL, () => new JmapMethodError(type));

        const response = await run(
          { using: [MAIL], methodCalls: [['Foo/x', {}, 'c1']] },
          { 'Foo/x': method },
        );

        expect(response.methodResponses).toEqual([['error', { type }, 'c1']]);
      },
    );

    it('answers serverFail for any other thrown error, hides it from the client and logs it', async () => {
      const logger = recordingLogger();
      const method = recordingMethod(MAIL, () => {
        throw new Error('connect ECONNREFUSED 10.0.0.7:8000 (table mailbox-prod)');
      });

      const response = await run(
        {
          using: [MAIL],
          methodCalls: [
            ['Foo/get', {}, 'c1'],
            ['Foo/get', {}, 'c2'],
          ],
        },
        { 'Foo/get': method },
        logger,
      );

      expect(response.methodResponses[0]).toEqual([
        'error',
        { type: 'serverFail', description: expect.any(String) },
        'c1',
      ]);
      expect(JSON.stringify(response)).not.toMatch(/ECONNREFUSED|10\.0\.0\.7|mailbox-prod|Error/);
      expect(response.methodResponses[1]![2]).toBe('c2');
      expect(logger.lines).toEqual([
        {
          message: 'JMAP method failed',
          fields: {
            method: 'Foo/get',
            error: expect.objectContaining({
              message: 'connect ECONNREFUSED 10.0.0.7:8000 (table mailbox-prod)',
            }),
          },
        },
        expect.anything(),
      ]);
    });

    it('answers serverFail when a handler throws something that is not an Error', async () => {
      const method = recordingMethod(MAIL, () => {
        throw 'secret-token-123';
      });

      const response = await run(
        { using: [MAIL], methodCalls: [['Foo/get', {}, 'c1']] },
        { 'Foo/get': method },
      );

      expect(response.methodResponses[0]![1]).toMatchObject({ type: 'serverFail' });
      expect(JSON.stringify(response)).not.toContain('secret-token-123');
    });
  });

  it('answers every response of a method that returns several, all under its method call id', async () => {
    const submit = recordingMethod(MAIL, () => [
      ['EmailSubmission/set', { created: { s1: { id: 'S1' } } }],
      ['Email/set', { updated: { M1: null } }],
    ]);

    const response = await run(
      { using: [MAIL], methodCalls: [['EmailSubmission/set', { onSuccessUpdateEmail: {} }, 'c1']] },
      { 'EmailSubmission/set': submit },
    );

    expect(response.methodResponses).toEqual([
      ['EmailSubmission/set', { created: { s1: { id: 'S1' } } }, 'c1'],
      ['Email/set', { updated: { M1: null } }, 'c1'],
    ]);
  });

  describe('createdIds (RFC 8620 §3.3, §5.3)', () => {
    it('answers without createdIds when the request had none', async () => {
      const create = recordingMethod(MAIL, (_, context) => (context.createdIds.record('k1', 'M1'), {}));

      const response = await run(
        { using: [MAIL], methodCalls: [['Foo/set', {}, 'c1']] },
        { 'Foo/set': create },
      );

      expect(response).not.toHaveProperty('createdIds');
    });

    it('answers the given createdIds plus those created during the request', async () => {
      const create = recordingMethod(MAIL, (_, context) => (context.createdIds.record('k2', 'M2'), {}));

      const response = await run(
        { using: [MAIL], methodCalls: [['Foo/set', {}, 'c1']], createdIds: { k1: 'M1' } },
        { 'Foo/set': create },
      );

      expect(response.createdIds).toEqual({ k1: 'M1', k2: 'M2' });
    });

    it('lets a later call resolve #creationId references to ids created earlier or given by the client', async () => {
      const create = recordingMethod(MAIL, (_, context) => (context.createdIds.record('k2', 'M2'), {}));
      const resolved: Array<string | undefined> = [];
      const use = recordingMethod(MAIL, (_, context) => {
        resolved.push(...['#k1', '#k2', '#k3', 'M9'].map((id) => context.createdIds.resolve(id)));
        return {};
      });

      await run(
        {
          using: [MAIL],
          methodCalls: [
            ['Foo/set', {}, 'c1'],
            ['Bar/set', {}, 'c2'],
          ],
          createdIds: { k1: 'M1' },
        },
        { 'Foo/set': create, 'Bar/set': use },
      );

      expect(resolved).toEqual(['M1', 'M2', undefined, 'M9']);
    });
  });
});
