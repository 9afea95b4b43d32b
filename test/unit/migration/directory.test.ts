import { migrateDirectory, type PasswordSheet } from '../../../lambdas/core/migration';
import { MemoryState } from '../../support/mailbox-move-fakes';
import { RecordingApi, refusal, smallInventory } from './doubles';

/** A target with an empty organization list, its test domain, and otherwise default answers. */
function emptyTarget(extra: ConstructorParameters<typeof RecordingApi>[0] = {}) {
  return new RecordingApi({
    ListOrganizations: () => ({ OrganizationSummaries: [] }),
    CreateOrganization: () => ({ OrganizationId: 'm-target' }),
    ListMailDomains: () => ({ MailDomains: [{ DomainName: 'acme.mailwright.localhost' }] }),
    GetMailDomain: () => ({ IsTestDomain: true }),
    DescribeOrganization: () => ({ ARN: 'arn:target', DefaultMailDomain: 'acme.mailwright.localhost' }),
    ...extra,
  });
}

describe('migrateDirectory', () => {
  it('recreates the organization, domains, entities, addresses, links and options in order', async () => {
    const target = emptyTarget();
    const rows: Parameters<PasswordSheet['record']>[0][] = [];

    const outcome = await migrateDirectory(
      {
        target,
        state: new MemoryState(),
        log: () => {},
        passwords: { record: async (row) => void rows.push(row) },
        newPassword: () => 'Temporary-1',
      },
      smallInventory(),
    );

    const changes = target.calls.filter((call) => !/^(List|Describe|Get)/.test(call.action));
    expect(changes.map((call) => call.action)).toEqual([
      'CreateOrganization',
      'RegisterMailDomain',
      'UpdateDefaultMailDomain',
      'CreateUser',
      'UpdateUser',
      'RegisterToWorkMail',
      'UpdateMailboxQuota',
      'CreateAlias',
      'CreateAlias',
      'CreateUser',
      'CreateGroup',
      'RegisterToWorkMail',
      'CreateResource',
      'RegisterToWorkMail',
      'AssociateMemberToGroup',
      'AssociateDelegateToResource',
      'UpdateResource',
    ]);
    expect(changes.find((call) => call.action === 'CreateUser')!.input).toMatchObject({
      Name: 'ana',
      Password: 'Temporary-1',
    });
    expect(changes.filter((call) => call.action === 'CreateUser')[1]!.input).toEqual({
      OrganizationId: 'm-target',
      Name: 'bo',
      DisplayName: 'bo',
      HiddenFromGlobalAddressList: true,
    });
    expect(changes.filter((call) => call.action === 'CreateAlias').map((call) => call.input.Alias)).toEqual([
      'finance@acme.example',
      'ana@acme.mailwright.localhost',
    ]);
    expect(rows).toEqual([{ address: 'ana@acme.example', name: 'ana', password: 'Temporary-1' }]);
    expect(outcome).toMatchObject({ targetOrganizationId: 'm-target', problems: [], passwords: 'csv' });
    expect(outcome.mailboxes.map((move) => move.address)).toEqual(['ana@acme.example', 'room@acme.example']);
  });

  it('changes nothing when run again on the same state', async () => {
    const state = new MemoryState();
    await migrateDirectory({ target: emptyTarget(), state, log: () => {} }, smallInventory());
    const target = emptyTarget();

    const outcome = await migrateDirectory({ target, state, log: () => {} }, smallInventory());

    expect(outcome.changes).toBe(0);
    expect(target.actions().filter((action) => !/^(List|Describe|Get)/.test(action))).toEqual([]);
  });

  it('reports an address the target refuses and goes on with the rest', async () => {
    const target = emptyTarget({
      CreateAlias: (input) =>
        input.Alias === 'finance@acme.example' ? refusal('CreateAlias', 'EmailAddressInUseException') : {},
      ListAliases: () => ({ Aliases: [] }),
    });

    const outcome = await migrateDirectory(
      { target, state: new MemoryState(), log: () => {} },
      smallInventory(),
    );

    expect(outcome.problems).toEqual([
      { what: 'alias finance@acme.example', error: 'EmailAddressInUseException: refused' },
    ]);
    expect(target.actions()).toContain('AssociateDelegateToResource');
  });

  it('adopts an entity an interrupted run created but did not record', async () => {
    const target = emptyTarget({
      ListUsers: () => ({ Users: [{ Id: 'existing-ana', Name: 'ana', State: 'ENABLED' }] }),
    });

    const outcome = await migrateDirectory(
      { target, state: new MemoryState(), log: () => {} },
      smallInventory(),
    );

    expect(outcome.adopted).toEqual(['user ana']);
    expect(
      target.calls.filter((call) => call.action === 'CreateUser').map((call) => call.input.Name),
    ).toEqual(['bo']);
  });

  it('leaves an access control rule naming a user that did not move to the admin, and moves the others', async () => {
    const target = emptyTarget();
    const inventory = smallInventory({
      accessControlRules: [
        { Name: 'deny-gone', Effect: 'DENY', UserIds: ['S-gone'] },
        { Name: 'deny-ana', Effect: 'DENY', UserIds: ['S-ana'] },
      ],
    });

    const state = new MemoryState();

    const outcome = await migrateDirectory({ target, state, log: () => {} }, inventory);

    expect(outcome.problems.map((problem) => problem.what)).toEqual(['access control rule deny-gone']);
    expect(
      target.calls.filter((call) => call.action === 'PutAccessControlRule').map((call) => call.input),
    ).toEqual([
      {
        OrganizationId: 'm-target',
        Description: '',
        Name: 'deny-ana',
        Effect: 'DENY',
        UserIds: [state.get('directory/entity/S-ana')],
      },
    ]);
  });

  it('updates the target rule of the same name instead of creating a second one', async () => {
    const target = emptyTarget({
      ListMobileDeviceAccessRules: () => ({
        Rules: [{ Name: 'default', MobileDeviceAccessRuleId: 'target-default' }],
      }),
    });
    const inventory = smallInventory({
      mobileDeviceRules: [
        { MobileDeviceAccessRuleId: 'src-default', Name: 'default', Effect: 'DENY' },
        {
          MobileDeviceAccessRuleId: 'src-ios',
          Name: 'ios',
          Effect: 'ALLOW',
          DeviceOperatingSystems: ['iOS 17'],
        },
      ],
    });

    await migrateDirectory({ target, state: new MemoryState(), log: () => {} }, inventory);

    expect(
      target.calls
        .filter((call) => /MobileDeviceAccessRule$/.test(call.action))
        .map((call) => [call.action, call.input.Name]),
    ).toEqual([
      ['UpdateMobileDeviceAccessRule', 'default'],
      ['CreateMobileDeviceAccessRule', 'ios'],
    ]);
  });
});
