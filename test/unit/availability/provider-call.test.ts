import { EwsUnreachableError } from '../../../lambdas/core/availability/errors';
import type { EwsTransport } from '../../../lambdas/core/availability/ports';
import {
  callProvider,
  PROVIDER_DEADLINE_MS,
  type ProviderCallDeps,
} from '../../../lambdas/core/availability/provider-call';
import type { AvailabilityConfiguration } from '../../../lambdas/core/availability/types';
import { FunctionInvocationError } from '../../../lambdas/core/flow-lambda/errors';
import type { FunctionInvoker, InvokeOptions } from '../../../lambdas/core/flow-lambda/ports';

const ORG = 'm-0123456789abcdef0123456789abcdef';
const ARN = 'arn:aws:lambda:eu-west-1:111122223333:function:cap';
const requester = {
  organizationId: ORG,
  userId: 'S-1-5-18',
  email: 'user1@internal.example.com',
  userName: 'user1',
};
const window = { start: Date.parse('2021-05-04T00:00:00Z'), end: Date.parse('2021-05-06T00:00:00Z') };
const lambdaConfig: AvailabilityConfiguration = {
  organizationId: ORG,
  domainName: 'external.example.com',
  provider: { type: 'LAMBDA', lambdaArn: ARN },
  createdAt: 0,
  modifiedAt: 0,
};
const ewsConfig: AvailabilityConfiguration = {
  ...lambdaConfig,
  provider: {
    type: 'EWS',
    ewsEndpoint: 'https://ews.example/EWS/Exchange.asmx',
    ewsUsername: 'CORP\\svc',
    ewsPassword: 's3cret!',
  },
};
const workingHours = { timezone: { name: 'UTC', bias: 0 }, workingPeriods: [] };

function harness(invoke: FunctionInvoker['invoke'], ews?: EwsTransport['post']) {
  const calls: Array<{ arn: string; payload: unknown; options: InvokeOptions }> = [];
  const lines: Array<{ level: string; details: Record<string, unknown> }> = [];
  const deps: ProviderCallDeps = {
    invoker: {
      invoke: async (arn, payload, options) => {
        calls.push({ arn, payload, options });
        return invoke(arn, payload, options);
      },
    },
    ews: { post: ews ?? (async () => ({ status: 500, body: '' })) },
    logger: {
      info: (_, details) => lines.push({ level: 'info', details }),
      warn: (_, details) => lines.push({ level: 'warn', details }),
    },
    organizationArn: (id) => `arn:aws:workmail:eu-west-1:111122223333:organization/${id}`,
    now: () => 1_620_000_000_000,
    requestId: () => 'req-1',
  };
  return { deps, calls, lines };
}

const json = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('callProvider', () => {
  it('invokes the CAP function once with exactly the documented request, bound to the organization', async () => {
    const { deps, calls } = harness(async () => json({ mailboxes: [] }));

    await callProvider(
      deps,
      lambdaConfig,
      { ...requester, origin: '127.0.0.1' },
      ['user2@external.example.com'],
      window,
    );

    expect(calls).toEqual([
      {
        arn: ARN,
        payload: {
          requester: {
            email: 'user1@internal.example.com',
            userName: 'user1',
            organization: ORG,
            userId: 'S-1-5-18',
            origin: '127.0.0.1',
          },
          mailboxes: ['user2@external.example.com'],
          window: { startDate: '2021-05-04T00:00:00.000Z', endDate: '2021-05-06T00:00:00.000Z' },
        },
        options: { organizationId: ORG, synchronous: true, timeoutMs: 25_000 },
      },
    ]);
    expect(JSON.stringify(calls[0].payload)).not.toContain('origin":undefined');
  });

  it('waits 25 seconds by default', () => {
    expect(PROVIDER_DEADLINE_MS).toBe(25 * 1000);
  });

  it('leaves origin out when the request has none', async () => {
    const { deps, calls } = harness(async () => json({ mailboxes: [] }));
    await callProvider(deps, lambdaConfig, requester, ['a@external.example.com'], window);
    expect(Object.keys((calls[0].payload as { requester: object }).requester)).toEqual([
      'email',
      'userName',
      'organization',
      'userId',
    ]);
  });

  it('fails exactly the mailboxes sent when the function times out, and logs the failure without secrets', async () => {
    const { deps, calls, lines } = harness(async (arn) => {
      throw new FunctionInvocationError(`${arn} did not answer`, arn, { timedOut: true });
    });
    const answers = await callProvider(
      { ...deps, deadlineMs: 50 },
      lambdaConfig,
      requester,
      ['a@external.example.com', 'b@external.example.com'],
      window,
    );

    expect(calls[0].options.timeoutMs).toBe(50);
    expect(answers).toEqual([
      { mailbox: 'a@external.example.com', ok: false, error: 'ERROR_TIMEOUT_EXPIRED' },
      { mailbox: 'b@external.example.com', ok: false, error: 'ERROR_TIMEOUT_EXPIRED' },
    ]);
    expect(lines).toEqual([
      {
        level: 'warn',
        details: {
          event_timestamp: 1_620_000_000_000,
          request_id: 'req-1',
          organization_arn: `arn:aws:workmail:eu-west-1:111122223333:organization/${ORG}`,
          user_id: 'S-1-5-18',
          type: 'LAMBDA',
          domain: 'external.example.com',
          function_arn: ARN,
          error_message: 'No answer within 50 ms',
          availability_event_successful: false,
        },
      },
    ]);
  });

  it('fails the mailboxes with generation failed when the function cannot be invoked or fails', async () => {
    const { deps } = harness(async (arn) => {
      throw new FunctionInvocationError('Unhandled', arn);
    });
    expect(await callProvider(deps, lambdaConfig, requester, ['a@external.example.com'], window)).toEqual([
      { mailbox: 'a@external.example.com', ok: false, error: 'ERROR_FREE_BUSY_GENERATION_FAILED' },
    ]);
  });

  it('lets other errors through', async () => {
    const { deps } = harness(async () => {
      throw new TypeError('bug');
    });
    await expect(callProvider(deps, lambdaConfig, requester, ['a@x.example'], window)).rejects.toThrow('bug');
  });

  it('logs a successful call as successful, and one with schema violations as failed', async () => {
    const good = harness(async () =>
      json({ mailboxes: [{ mailbox: 'a@external.example.com', events: [], workingHours }] }),
    );
    await callProvider(good.deps, lambdaConfig, requester, ['a@external.example.com'], window);
    expect(good.lines[0].level).toBe('info');
    expect(good.lines[0].details).not.toHaveProperty('error_message');
    expect(good.lines[0].details.availability_event_successful).toBe(true);

    const malformed = harness(async () => Buffer.from('{"mailboxes": [ nope'));
    const answers = await callProvider(
      malformed.deps,
      lambdaConfig,
      requester,
      ['a@external.example.com'],
      window,
    );
    expect(answers).toEqual([
      { mailbox: 'a@external.example.com', ok: false, error: 'ERROR_RESPONSE_SCHEMA_VALIDATION' },
    ]);
    expect(malformed.lines[0].details).toMatchObject({
      availability_event_successful: false,
      error_message: '1 mailbox answers did not match the schema',
    });
  });

  it('posts a GetUserAvailability request with the EWS credentials and logs the endpoint, never the password', async () => {
    const posts: Array<{ endpoint: string; credentials: unknown; xml: string; timeoutMs: number }> = [];
    const { deps, lines } = harness(
      async () => undefined,
      async (endpoint, credentials, xml, timeoutMs) => {
        posts.push({ endpoint, credentials, xml, timeoutMs });
        return { status: 401, body: '' };
      },
    );
    const answers = await callProvider(deps, ewsConfig, requester, ['a@external.example.com'], window);

    expect(posts[0]).toMatchObject({
      endpoint: 'https://ews.example/EWS/Exchange.asmx',
      credentials: { username: 'CORP\\svc', password: 's3cret!' },
      timeoutMs: 25_000,
    });
    expect(posts[0].xml).toContain('GetUserAvailabilityRequest');
    expect(answers).toEqual([
      { mailbox: 'a@external.example.com', ok: false, error: 'ERROR_FREE_BUSY_GENERATION_FAILED' },
    ]);
    expect(lines[0].details).toMatchObject({
      type: 'EWS',
      ews_endpoint: 'https://ews.example/EWS/Exchange.asmx',
      error_message: 'EWS answered HTTP 401',
    });
    expect(lines[0].details).not.toHaveProperty('function_arn');
    expect(JSON.stringify(lines)).not.toContain('s3cret!');
  });

  it('fails the EWS mailboxes with a timeout when the endpoint does not answer in time', async () => {
    const { deps } = harness(
      async () => undefined,
      async () => {
        throw new EwsUnreachableError('late', true);
      },
    );
    expect(await callProvider(deps, ewsConfig, requester, ['a@external.example.com'], window)).toEqual([
      { mailbox: 'a@external.example.com', ok: false, error: 'ERROR_TIMEOUT_EXPIRED' },
    ]);
  });
});
