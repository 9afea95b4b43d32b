import { coreEcho } from '../../../../lambdas/http/jmap/core-echo';
import { processJmapRequest } from '../../../../lambdas/http/jmap/process-request';
import type { JmapRequest } from '../../../../lambdas/http/jmap/types';
import { ALICE, aliceSession, CORE, MAIL, recordingLogger } from './fixture';

function run(request: JmapRequest) {
  return processJmapRequest(request, {
    principal: ALICE,
    session: aliceSession(),
    methods: { 'Core/echo': coreEcho },
    logger: recordingLogger(),
  });
}

describe('Method: Core/echo (RFC 8620 §4)', () => {
  it('answers the RFC example with exactly the arguments it was given', async () => {
    const response = await run({
      using: [CORE],
      methodCalls: [['Core/echo', { hello: true, high: 5 }, 'b3ff']],
    });

    expect(response.methodResponses).toEqual([['Core/echo', { hello: true, high: 5 }, 'b3ff']]);
  });

  it('echoes an accountId as data, even one that is not in the session', async () => {
    const response = await run({ using: [CORE], methodCalls: [['Core/echo', { accountId: 'B9' }, 'e1']] });

    expect(response.methodResponses).toEqual([['Core/echo', { accountId: 'B9' }, 'e1']]);
  });

  it('echoes result references resolved', async () => {
    const response = await run({
      using: [CORE],
      methodCalls: [
        ['Core/echo', { list: [{ id: 'a' }, { id: 'b' }] }, 'e1'],
        ['Core/echo', { '#ids': { resultOf: 'e1', name: 'Core/echo', path: '/list/*/id' } }, 'e2'],
      ],
    });

    expect(response.methodResponses[1]).toEqual(['Core/echo', { ids: ['a', 'b'] }, 'e2']);
  });

  it('is an unknown method when the request does not use urn:ietf:params:jmap:core', async () => {
    const response = await run({ using: [MAIL], methodCalls: [['Core/echo', { hello: true }, 'e1']] });

    expect(response.methodResponses[0]![1]).toMatchObject({ type: 'unknownMethod' });
  });
});
