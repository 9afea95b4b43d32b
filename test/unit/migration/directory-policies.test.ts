import { migrateDirectory } from '../../../lambdas/core/migration';
import { MemoryState } from '../../support/mailbox-move-fakes';
import { RecordingApi, refusal, smallInventory } from './doubles';

function emptyTarget(extra: ConstructorParameters<typeof RecordingApi>[0] = {}) {
  return new RecordingApi({
    ListOrganizations: () => ({
      OrganizationSummaries: [{ OrganizationId: 'm-target', Alias: 'acme', State: 'Active' }],
    }),
    ListMailDomains: () => ({ MailDomains: [{ DomainName: 'acme.example' }] }),
    DescribeOrganization: () => ({ ARN: 'arn:target', DefaultMailDomain: 'acme.example' }),
    CreateImpersonationRole: () => ({ ImpersonationRoleId: 'role-target' }),
    ...extra,
  });
}

const callsOf = (target: RecordingApi, action: string) =>
  target.calls.filter((call) => call.action === action).map((call) => call.input);

describe('migrateDirectory: links, policies and settings', () => {
  it('recreates permissions, roles, rules naming them, overrides, retention, Lambda availability, DMARC and tags', async () => {
    const target = emptyTarget();
    const state = new MemoryState();
    const inventory = smallInventory({
      permissions: [
        {
          entityId: 'S-ana',
          grants: [{ GranteeId: 'S-sales', GranteeType: 'GROUP', PermissionValues: ['SEND_AS'] }],
        },
      ],
      impersonationRoles: [
        {
          ImpersonationRoleId: 'role-source',
          Name: 'archiver',
          Type: 'READ_ONLY',
          Description: 'Archive',
          Rules: [{ ImpersonationRuleId: 'r1', Name: 'all', Effect: 'ALLOW', TargetUsers: ['S-ana'] }],
        },
      ],
      accessControlRules: [{ Name: 'archiver-net', Effect: 'ALLOW', ImpersonationRoleIds: ['role-source'] }],
      mobileDeviceOverrides: [
        { UserId: 'S-ana', DeviceId: 'PHONE1', Effect: 'DENY', Description: 'lost' },
        { UserId: 'S-gone', DeviceId: 'PHONE2', Effect: 'DENY' },
      ],
      retentionPolicy: {
        Id: 'p-1',
        Name: 'keep',
        FolderConfigurations: [{ Name: 'INBOX', Action: 'DELETE', Period: 9 }],
      },
      availabilityConfigurations: [
        {
          DomainName: 'partner.example',
          LambdaProvider: { LambdaArn: 'arn:aws:lambda:us-east-1:1:function:cap' },
        },
        { DomainName: 'legacy.example', EwsProvider: { EwsEndpoint: 'https://ews', EwsUsername: 'svc' } },
      ],
      inboundDmarcEnforced: true,
      emailMonitoring: { LogGroupArn: 'arn:aws:logs:us-east-1:1:log-group:events' },
      tags: [{ Key: 'env', Value: 'prod' }],
    });

    const outcome = await migrateDirectory({ target, state, log: () => {} }, inventory);

    const ana = state.get<string>('directory/entity/S-ana');
    const sales = state.get<string>('directory/entity/S-sales');
    expect(outcome.problems).toEqual([]);
    expect(callsOf(target, 'CreateOrganization')).toEqual([]);
    expect(callsOf(target, 'PutMailboxPermissions')).toEqual([
      { OrganizationId: 'm-target', EntityId: ana, GranteeId: sales, PermissionValues: ['SEND_AS'] },
    ]);
    expect(callsOf(target, 'CreateImpersonationRole')).toEqual([
      {
        OrganizationId: 'm-target',
        ClientToken: 'migration-role-source',
        Name: 'archiver',
        Type: 'READ_ONLY',
        Description: 'Archive',
        Rules: [{ ImpersonationRuleId: 'r1', Name: 'all', Effect: 'ALLOW', TargetUsers: [ana] }],
      },
    ]);
    expect(callsOf(target, 'PutAccessControlRule')[0]).toMatchObject({
      ImpersonationRoleIds: ['role-target'],
    });
    expect(callsOf(target, 'PutMobileDeviceAccessOverride')).toEqual([
      { OrganizationId: 'm-target', UserId: ana, DeviceId: 'PHONE1', Effect: 'DENY', Description: 'lost' },
    ]);
    expect(callsOf(target, 'PutRetentionPolicy')).toEqual([
      {
        OrganizationId: 'm-target',
        Name: 'keep',
        FolderConfigurations: [{ Name: 'INBOX', Action: 'DELETE', Period: 9 }],
      },
    ]);
    expect(callsOf(target, 'CreateAvailabilityConfiguration').map((call) => call.DomainName)).toEqual([
      'partner.example',
    ]);
    expect(callsOf(target, 'PutEmailMonitoringConfiguration')).toEqual([
      { OrganizationId: 'm-target', LogGroupArn: 'arn:aws:logs:us-east-1:1:log-group:events' },
    ]);
    expect(callsOf(target, 'PutInboundDmarcSettings')).toEqual([
      { OrganizationId: 'm-target', Enforced: true },
    ]);
    expect(callsOf(target, 'TagResource')).toEqual([
      { ResourceARN: 'arn:target', Tags: [{ Key: 'env', Value: 'prod' }] },
    ]);
  });

  it('leaves a role naming a user that did not move, and a link to an entity that did not move, to the admin', async () => {
    const target = emptyTarget();
    const inventory = smallInventory({
      impersonationRoles: [
        {
          ImpersonationRoleId: 'role-1',
          Name: 'gone-reader',
          Type: 'FULL_ACCESS',
          Rules: [{ Name: 'r', Effect: 'ALLOW', TargetUsers: ['S-gone'] }],
        },
      ],
      permissions: [
        {
          entityId: 'S-ana',
          grants: [{ GranteeId: 'S-gone', GranteeType: 'USER', PermissionValues: ['FULL_ACCESS'] }],
        },
      ],
    });

    const outcome = await migrateDirectory({ target, state: new MemoryState(), log: () => {} }, inventory);

    expect(outcome.problems).toEqual([
      { what: 'mailbox permission of ana', error: 'one of its entities is not on the target' },
      { what: 'impersonation role gone-reader', error: 'it names users that are not on the target' },
    ]);
    expect(callsOf(target, 'CreateImpersonationRole')).toEqual([]);
    expect(callsOf(target, 'PutMailboxPermissions')).toEqual([]);
  });

  it('treats an address a stopped run had already given as given, and any other refusal as a problem', async () => {
    const registered = new Set<string>();
    const target = emptyTarget({
      // The first run registered ana and stopped before recording it: the target refuses a second registration.
      RegisterToWorkMail: (input) =>
        input.Email === 'ana@acme.example' || input.Email === 'sales@acme.example'
          ? refusal('RegisterToWorkMail', 'EntityStateException')
          : (registered.add(String(input.EntityId)), {}),
      DescribeEntity: (input) => ({
        EntityId: input.Email === 'ana@acme.example' ? 'existing-ana' : 'someone-else',
      }),
      ListUsers: () => ({ Users: [{ Id: 'existing-ana', Name: 'ana', State: 'ENABLED' }] }),
      CreateAlias: () => refusal('CreateAlias', 'EmailAddressInUseException'),
      ListAliases: () => ({ Aliases: ['finance@acme.example'] }),
    });

    const outcome = await migrateDirectory(
      { target, state: new MemoryState(), log: () => {} },
      smallInventory(),
    );

    expect(outcome.problems.map((problem) => problem.what)).toEqual([
      'alias ana@acme.awsapps.com',
      'register sales as sales@acme.example',
    ]);
    expect(outcome.mailboxes.map((move) => move.address)).toEqual(['ana@acme.example', 'room@acme.example']);
  });
});
