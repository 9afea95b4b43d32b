import { WorkMailClient } from '@aws-sdk/client-workmail';
import { SdkWorkMailApi } from '../../lambdas/adapters/aws/sdk-workmail-api';
import { migrationPlan, readInventory, retryingApi } from '../../lambdas/core/migration';
import { startFakeWorkMail, type FakeWorkMail } from '../support/fake-workmail-server';
import {
  ANA,
  BO,
  ORGANIZATION_ID,
  recordedOrganization,
  ROOM,
  SALES,
} from './fixtures/workmail/recorded-organization';

describe('Migration source: the inventory against recorded responses of real WorkMail', () => {
  let fake: FakeWorkMail;
  let client: WorkMailClient;

  beforeAll(async () => {
    fake = await startFakeWorkMail(recordedOrganization);
    client = new WorkMailClient({
      endpoint: fake.endpoint,
      region: 'eu-west-1',
      maxAttempts: 1,
      credentials: {
        accessKeyId: 'AKIDEXAMPLE',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      },
    });
  });

  afterAll(async () => {
    client.destroy();
    await fake.close();
  });

  it('reads every entity and setting, follows pages, retries throttling and leaves absent fields absent', async () => {
    const retried: string[] = [];
    const source = retryingApi(new SdkWorkMailApi(client), {
      sleep: async () => {},
      log: (line) => retried.push(line),
    });

    const inventory = await readInventory(source, ORGANIZATION_ID);

    expect(new Set(fake.calls.map((call) => call.action))).toEqual(
      new Set(Object.keys(recordedOrganization)),
    );
    expect(
      fake.calls.filter((call) => call.action === 'ListUsers').map((call) => call.input.NextToken),
    ).toEqual([undefined, 'AAQA-EFRSURBSGh5T1VLcGVyMnN1a0hx']);
    expect(source.throttledCalls()).toBe(1);
    expect(retried).toEqual([expect.stringMatching(/^ListGroups throttled; retry 1 of 7/)]);
    expect(inventory.organization).toEqual({
      id: ORGANIZATION_ID,
      alias: 'example-corp',
      arn: `arn:aws:workmail:eu-west-1:111122223333:organization/${ORGANIZATION_ID}`,
    });
    expect(inventory.domains.map(({ name, isDefault, isTest }) => ({ name, isDefault, isTest }))).toEqual([
      { name: 'example-corp.awsapps.com', isDefault: false, isTest: true },
      { name: 'example.com', isDefault: true, isTest: false },
    ]);
    expect(inventory.users.map((user) => user.name)).toEqual(['ana', 'bo', 'workmail-system']);
    expect(inventory.users[0]).toEqual({
      id: ANA,
      name: 'ana',
      email: 'ana@example.com',
      state: 'ENABLED',
      role: 'USER',
      displayName: 'Ana Silva',
      profile: { FirstName: 'Ana', LastName: 'Silva', JobTitle: 'CFO' },
      hiddenFromGlobalAddressList: false,
      mailboxQuotaMegabytes: 51_200,
      mailboxSizeMegabytes: 1_536.5,
      aliases: ['finance@example.com'],
    });
    expect(inventory.users[1]).toMatchObject({ id: BO, state: 'DISABLED', email: undefined, aliases: [] });
    expect(inventory.groups).toEqual([
      expect.objectContaining({ id: SALES, members: [{ Id: ANA, Type: 'USER' }] }),
    ]);
    expect(inventory.resources).toEqual([
      expect.objectContaining({
        id: ROOM,
        type: 'ROOM',
        delegates: [{ Id: ANA, Type: 'USER' }],
        bookingOptions: expect.objectContaining({ AutoAcceptRequests: false }),
      }),
    ]);
    expect(inventory.permissions).toEqual([
      {
        entityId: ROOM,
        grants: [{ GranteeId: SALES, GranteeType: 'GROUP', PermissionValues: ['SEND_ON_BEHALF'] }],
      },
    ]);
    expect(inventory.impersonationRoles[0]).toMatchObject({
      Name: 'archiver',
      Rules: [{ TargetUsers: [ANA] }],
    });
    expect(inventory.accessControlRules.map((rule) => rule.Name)).toEqual(['default', 'no-imap']);
    expect(inventory.retentionPolicy).toBeUndefined();
    expect(inventory.tags).toEqual([{ Key: 'env', Value: 'prod' }]);
    expect(inventory.notMoved.map((item) => item.what)).toEqual(
      expect.arrayContaining([
        'Deleted entities: carl',
        'System user workmail-system',
        'EWS availability configuration for partner.example.net',
        'Test domain example-corp.awsapps.com',
      ]),
    );
    expect(inventory.emailMonitoring).toEqual({
      RoleArn: 'arn:aws:iam::111122223333:role/WorkMailEmailMonitoring',
      LogGroupArn: 'arn:aws:logs:eu-west-1:111122223333:log-group:/aws/workmail/example-corp:*',
    });
    expect(migrationPlan(inventory).moves).toMatchObject({ users: 2, mailboxes: 2, domains: 1 });
  });
});
