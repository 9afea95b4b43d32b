import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDbOrganizationStore } from '../../lambdas/adapters/aws/dynamodb-organization-store';
import {
  createOrganization,
  deleteOrganization,
  describeInboundDmarcSettings,
  describeOrganization,
  listOrganizations,
  putInboundDmarcSettings,
} from '../../lambdas/core/api/operations/organizations';
import { requireOrganization } from '../../lambdas/core/directory/guards';
import { createTestApiDeps, type TestApiDeps } from '../support/api-deps';
import { patchStore } from './entity-kit';

type Created = { OrganizationId: string };
type Described = Record<string, unknown>;
type Listed = { OrganizationSummaries: Array<{ OrganizationId: string; Alias: string }>; NextToken?: string };

/** Writes an entity item the way the entity store does (dynamodb-tables.ts key design). */
async function putEntity(
  t: TestApiDeps,
  organizationId: string,
  kind: string,
  entityId: string,
  state: string,
): Promise<void> {
  await t.tables.documents.send(
    new PutCommand({
      TableName: t.tables.directoryTable,
      Item: {
        pk: `ORG#${organizationId}`,
        sk: `ENTITY#${entityId}`,
        gsi1pk: `ORG#${organizationId}#${kind}`,
        gsi1sk: entityId,
        gsi2pk: `ORG#${organizationId}#${kind}#${state}`,
        gsi2sk: entityId,
      },
    }),
  );
}

describe('Operation: DescribeOrganization', () => {
  it("describes the organization in WorkMail's shape", async () => {
    const t = await createTestApiDeps();
    const { OrganizationId } = await t.call<Created>(createOrganization, { Alias: 'Described' });
    const described = await t.call<Described>(describeOrganization, { OrganizationId });
    expect(described).toEqual({
      OrganizationId,
      Alias: 'Described',
      State: 'Active',
      DirectoryId: expect.stringMatching(/^d-[0-9a-f]{10}$/),
      DirectoryType: 'WorkMailDirectory',
      DefaultMailDomain: 'described.mailwright.test',
      CompletedDate: expect.any(Number),
      ARN: `arn:aws:workmail:eu-west-1:111122223333:organization/${OrganizationId}`,
      InteroperabilityEnabled: false,
    });
    expect(Math.abs((described.CompletedDate as number) - Date.now() / 1000)).toBeLessThan(60);
  });

  it("hides an organization outside the caller's scope as unknown", async () => {
    const t = await createTestApiDeps();
    const { OrganizationId } = await t.call<Created>(createOrganization, { Alias: 'private' });
    const scoped = { accessKeyId: 'AKIDSCOPED', organizations: ['m-00000000000000000000000000000000'] };
    await expect(t.call(describeOrganization, { OrganizationId }, scoped)).rejects.toMatchObject({
      name: 'OrganizationNotFoundException',
    });
  });

  it('reports an unknown organization', async () => {
    const t = await createTestApiDeps();
    await expect(
      t.call(describeOrganization, { OrganizationId: 'm-0123456789abcdef0123456789abcdef' }),
    ).rejects.toMatchObject({
      name: 'OrganizationNotFoundException',
    });
  });
});

describe('Operation: ListOrganizations', () => {
  let t: TestApiDeps;
  const ids: string[] = [];
  beforeAll(async () => {
    t = await createTestApiDeps();
    for (const alias of ['org-a', 'org-b', 'org-c', 'org-d', 'org-e']) {
      ids.push((await t.call<Created>(createOrganization, { Alias: alias })).OrganizationId);
    }
  });

  it('pages through every organization and omits NextToken on the last page', async () => {
    const first = await t.call<Listed>(listOrganizations, { MaxResults: 2 });
    const second = await t.call<Listed>(listOrganizations, { MaxResults: 2, NextToken: first.NextToken });
    const third = await t.call<Listed>(listOrganizations, { MaxResults: 2, NextToken: second.NextToken });
    expect([first, second, third].map((page) => page.OrganizationSummaries.length)).toEqual([2, 2, 1]);
    expect(third).not.toHaveProperty('NextToken');
    const listed = [first, second, third].flatMap((page) =>
      page.OrganizationSummaries.map((summary) => summary.OrganizationId),
    );
    expect(listed.sort()).toEqual([...ids].sort());
  });

  it('shows a scoped key only its own organizations, and refuses its token for another scope', async () => {
    const scoped = { accessKeyId: 'AKIDSCOPED', organizations: [ids[1], ids[3]] };
    const first = await t.call<Listed>(listOrganizations, { MaxResults: 1 }, scoped);
    const second = await t.call<Listed>(
      listOrganizations,
      { MaxResults: 1, NextToken: first.NextToken },
      scoped,
    );
    expect(
      [...first.OrganizationSummaries, ...second.OrganizationSummaries]
        .map((summary) => summary.OrganizationId)
        .sort(),
    ).toEqual([ids[1], ids[3]].sort());
    expect(second).not.toHaveProperty('NextToken');
    await expect(t.call(listOrganizations, { NextToken: first.NextToken })).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
  });
});

describe('Operation: DeleteOrganization', () => {
  it('refuses an organization with enabled users unless ForceDelete is set', async () => {
    const t = await createTestApiDeps();
    const { OrganizationId } = await t.call<Created>(createOrganization, { Alias: 'busy' });
    await putEntity(t, OrganizationId, 'USER', 'user-1', 'ENABLED');
    await expect(t.call(deleteOrganization, { OrganizationId, DeleteDirectory: true })).rejects.toMatchObject(
      {
        name: 'OrganizationStateException',
        message: expect.stringContaining('ForceDelete'),
      },
    );
    expect((await requireOrganization(t.deps, OrganizationId)).state).toBe('Active');
  });

  it('destroys every user and resource mailbox, marks the organization Deleted and frees its alias and domains', async () => {
    // Prepare
    const t = await createTestApiDeps();
    const { OrganizationId } = await t.call<Created>(createOrganization, {
      Alias: 'doomed',
      Domains: [{ DomainName: 'doomed.example' }],
    });
    await putEntity(t, OrganizationId, 'USER', 'user-1', 'ENABLED');
    await putEntity(t, OrganizationId, 'USER', 'user-2', 'DISABLED');
    await putEntity(t, OrganizationId, 'RESOURCE', 'r-1', 'ENABLED');
    await putEntity(t, OrganizationId, 'GROUP', 'group-1', 'ENABLED');
    const updatedAt = Date.now();
    const logGroupArn = 'arn:aws:logs:us-east-1:111122223333:log-group:/aws/workmail/doomed:*';
    await t.deps.journaling.put({
      organizationId: OrganizationId,
      status: 'ENABLED',
      journalingAddress: 'archive@x.example',
      updatedAt,
    });
    await t.deps.emailMonitoring.put({ organizationId: OrganizationId, logGroupArn, updatedAt });
    for (const logType of ['AUTHENTICATION_LOGS', 'ACCESS_CONTROL_LOGS'] as const)
      await t.deps.auditLogDeliveries.put({
        organizationId: OrganizationId,
        logType,
        destination: { kind: 'CloudWatchLogs', logGroupArn },
        updatedAt,
      });
    // Act
    const result = await t.call(deleteOrganization, {
      OrganizationId,
      DeleteDirectory: true,
      ForceDelete: true,
    });
    // Assess
    expect(result).toEqual({ OrganizationId, State: 'Deleted' });
    expect(t.mailboxes.destroyed.sort()).toEqual([
      [OrganizationId, 'r-1'],
      [OrganizationId, 'user-1'],
      [OrganizationId, 'user-2'],
    ]);
    await expect(t.call(describeOrganization, { OrganizationId })).rejects.toMatchObject({
      name: 'OrganizationNotFoundException',
    });
    expect(await t.deps.organizations.findDomainOwner('doomed.example')).toBeUndefined();
    expect(await t.deps.journaling.get(OrganizationId)).toBeUndefined();
    expect(await t.deps.emailMonitoring.get(OrganizationId)).toBeUndefined();
    expect(await t.deps.auditLogDeliveries.list(OrganizationId)).toEqual([]);
    const listed = await t.call<Listed>(listOrganizations, {});
    expect(listed.OrganizationSummaries).toEqual([]);
    const reborn = await t.call<Created>(createOrganization, {
      Alias: 'doomed',
      Domains: [{ DomainName: 'doomed.example' }],
    });
    expect(await t.deps.organizations.findDomainOwner('doomed.example')).toBe(reborn.OrganizationId);
  });

  it('follows the store page after page, though a page holds fewer mailboxes than asked for', async () => {
    const t = await createTestApiDeps((tables) => {
      const store = new DynamoDbOrganizationStore(tables.documents, tables.directoryTable);
      return {
        organizations: patchStore(store, {
          listMailboxEntityIds: (organizationId, kind, request) =>
            store.listMailboxEntityIds(organizationId, kind, { ...request, limit: 1 }),
        }),
      };
    });
    const { OrganizationId } = await t.call<Created>(createOrganization, { Alias: 'paged' });
    for (const id of ['user-1', 'user-2', 'user-3'])
      await putEntity(t, OrganizationId, 'USER', id, 'DISABLED');

    await t.call(deleteOrganization, { OrganizationId, DeleteDirectory: true });

    expect(t.mailboxes.destroyed.sort()).toEqual([
      [OrganizationId, 'user-1'],
      [OrganizationId, 'user-2'],
      [OrganizationId, 'user-3'],
    ]);
  });

  it('replays a ClientToken after the organization is gone', async () => {
    const t = await createTestApiDeps();
    const { OrganizationId } = await t.call<Created>(createOrganization, { Alias: 'gone' });
    const request = { OrganizationId, DeleteDirectory: true, ClientToken: 'delete-1' };
    const first = await t.call(deleteOrganization, request);
    await expect(t.call(deleteOrganization, request)).resolves.toEqual(first);
    await expect(t.call(deleteOrganization, { ...request, ClientToken: undefined })).rejects.toMatchObject({
      name: 'OrganizationNotFoundException',
    });
  });

  it('requires DeleteDirectory', async () => {
    const t = await createTestApiDeps();
    const { OrganizationId } = await t.call<Created>(createOrganization, { Alias: 'needsflag' });
    await expect(t.call(deleteOrganization, { OrganizationId })).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
  });
});

describe('Operation: PutInboundDmarcSettings / DescribeInboundDmarcSettings', () => {
  it('is enforced by default and can be turned off', async () => {
    const t = await createTestApiDeps();
    const { OrganizationId } = await t.call<Created>(createOrganization, { Alias: 'dmarc' });
    await expect(t.call(describeInboundDmarcSettings, { OrganizationId })).resolves.toEqual({
      Enforced: true,
    });
    await t.call(putInboundDmarcSettings, { OrganizationId, Enforced: false });
    await expect(t.call(describeInboundDmarcSettings, { OrganizationId })).resolves.toEqual({
      Enforced: false,
    });
  });

  it('refuses an organization that is not Active', async () => {
    const t = await createTestApiDeps();
    const { OrganizationId } = await t.call<Created>(createOrganization, { Alias: 'impaired' });
    await t.deps.organizations.updateOrganization(OrganizationId, { state: 'Impaired' });
    await expect(t.call(putInboundDmarcSettings, { OrganizationId, Enforced: false })).rejects.toMatchObject({
      name: 'OrganizationStateException',
    });
    await expect(t.call(describeOrganization, { OrganizationId })).resolves.toMatchObject({
      State: 'Impaired',
    });
  });
});
