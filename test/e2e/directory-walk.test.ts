import {
  AssociateDelegateToResourceCommand,
  AssociateMemberToGroupCommand,
  CreateAliasCommand,
  CreateGroupCommand,
  CreateOrganizationCommand,
  CreateResourceCommand,
  CreateUserCommand,
  DeleteGroupCommand,
  DeleteResourceCommand,
  DeleteUserCommand,
  DeregisterFromWorkMailCommand,
  DescribeEntityCommand,
  DescribeGroupCommand,
  DescribeResourceCommand,
  DescribeUserCommand,
  EmailAddressInUseException,
  EntityStateException,
  GetMailboxDetailsCommand,
  GetMailDomainCommand,
  InvalidParameterException,
  ListAliasesCommand,
  ListGroupMembersCommand,
  ListGroupsCommand,
  ListResourceDelegatesCommand,
  ListResourcesCommand,
  ListUsersCommand,
  OrganizationNotFoundException,
  RegisterMailDomainCommand,
  RegisterToWorkMailCommand,
  UpdateGroupCommand,
  UpdateMailboxQuotaCommand,
  UpdateResourceCommand,
  UpdateUserCommand,
  type WorkMailClient,
} from '@aws-sdk/client-workmail';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';

/** Runs `send` and returns the error it rejects with (or fails the test when it resolves). */
async function failure(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error as Error,
  );
  if (!outcome) throw new Error('expected the call to fail');
  return outcome;
}

describe('E2E: the directory walk through real clients', () => {
  let mw: TestRuntime;
  let client: WorkMailClient;

  beforeAll(async () => {
    mw = await startTestRuntime();
    client = mw.workmail();
  });

  afterAll(async () => {
    await mw?.stop();
  });

  describe('@aws-sdk/client-workmail', () => {
    let OrganizationId: string;
    const domain = 'walk.example.com';

    beforeAll(async () => {
      ({ OrganizationId } = (await client.send(new CreateOrganizationCommand({ Alias: 'walk' }))) as {
        OrganizationId: string;
      });
      await client.send(new RegisterMailDomainCommand({ OrganizationId, DomainName: domain }));
    });

    it('publishes the DNS records of a registered domain', async () => {
      const record = await client.send(new GetMailDomainCommand({ OrganizationId, DomainName: domain }));

      expect(record.Records?.map((r) => r.Type)).toEqual(expect.arrayContaining(['MX', 'TXT', 'CNAME']));
      expect(record.OwnershipVerificationStatus).toBe('VERIFIED');
    });

    it('walks a user through create, enable, describe, update, list, disable and delete', async () => {
      const { UserId } = await client.send(
        new CreateUserCommand({
          OrganizationId,
          Name: 'alice',
          DisplayName: 'Alice',
          Password: 'Corr3ct-Horse',
        }),
      );
      await client.send(
        new RegisterToWorkMailCommand({ OrganizationId, EntityId: UserId, Email: `alice@${domain}` }),
      );
      await client.send(
        new UpdateUserCommand({ OrganizationId, UserId, City: 'Lisbon', JobTitle: 'Engineer' }),
      );
      await client.send(new UpdateMailboxQuotaCommand({ OrganizationId, UserId, MailboxQuota: 2048 }));
      await client.send(new CreateAliasCommand({ OrganizationId, EntityId: UserId, Alias: `al@${domain}` }));

      const described = await client.send(
        new DescribeUserCommand({ OrganizationId, UserId: `alice@${domain}` }),
      );
      const listed = await client.send(
        new ListUsersCommand({ OrganizationId, Filters: { UsernamePrefix: 'ali' } }),
      );
      const byAlias = await client.send(new DescribeEntityCommand({ OrganizationId, Email: `al@${domain}` }));
      const aliases = await client.send(new ListAliasesCommand({ OrganizationId, EntityId: UserId }));
      const mailbox = await client.send(new GetMailboxDetailsCommand({ OrganizationId, UserId }));
      const deleteWhileEnabled = await failure(
        client.send(new DeleteUserCommand({ OrganizationId, UserId })),
      );
      await client.send(new DeregisterFromWorkMailCommand({ OrganizationId, EntityId: UserId }));
      await client.send(new DeleteUserCommand({ OrganizationId, UserId }));
      const afterDelete = await client.send(new DescribeUserCommand({ OrganizationId, UserId }));

      expect(described).toMatchObject({ UserId, Name: 'alice', Email: `alice@${domain}`, State: 'ENABLED' });
      expect(described).toMatchObject({ City: 'Lisbon', JobTitle: 'Engineer', UserRole: 'USER' });
      expect(described.EnabledDate).toBeInstanceOf(Date);
      expect(listed.Users?.map((u) => u.Id)).toEqual([UserId]);
      expect(byAlias).toEqual(expect.objectContaining({ EntityId: UserId, Type: 'USER', Name: 'alice' }));
      expect(aliases.Aliases).toContain(`al@${domain}`);
      expect(mailbox).toMatchObject({ MailboxQuota: 2048, MailboxSize: 0 });
      expect(deleteWhileEnabled).toBeInstanceOf(EntityStateException);
      expect(afterDelete.State).toBe('DELETED');
    });

    it('walks a group with a nested group through its whole life', async () => {
      const { GroupId } = await client.send(new CreateGroupCommand({ OrganizationId, Name: 'sales' }));
      const { GroupId: innerId } = await client.send(
        new CreateGroupCommand({ OrganizationId, Name: 'sales-emea' }),
      );
      const { UserId } = await client.send(
        new CreateUserCommand({ OrganizationId, Name: 'bob', DisplayName: 'Bob', Password: 'Corr3ct-Horse' }),
      );
      for (const [id, email] of [
        [GroupId, `sales@${domain}`],
        [innerId, `sales-emea@${domain}`],
        [UserId, `bob@${domain}`],
      ]) {
        await client.send(new RegisterToWorkMailCommand({ OrganizationId, EntityId: id, Email: email }));
      }
      await client.send(
        new AssociateMemberToGroupCommand({ OrganizationId, GroupId: 'sales', MemberId: 'sales-emea' }),
      );
      await client.send(
        new AssociateMemberToGroupCommand({ OrganizationId, GroupId: innerId, MemberId: `bob@${domain}` }),
      );
      await client.send(
        new UpdateGroupCommand({ OrganizationId, GroupId, HiddenFromGlobalAddressList: true }),
      );

      const members = await client.send(new ListGroupMembersCommand({ OrganizationId, GroupId }));
      const described = await client.send(
        new DescribeGroupCommand({ OrganizationId, GroupId: `sales@${domain}` }),
      );
      const listed = await client.send(
        new ListGroupsCommand({ OrganizationId, Filters: { NamePrefix: 'sales' } }),
      );
      const cycle = await failure(
        client.send(
          new AssociateMemberToGroupCommand({ OrganizationId, GroupId: innerId, MemberId: GroupId }),
        ),
      );
      await client.send(new DeregisterFromWorkMailCommand({ OrganizationId, EntityId: GroupId }));
      await client.send(new DeleteGroupCommand({ OrganizationId, GroupId }));

      expect(members.Members).toEqual([
        expect.objectContaining({ Id: innerId, Type: 'GROUP', Name: 'sales-emea' }),
      ]);
      expect(described).toMatchObject({ GroupId, State: 'ENABLED', HiddenFromGlobalAddressList: true });
      expect(listed.Groups?.map((g) => g.Name).sort()).toEqual(['sales', 'sales-emea']);
      expect(cycle).toBeInstanceOf(InvalidParameterException);
    });

    it('walks a resource with booking options and a delegate through its whole life', async () => {
      const { ResourceId } = await client.send(
        new CreateResourceCommand({ OrganizationId, Name: 'room-1', Type: 'ROOM', Description: 'Big room' }),
      );
      const { UserId } = await client.send(
        new CreateUserCommand({
          OrganizationId,
          Name: 'carol',
          DisplayName: 'Carol',
          Password: 'Corr3ct-Horse',
        }),
      );
      await client.send(
        new RegisterToWorkMailCommand({ OrganizationId, EntityId: UserId, Email: `carol@${domain}` }),
      );
      await client.send(
        new RegisterToWorkMailCommand({ OrganizationId, EntityId: ResourceId, Email: `room-1@${domain}` }),
      );
      const noDelegate = await failure(
        client.send(
          new UpdateResourceCommand({
            OrganizationId,
            ResourceId,
            BookingOptions: { AutoAcceptRequests: false },
          }),
        ),
      );
      await client.send(
        new AssociateDelegateToResourceCommand({ OrganizationId, ResourceId, EntityId: 'carol' }),
      );
      await client.send(
        new UpdateResourceCommand({
          OrganizationId,
          ResourceId,
          BookingOptions: { AutoAcceptRequests: false },
        }),
      );

      const described = await client.send(
        new DescribeResourceCommand({ OrganizationId, ResourceId: 'room-1' }),
      );
      const delegates = await client.send(new ListResourceDelegatesCommand({ OrganizationId, ResourceId }));
      const listed = await client.send(
        new ListResourcesCommand({ OrganizationId, Filters: { State: 'ENABLED' } }),
      );
      await client.send(new DeregisterFromWorkMailCommand({ OrganizationId, EntityId: ResourceId }));
      await client.send(new DeleteResourceCommand({ OrganizationId, ResourceId }));

      expect(ResourceId).toMatch(/^r-[0-9a-f]{32}$/);
      expect(noDelegate.name).toBe('InvalidConfigurationException');
      expect(described).toMatchObject({
        ResourceId,
        Type: 'ROOM',
        State: 'ENABLED',
        Email: `room-1@${domain}`,
      });
      expect(described.BookingOptions?.AutoAcceptRequests).toBe(false);
      expect(delegates.Delegates).toEqual([{ Id: UserId, Type: 'USER' }]);
      expect(listed.Resources?.map((r) => r.Id)).toContain(ResourceId);
    });

    it('refuses an address that another entity holds', async () => {
      const { GroupId } = await client.send(new CreateGroupCommand({ OrganizationId, Name: 'support' }));
      const { UserId } = await client.send(
        new CreateUserCommand({
          OrganizationId,
          Name: 'dave',
          DisplayName: 'Dave',
          Password: 'Corr3ct-Horse',
        }),
      );
      await client.send(
        new RegisterToWorkMailCommand({ OrganizationId, EntityId: GroupId, Email: `help@${domain}` }),
      );

      const taken = await failure(
        client.send(
          new RegisterToWorkMailCommand({ OrganizationId, EntityId: UserId, Email: `help@${domain}` }),
        ),
      );

      expect(taken).toBeInstanceOf(EmailAddressInUseException);
    });

    it('lets exactly one of two concurrent CreateAlias calls claim an address', async () => {
      const ids: string[] = [];
      for (const name of ['erin', 'frank']) {
        const { UserId } = await client.send(
          new CreateUserCommand({ OrganizationId, Name: name, DisplayName: name, Password: 'Corr3ct-Horse' }),
        );
        await client.send(
          new RegisterToWorkMailCommand({ OrganizationId, EntityId: UserId, Email: `${name}@${domain}` }),
        );
        ids.push(UserId as string);
      }

      const outcomes = await Promise.allSettled(
        ids.map((EntityId) =>
          client.send(new CreateAliasCommand({ OrganizationId, EntityId, Alias: `race@${domain}` })),
        ),
      );

      const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      expect(rejected).toHaveLength(1);
      expect(rejected[0].reason).toBeInstanceOf(EmailAddressInUseException);
    });

    it('answers an unknown organization with OrganizationNotFoundException', async () => {
      const error = await failure(
        client.send(new ListUsersCommand({ OrganizationId: `m-${'0'.repeat(32)}` })),
      );

      expect(error).toBeInstanceOf(OrganizationNotFoundException);
    });

    it('rejects a malformed entity id format before doing anything', async () => {
      const error = await failure(
        client.send(new DescribeUserCommand({ OrganizationId, UserId: 'not valid!' })),
      );

      expect(error).toBeInstanceOf(InvalidParameterException);
    });
  });

  describe('aws CLI', () => {
    it('walks a user, a group and a resource through their lives', async () => {
      const org = await mw.cli(['create-organization', '--alias', 'cliwalk']);
      const orgId = org.json?.OrganizationId as string;
      const domain = 'cliwalk.example.org';
      const run = async (...args: string[]) => {
        const result = await mw.cli([...args, '--organization-id', orgId]);
        if (result.code !== 0) throw new Error(`aws workmail ${args[0]} failed: ${result.stderr}`);
        return result.json ?? {};
      };
      await run('register-mail-domain', '--domain-name', domain);

      const user = await run(
        'create-user',
        '--name',
        'gina',
        '--display-name',
        'Gina',
        '--password',
        'Corr3ct-Horse',
      );
      const group = await run('create-group', '--name', 'ops');
      const resource = await run('create-resource', '--name', 'van', '--type', 'EQUIPMENT');
      await run('register-to-work-mail', '--entity-id', user.UserId as string, '--email', `gina@${domain}`);
      await run('register-to-work-mail', '--entity-id', group.GroupId as string, '--email', `ops@${domain}`);
      await run(
        'register-to-work-mail',
        '--entity-id',
        resource.ResourceId as string,
        '--email',
        `van@${domain}`,
      );
      await run('associate-member-to-group', '--group-id', 'ops', '--member-id', 'gina');
      await run('update-user', '--user-id', 'gina', '--department', 'Operations');
      const described = await run('describe-user', '--user-id', `gina@${domain}`);
      const members = await run('list-group-members', '--group-id', group.GroupId as string);
      const resources = await run('list-resources');
      const deleteEnabled = await mw.cli(['delete-group', '--organization-id', orgId, '--group-id', 'ops']);
      for (const id of [user.UserId, group.GroupId, resource.ResourceId] as string[]) {
        await run('deregister-from-work-mail', '--entity-id', id);
      }
      await run('delete-user', '--user-id', user.UserId as string);
      await run('delete-group', '--group-id', group.GroupId as string);
      await run('delete-resource', '--resource-id', resource.ResourceId as string);
      const users = await run('list-users', '--filters', 'State=DELETED');

      expect(described).toMatchObject({
        Name: 'gina',
        Email: `gina@${domain}`,
        State: 'ENABLED',
        Department: 'Operations',
      });
      expect(typeof described.EnabledDate).toBe('number');
      expect((members.Members as Array<{ Id: string }>).map((m) => m.Id)).toEqual([user.UserId]);
      expect((resources.Resources as Array<{ Type: string }>)[0].Type).toBe('EQUIPMENT');
      expect(deleteEnabled.code).not.toBe(0);
      expect(deleteEnabled.stderr).toContain('EntityStateException');
      expect((users.Users as Array<{ Id: string }>).map((u) => u.Id)).toContain(user.UserId);
    });

    it('reports a duplicate address and an unknown user in the AWS error format', async () => {
      const org = await mw.cli(['create-organization', '--alias', 'clierrors']);
      const orgId = org.json?.OrganizationId as string;

      const unknown = await mw.cli(['describe-user', '--organization-id', orgId, '--user-id', 'nobody']);
      const badSignature = await mw.cli(['list-organizations'], {
        accessKeyId: mw.credentials.accessKeyId,
        secretAccessKey: 'not-the-secret-0000000000000000000000000',
      });

      expect(unknown.code).not.toBe(0);
      expect(unknown.stderr).toContain('EntityNotFoundException');
      expect(badSignature.code).not.toBe(0);
      expect(badSignature.stderr).toContain('SignatureDoesNotMatch');
    });
  });
});
