import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CreateAvailabilityConfigurationCommand,
  ListAvailabilityConfigurationsCommand,
  TestAvailabilityConfigurationCommand,
} from '@aws-sdk/client-workmail';
import { parseFunctionTargets } from '../../lambdas/adapters/local/module-function-invoker';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';
import { mailOrganization, type MailUser } from '../support/mail-organization';

const examples = join(dirname(fileURLToPath(import.meta.url)), '../../examples');
const STATIC_CAP = 'arn:aws:lambda:us-east-1:111122223333:function:mailwright-availability-static';
const USING = [
  'urn:ietf:params:jmap:core',
  'urn:ietf:params:jmap:principals',
  'urn:ietf:params:jmap:principals:availability',
];

describe('E2E: free/busy of an external domain through the example CAP, configured with @aws-sdk/client-workmail', () => {
  let mw: TestRuntime;
  let ana: MailUser;
  let organizationId: string;

  const getAvailability = async (args: Record<string, unknown>) => {
    const response = await fetch(`${mw.endpoint}/jmap/api/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ana.token}` },
      body: JSON.stringify({
        using: USING,
        methodCalls: [['Principal/getAvailability', { accountId: ana.userId, ...args }, 'a']],
      }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { methodResponses: [string, Record<string, unknown>, string][] };
    return body.methodResponses[0];
  };

  beforeAll(async () => {
    const map = JSON.parse(await readFile(join(examples, 'local-functions.json'), 'utf8')) as unknown;
    mw = await startTestRuntime({ functionTargets: parseFunctionTargets(map, examples) });
    ({ ana } = await mailOrganization(mw, 'acme', 'acme.example', ['ana']));
    organizationId = (await mw.deps.organizations.findDomainOwner('acme.example'))!;
  });

  afterAll(() => mw.stop());

  it('configures, tests and lists the CAP domain, then answers Principal/getAvailability from it', async () => {
    const workmail = mw.workmail();
    const session = (await (
      await fetch(`${mw.endpoint}/.well-known/jmap`, { headers: { authorization: `Bearer ${ana.token}` } })
    ).json()) as { accounts: Record<string, { accountCapabilities: Record<string, unknown> }> };
    expect(session.accounts[ana.userId].accountCapabilities[USING[2]]).toEqual({
      maxAvailabilityDuration: 'P42D',
    });

    await workmail.send(
      new CreateAvailabilityConfigurationCommand({
        OrganizationId: organizationId,
        DomainName: 'partner.example',
        LambdaProvider: { LambdaArn: STATIC_CAP },
        ClientToken: 'partner-1',
      }),
    );
    const tested = await workmail.send(
      new TestAvailabilityConfigurationCommand({
        OrganizationId: organizationId,
        DomainName: 'partner.example',
      }),
    );
    const listed = await workmail.send(
      new ListAvailabilityConfigurationsCommand({ OrganizationId: organizationId }),
    );

    expect(tested.TestPassed).toBe(true);
    expect(listed.AvailabilityConfigurations).toEqual([
      expect.objectContaining({
        DomainName: 'partner.example',
        ProviderType: 'LAMBDA',
        LambdaProvider: { LambdaArn: STATIC_CAP },
        DateCreated: expect.any(Date),
      }),
    ]);

    const [name, result] = await getAvailability({
      id: 'carl@partner.example',
      utcStart: '2026-03-02T00:00:00Z',
      utcEnd: '2026-03-09T00:00:00Z',
      showDetails: true,
      eventProperties: ['title'],
    });

    expect(name).toBe('Principal/getAvailability');
    expect(result).toEqual({
      list: [
        {
          utcStart: '2026-03-02T09:00:00Z',
          utcEnd: '2026-03-02T10:00:00Z',
          busyStatus: 'confirmed',
          event: { '@type': 'Event', title: 'Weekly planning' },
        },
        {
          utcStart: '2026-03-03T13:00:00Z',
          utcEnd: '2026-03-03T15:30:00Z',
          busyStatus: 'tentative',
          event: null,
        },
      ],
    });
  });

  it('answers notFound for an address the CAP does not know and for a domain without configuration', async () => {
    const window = { utcStart: '2026-03-02T00:00:00Z', utcEnd: '2026-03-09T00:00:00Z' };
    const [unknown, unknownResult] = await getAvailability({ id: 'nobody@partner.example', ...window });
    const [unconfigured, unconfiguredResult] = await getAvailability({
      id: 'x@elsewhere.example',
      ...window,
    });
    expect([unknown, unknownResult.type]).toEqual(['error', 'notFound']);
    expect([unconfigured, unconfiguredResult.type]).toEqual(['error', 'notFound']);
  });
});
