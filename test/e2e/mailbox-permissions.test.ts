import {
  AssociateMemberToGroupCommand,
  CreateGroupCommand,
  CreateOrganizationCommand,
  CreateUserCommand,
  DeleteMailboxPermissionsCommand,
  EntityNotFoundException,
  InvalidParameterException,
  ListMailboxPermissionsCommand,
  PutMailboxPermissionsCommand,
  RegisterToWorkMailCommand,
  paginateListMailboxPermissions,
  type WorkMailClient,
} from '@aws-sdk/client-workmail';
import { MailboxPermissions } from '../../lambdas/core/permissions';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';

/** The error a call rejects with (fails the test when it resolves). */
async function failure(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error as Error,
  );
  if (!outcome) throw new Error('expected the call to fail');
  return outcome;
}

describe('E2E: mailbox permissions through @aws-sdk/client-workmail', () => {
  let mw: TestRuntime;
  let workmail: WorkMailClient;
  let resolver: MailboxPermissions;

  beforeAll(async () => {
    mw = await startTestRuntime();
    workmail = mw.workmail();
    resolver = new MailboxPermissions({
      entities: mw.deps.entities,
      permissions: mw.deps.mailboxPermissions,
    });
  });

  afterAll(async () => {
    await mw?.stop();
  });

  /** An organization and a way to add enabled users and groups to it, by name. */
  async function organization(alias: string) {
    const { OrganizationId } = await workmail.send(new CreateOrganizationCommand({ Alias: alias }));
    const domain = `${alias}.mailwright.localhost`;
    const enable = async (EntityId: string, name: string) => {
      await workmail.send(
        new RegisterToWorkMailCommand({ OrganizationId, EntityId, Email: `${name}@${domain}` }),
      );
      return EntityId;
    };
    return {
      organizationId: OrganizationId!,
      domain,
      user: async (Name: string) =>
        enable(
          (await workmail.send(new CreateUserCommand({ OrganizationId, Name, DisplayName: Name }))).UserId!,
          Name,
        ),
      group: async (Name: string) =>
        enable((await workmail.send(new CreateGroupCommand({ OrganizationId, Name }))).GroupId!, Name),
    };
  }

  it('shares a mailbox with a user and a group, lists and revokes, and members resolve their access', async () => {
    // Prepare
    const org = await organization('share-walk');
    const OrganizationId = org.organizationId;
    const support = await org.user('support');
    const ana = await org.user('ana');
    const ben = await org.user('ben');
    const helpdesk = await org.group('helpdesk');
    await workmail.send(
      new AssociateMemberToGroupCommand({ OrganizationId, GroupId: helpdesk, MemberId: ben }),
    );
    // Act
    await workmail.send(
      new PutMailboxPermissionsCommand({
        OrganizationId,
        EntityId: `support@${org.domain}`,
        GranteeId: `ana@${org.domain}`,
        PermissionValues: ['FULL_ACCESS', 'SEND_AS'],
      }),
    );
    await workmail.send(
      new PutMailboxPermissionsCommand({
        OrganizationId,
        EntityId: 'support',
        GranteeId: 'helpdesk',
        PermissionValues: ['SEND_ON_BEHALF'],
      }),
    );
    const listed = await workmail.send(
      new ListMailboxPermissionsCommand({ OrganizationId, EntityId: support }),
    );
    // Assess
    expect(listed.NextToken).toBeUndefined();
    expect(listed.Permissions).toEqual(
      expect.arrayContaining([
        { GranteeId: ana, GranteeType: 'USER', PermissionValues: ['FULL_ACCESS', 'SEND_AS'] },
        { GranteeId: helpdesk, GranteeType: 'GROUP', PermissionValues: ['SEND_ON_BEHALF'] },
      ]),
    );
    await expect(resolver.mailboxAccess(OrganizationId, ana)).resolves.toEqual({
      fullAccess: [support],
      sendAs: [support],
      sendOnBehalf: [],
    });
    await expect(resolver.maySend(OrganizationId, ben, support)).resolves.toBe('SEND_ON_BEHALF');
    // Act
    await workmail.send(
      new DeleteMailboxPermissionsCommand({ OrganizationId, EntityId: support, GranteeId: ana }),
    );
    await workmail.send(
      new DeleteMailboxPermissionsCommand({ OrganizationId, EntityId: support, GranteeId: ana }),
    );
    // Assess: the change applies to the very next check
    const after = await workmail.send(
      new ListMailboxPermissionsCommand({ OrganizationId, EntityId: support }),
    );
    expect(after.Permissions?.map((p) => p.GranteeId)).toEqual([helpdesk]);
    await expect(resolver.maySend(OrganizationId, ana, support)).resolves.toBeUndefined();
  });

  it('raises the SDK’s typed exceptions: FULL_ACCESS on a group, an unknown grantee', async () => {
    const org = await organization('share-errors');
    const OrganizationId = org.organizationId;
    const sales = await org.group('sales');
    await org.user('carol');

    const onGroup = await failure(
      workmail.send(
        new PutMailboxPermissionsCommand({
          OrganizationId,
          EntityId: sales,
          GranteeId: 'carol',
          PermissionValues: ['FULL_ACCESS'],
        }),
      ),
    );
    const unknown = await failure(
      workmail.send(
        new PutMailboxPermissionsCommand({
          OrganizationId,
          EntityId: sales,
          GranteeId: 'nobody',
          PermissionValues: ['SEND_AS'],
        }),
      ),
    );

    expect(onGroup).toBeInstanceOf(InvalidParameterException);
    expect(unknown).toBeInstanceOf(EntityNotFoundException);
  });

  it('pages with the SDK paginator, which stops on the last page', async () => {
    const org = await organization('share-pages');
    const OrganizationId = org.organizationId;
    const shared = await org.user('shared');
    const grantees: string[] = [];
    for (const name of ['g1', 'g2', 'g3', 'g4', 'g5']) {
      const id = await org.user(name);
      grantees.push(id);
      await workmail.send(
        new PutMailboxPermissionsCommand({
          OrganizationId,
          EntityId: shared,
          GranteeId: id,
          PermissionValues: ['SEND_AS'],
        }),
      );
    }

    const seen: string[] = [];
    let pages = 0;
    for await (const page of paginateListMailboxPermissions(
      { client: workmail, pageSize: 2 },
      { OrganizationId, EntityId: shared },
    )) {
      pages += 1;
      seen.push(...(page.Permissions ?? []).map((p) => p.GranteeId!));
    }

    expect(seen.sort()).toEqual([...grantees].sort());
    expect(pages).toBe(3);
  });

  it('keeps organizations apart: another organization’s ids are not found and its NextToken is refused', async () => {
    // Prepare
    const a = await organization('share-tenant-a');
    const b = await organization('share-tenant-b');
    const [sharedA, anaA, benA] = [await a.user('shared'), await a.user('ana'), await a.user('ben')];
    const [sharedB, anaB] = [await b.user('shared'), await b.user('ana')];
    for (const grantee of [anaA, benA]) {
      await workmail.send(
        new PutMailboxPermissionsCommand({
          OrganizationId: a.organizationId,
          EntityId: sharedA,
          GranteeId: grantee,
          PermissionValues: ['FULL_ACCESS'],
        }),
      );
    }
    const { NextToken } = await workmail.send(
      new ListMailboxPermissionsCommand({
        OrganizationId: a.organizationId,
        EntityId: sharedA,
        MaxResults: 1,
      }),
    );
    // Act
    const foreignEntity = await failure(
      workmail.send(
        new ListMailboxPermissionsCommand({ OrganizationId: b.organizationId, EntityId: sharedA }),
      ),
    );
    const foreignGrantee = await failure(
      workmail.send(
        new PutMailboxPermissionsCommand({
          OrganizationId: b.organizationId,
          EntityId: sharedB,
          GranteeId: anaA,
          PermissionValues: ['SEND_AS'],
        }),
      ),
    );
    const foreignDelete = await failure(
      workmail.send(
        new DeleteMailboxPermissionsCommand({
          OrganizationId: b.organizationId,
          EntityId: sharedA,
          GranteeId: anaA,
        }),
      ),
    );
    const replayedElsewhere = await failure(
      workmail.send(
        new ListMailboxPermissionsCommand({ OrganizationId: b.organizationId, EntityId: sharedB, NextToken }),
      ),
    );
    const replayedOnAnotherMailbox = await failure(
      workmail.send(
        new ListMailboxPermissionsCommand({ OrganizationId: a.organizationId, EntityId: anaA, NextToken }),
      ),
    );
    // Assess
    for (const error of [foreignEntity, foreignGrantee, foreignDelete]) {
      expect(error).toBeInstanceOf(EntityNotFoundException);
      expect(error.message).not.toContain(a.organizationId);
    }
    expect(replayedElsewhere).toBeInstanceOf(InvalidParameterException);
    expect(replayedOnAnotherMailbox).toBeInstanceOf(InvalidParameterException);
    const listedA = await workmail.send(
      new ListMailboxPermissionsCommand({ OrganizationId: a.organizationId, EntityId: sharedA }),
    );
    expect(listedA.Permissions).toHaveLength(2);
    await expect(resolver.mailboxAccess(b.organizationId, anaB)).resolves.toEqual({
      fullAccess: [],
      sendAs: [],
      sendOnBehalf: [],
    });
  });

  it('serves the same operations on REST routes', async () => {
    const org = await organization('share-rest');
    const shared = await org.user('shared');
    const ana = await org.user('ana');
    const path = `/organizations/${org.organizationId}/entities/${shared}/permissions`;

    const put = await mw.call({
      method: 'PUT',
      path: `${path}/${ana}`,
      body: { PermissionValues: ['SEND_AS'] },
    });
    const listed = await mw.call({ method: 'GET', path });
    const removed = await mw.call({ method: 'DELETE', path: `${path}/${ana}` });
    const after = await mw.call({ method: 'GET', path });

    expect(put.status).toBe(200);
    expect(listed.json.Permissions).toEqual([
      { GranteeId: ana, GranteeType: 'USER', PermissionValues: ['SEND_AS'] },
    ]);
    expect(removed.json).toEqual({});
    expect(removed.status).toBe(200);
    expect(after.json.Permissions).toEqual([]);
  });
});
