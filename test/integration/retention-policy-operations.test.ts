import type { Operation } from '../../lambdas/core/api/operation';
import { createOrganization } from '../../lambdas/core/api/operations/organizations';
import {
  deleteRetentionPolicy,
  getDefaultRetentionPolicy,
  putRetentionPolicy,
} from '../../lambdas/core/api/operations/retention';
import { createTestApiDeps, type TestApiDeps } from '../support/api-deps';

const op = (operation: unknown) => operation as Operation;

async function refusal(promise: Promise<unknown>): Promise<{ name: string; message: string } | undefined> {
  return promise.then(
    () => undefined,
    (error: Error) => ({ name: error.name, message: error.message }),
  );
}

describe('Operation: PutRetentionPolicy, GetDefaultRetentionPolicy, DeleteRetentionPolicy (DynamoDB Local)', () => {
  let api: TestApiDeps;
  let organization: string;
  let other: string;
  const put = (input: Record<string, unknown>, principal = undefined) =>
    api.call(op(putRetentionPolicy), { OrganizationId: organization, Name: 'default', ...input }, principal);
  const get = (OrganizationId = organization, principal = undefined) =>
    api.call<Record<string, unknown>>(op(getDefaultRetentionPolicy), { OrganizationId }, principal);
  const newOrganization = async (prefix: string) =>
    (
      await api.call<{ OrganizationId: string }>(op(createOrganization), {
        Alias: `${prefix}${Date.now()}${Math.floor(Math.random() * 1e6)}`,
      })
    ).OrganizationId;

  beforeEach(async () => {
    api = await createTestApiDeps();
    organization = await newOrganization('reta');
    other = await newOrganization('retb');
  });

  it('answers EntityNotFoundException while the organization has no policy', async () => {
    expect(await refusal(get())).toMatchObject({ name: 'EntityNotFoundException' });
  });

  it('stores the policy and returns it as WorkMail shapes it', async () => {
    await put({
      Id: 'policy-1',
      Description: 'Keep mail 90 days',
      FolderConfigurations: [
        { Name: 'INBOX', Action: 'DELETE', Period: 90 },
        { Name: 'JUNK_EMAIL', Action: 'PERMANENTLY_DELETE', Period: 1 },
        { Name: 'SENT_ITEMS', Action: 'NONE' },
      ],
    });

    expect(await get()).toEqual({
      Id: 'policy-1',
      Name: 'default',
      Description: 'Keep mail 90 days',
      FolderConfigurations: [
        { Name: 'INBOX', Action: 'DELETE', Period: 90 },
        { Name: 'JUNK_EMAIL', Action: 'PERMANENTLY_DELETE', Period: 1 },
        { Name: 'SENT_ITEMS', Action: 'NONE' },
      ],
    });
  });

  it('keeps one policy per organization: a second put replaces the first and keeps its id', async () => {
    await put({ FolderConfigurations: [{ Name: 'INBOX', Action: 'DELETE', Period: 30 }] });
    const first = await get();

    await put({ Name: 'stricter', FolderConfigurations: [{ Name: 'DRAFTS', Action: 'DELETE', Period: 7 }] });

    expect(await get()).toEqual({
      Id: first.Id,
      Name: 'stricter',
      FolderConfigurations: [{ Name: 'DRAFTS', Action: 'DELETE', Period: 7 }],
    });
    expect(first.Id).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
  });

  it.each([
    ['a period of 0 days', [{ Name: 'INBOX', Action: 'DELETE', Period: 0 }]],
    ['a period of 731 days', [{ Name: 'INBOX', Action: 'DELETE', Period: 731 }]],
    ['a period of 2555 days', [{ Name: 'INBOX', Action: 'PERMANENTLY_DELETE', Period: 2555 }]],
    ['no period with DELETE', [{ Name: 'INBOX', Action: 'DELETE' }]],
    ['no period with PERMANENTLY_DELETE', [{ Name: 'DRAFTS', Action: 'PERMANENTLY_DELETE' }]],
    ['an unknown folder', [{ Name: 'OUTBOX', Action: 'DELETE', Period: 3 }]],
    ['an unknown action', [{ Name: 'INBOX', Action: 'ARCHIVE', Period: 3 }]],
    [
      'a folder configured twice',
      [
        { Name: 'INBOX', Action: 'DELETE', Period: 3 },
        { Name: 'INBOX', Action: 'NONE' },
      ],
    ],
  ])('refuses %s with InvalidParameterException and stores nothing', async (_, FolderConfigurations) => {
    expect(await refusal(put({ FolderConfigurations }))).toMatchObject({ name: 'InvalidParameterException' });
    expect(await refusal(get())).toMatchObject({ name: 'EntityNotFoundException' });
  });

  it('accepts the bounds 1 and 730 days', async () => {
    await put({
      FolderConfigurations: [
        { Name: 'INBOX', Action: 'DELETE', Period: 1 },
        { Name: 'DELETED_ITEMS', Action: 'PERMANENTLY_DELETE', Period: 730 },
      ],
    });

    expect((await get()).FolderConfigurations).toHaveLength(2);
  });

  it('refuses names outside [a-zA-Z0-9_-]{1,64}', async () => {
    expect(await refusal(put({ Name: 'my policy', FolderConfigurations: [] }))).toMatchObject({
      name: 'InvalidParameterException',
    });
    expect(await refusal(put({ Name: 'x'.repeat(65), FolderConfigurations: [] }))).toMatchObject({
      name: 'InvalidParameterException',
    });
  });

  it('deletes the policy by its id; an unknown id changes nothing and succeeds', async () => {
    await put({ Id: 'keep-me', FolderConfigurations: [{ Name: 'INBOX', Action: 'DELETE', Period: 30 }] });

    await api.call(op(deleteRetentionPolicy), { OrganizationId: organization, Id: 'another-id' });
    expect((await get()).Id).toBe('keep-me');

    await api.call(op(deleteRetentionPolicy), { OrganizationId: organization, Id: 'keep-me' });
    expect(await refusal(get())).toMatchObject({ name: 'EntityNotFoundException' });
    await api.call(op(deleteRetentionPolicy), { OrganizationId: organization, Id: 'keep-me' });
  });

  it("keeps organizations apart: another organization's policy is neither visible nor deletable", async () => {
    await put({
      Id: 'org-a-policy',
      FolderConfigurations: [{ Name: 'INBOX', Action: 'DELETE', Period: 30 }],
    });

    expect(await refusal(get(other))).toMatchObject({ name: 'EntityNotFoundException' });
    await api.call(op(deleteRetentionPolicy), { OrganizationId: other, Id: 'org-a-policy' });
    expect((await get()).Id).toBe('org-a-policy');
  });

  it('refuses a key scoped to another organization as if the organization did not exist', async () => {
    await put({ FolderConfigurations: [] });
    const scoped = { accessKeyId: 'AKIDSCOPED', organizations: [other] };

    const seen = await refusal(get(organization, scoped as never));

    expect(seen?.name).toBe('OrganizationNotFoundException');
  });

  it('lists the organizations that have or had a policy, for the sweep', async () => {
    await put({ Id: 'p1', FolderConfigurations: [] });
    await api.call(op(deleteRetentionPolicy), { OrganizationId: organization, Id: 'p1' });

    const listed: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await api.deps.retentionPolicies.listOrganizations(cursor);
      listed.push(...page.organizationIds);
      cursor = page.cursor;
    } while (cursor);

    expect(listed).toContain(organization);
    expect(listed).not.toContain(other);
  });
});
