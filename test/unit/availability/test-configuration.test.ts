import { EwsUnreachableError } from '../../../lambdas/core/availability/errors';
import {
  TEST_FAILURES,
  testProvider,
  type ProviderTestDeps,
} from '../../../lambdas/core/availability/test-configuration';
import { FunctionInvocationError } from '../../../lambdas/core/flow-lambda/errors';
import type { FunctionInvoker } from '../../../lambdas/core/flow-lambda/ports';
import type { EwsTransport } from '../../../lambdas/core/availability/ports';

const ORG = 'm-0123456789abcdef0123456789abcdef';
const lambda = { type: 'LAMBDA' as const, lambdaArn: 'arn:aws:lambda:eu-west-1:111122223333:function:cap' };
const ews = {
  type: 'EWS' as const,
  ewsEndpoint: 'https://ews.example/EWS/Exchange.asmx',
  ewsUsername: 'CORP\\svc',
  ewsPassword: 'pw',
};

function deps(invoke: FunctionInvoker['invoke'], post: EwsTransport['post']): ProviderTestDeps {
  return { invoker: { invoke }, ews: { post }, now: () => Date.parse('2026-03-02T10:00:00Z') };
}
const unused = async () => {
  throw new Error('not called');
};

describe('testProvider', () => {
  it('passes a Lambda that can be invoked for the organization with a CAP request for no mailboxes', async () => {
    const payloads: unknown[] = [];
    const outcome = await testProvider(
      deps(async (arn, payload, options) => {
        payloads.push({ arn, payload, options });
        return Buffer.from('{"mailboxes":[]}');
      }, unused),
      ORG,
      lambda,
    );
    expect(outcome).toEqual({ passed: true });
    expect(payloads).toEqual([
      {
        arn: lambda.lambdaArn,
        payload: expect.objectContaining({
          mailboxes: [],
          window: { startDate: '2026-03-02T10:00:00.000Z', endDate: '2026-03-02T11:00:00.000Z' },
        }),
        options: { organizationId: ORG, synchronous: true, timeoutMs: 25_000 },
      },
    ]);
  });

  it('fails a Lambda that cannot be invoked or times out, with distinct reasons', async () => {
    const refused = await testProvider(
      deps(async (arn) => {
        throw new FunctionInvocationError('not bound', arn);
      }, unused),
      ORG,
      lambda,
    );
    const late = await testProvider(
      deps(async (arn) => {
        throw new FunctionInvocationError('late', arn, { timedOut: true });
      }, unused),
      ORG,
      lambda,
    );
    expect(refused).toEqual({ passed: false, failureReason: TEST_FAILURES.lambdaNotInvocable });
    expect(late).toEqual({ passed: false, failureReason: TEST_FAILURES.lambdaTimeout });
    expect(refused.failureReason).not.toEqual(late.failureReason);
  });

  it('tells unreachable URLs, timeouts, bad credentials and non-EWS answers apart', async () => {
    const outcome = (post: EwsTransport['post']) => testProvider(deps(unused, post), ORG, ews);
    expect(
      await outcome(async () => {
        throw new EwsUnreachableError('dns', false);
      }),
    ).toEqual({ passed: false, failureReason: 'EWS URL is invalid or unreachable.' });
    expect(
      await outcome(async () => {
        throw new EwsUnreachableError('late', true);
      }),
    ).toEqual({ passed: false, failureReason: TEST_FAILURES.ewsTimeout });
    expect(await outcome(async () => ({ status: 401, body: '' }))).toEqual({
      passed: false,
      failureReason: 'Invalid username and password.',
    });
    expect(await outcome(async () => ({ status: 200, body: '<html>welcome</html>' }))).toEqual({
      passed: false,
      failureReason: TEST_FAILURES.ewsNotEws,
    });
    expect(
      await outcome(async () => ({ status: 500, body: '<s:Envelope xmlns:s="x"><s:Body/></s:Envelope>' })),
    ).toEqual({
      passed: true,
    });
  });

  it('lets unexpected errors through', async () => {
    await expect(
      testProvider(
        deps(async () => {
          throw new TypeError('bug');
        }, unused),
        ORG,
        lambda,
      ),
    ).rejects.toThrow('bug');
    await expect(
      testProvider(
        deps(unused, async () => {
          throw new TypeError('bug');
        }),
        ORG,
        ews,
      ),
    ).rejects.toThrow('bug');
  });
});
