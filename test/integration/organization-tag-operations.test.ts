import {
  createOrganization,
  deleteOrganization,
  listTagsForResource,
  tagResource,
  untagResource,
} from '../../lambdas/core/api/operations/organizations';
import { createTestApiDeps, type TestApiDeps } from '../support/api-deps';

type Tags = { Tags: Array<{ Key: string; Value: string }> };
const arnOf = (id: string) => `arn:aws:workmail:eu-west-1:111122223333:organization/${id}`;

describe('Operation: TagResource / UntagResource / ListTagsForResource', () => {
  let t: TestApiDeps;
  let arn: string;
  let organizationId: string;
  beforeAll(async () => {
    t = await createTestApiDeps();
    organizationId = (await t.call<{ OrganizationId: string }>(createOrganization, { Alias: 'tagged' }))
      .OrganizationId;
    arn = arnOf(organizationId);
  });

  it('adds tags, replaces values by key and removes by key', async () => {
    // Act
    await t.call(tagResource, {
      ResourceARN: arn,
      Tags: [
        { Key: 'team', Value: 'mail' },
        { Key: 'cost', Value: '' },
      ],
    });
    await t.call(tagResource, { ResourceARN: arn, Tags: [{ Key: 'team', Value: 'ops' }] });
    await t.call(untagResource, { ResourceARN: arn, TagKeys: ['cost', 'absent'] });
    // Assess
    await expect(t.call(listTagsForResource, { ResourceARN: arn })).resolves.toEqual({
      Tags: [{ Key: 'team', Value: 'ops' }],
    });
  });

  it('refuses a 51st tag and keeps the 50 it has', async () => {
    const fresh = await createTestApiDeps();
    const id = (await fresh.call<{ OrganizationId: string }>(createOrganization, { Alias: 'many' }))
      .OrganizationId;
    const fifty = Array.from({ length: 50 }, (_, index) => ({ Key: `k${index}`, Value: 'v' }));
    await fresh.call(tagResource, { ResourceARN: arnOf(id), Tags: fifty });
    await expect(
      fresh.call(tagResource, { ResourceARN: arnOf(id), Tags: [{ Key: 'k50', Value: 'v' }] }),
    ).rejects.toMatchObject({
      name: 'TooManyTagsException',
    });
    await fresh.call(tagResource, { ResourceARN: arnOf(id), Tags: [{ Key: 'k0', Value: 'replaced' }] });
    expect((await fresh.call<Tags>(listTagsForResource, { ResourceARN: arnOf(id) })).Tags).toHaveLength(50);
  });

  it('keeps every key when TagResource calls race', async () => {
    // Prepare
    const fresh = await createTestApiDeps();
    const id = (await fresh.call<{ OrganizationId: string }>(createOrganization, { Alias: 'racing' }))
      .OrganizationId;
    const keys = Array.from({ length: 12 }, (_, index) => `key${String(index).padStart(2, '0')}`);
    // Act
    await Promise.all(
      keys.map((Key) => fresh.call(tagResource, { ResourceARN: arnOf(id), Tags: [{ Key, Value: Key }] })),
    );
    // Assess
    const { Tags } = await fresh.call<Tags>(listTagsForResource, { ResourceARN: arnOf(id) });
    expect(Tags.map((tag) => tag.Key).sort()).toEqual(keys);
  });

  it('keeps concurrent removals and additions', async () => {
    // Prepare
    const fresh = await createTestApiDeps();
    const id = (await fresh.call<{ OrganizationId: string }>(createOrganization, { Alias: 'mixed' }))
      .OrganizationId;
    const ResourceARN = arnOf(id);
    await fresh.call(tagResource, { ResourceARN, Tags: ['a', 'b', 'c'].map((Key) => ({ Key, Value: Key })) });
    // Act
    await Promise.all([
      fresh.call(untagResource, { ResourceARN, TagKeys: ['a'] }),
      fresh.call(untagResource, { ResourceARN, TagKeys: ['b'] }),
      fresh.call(tagResource, { ResourceARN, Tags: [{ Key: 'd', Value: 'd' }] }),
      fresh.call(tagResource, { ResourceARN, Tags: [{ Key: 'e', Value: 'e' }] }),
    ]);
    // Assess
    const { Tags } = await fresh.call<Tags>(listTagsForResource, { ResourceARN });
    expect(Tags.map((tag) => tag.Key).sort()).toEqual(['c', 'd', 'e']);
  });

  it('validates key and value lengths', async () => {
    await expect(
      t.call(tagResource, { ResourceARN: arn, Tags: [{ Key: '', Value: 'v' }] }),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    await expect(
      t.call(tagResource, { ResourceARN: arn, Tags: [{ Key: 'k'.repeat(129), Value: 'v' }] }),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    await expect(
      t.call(tagResource, { ResourceARN: arn, Tags: [{ Key: 'k', Value: 'v'.repeat(257) }] }),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
  });

  it('rejects ARNs that name no organization', async () => {
    const unknown = arnOf('m-0123456789abcdef0123456789abcdef');
    await expect(t.call(listTagsForResource, { ResourceARN: unknown })).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    const user = `arn:aws:workmail:eu-west-1:111122223333:user/${organizationId}`;
    await expect(t.call(tagResource, { ResourceARN: user, Tags: [] })).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    const otherAccount = `arn:aws:workmail:eu-west-1:999999999999:organization/${organizationId}`;
    await expect(t.call(untagResource, { ResourceARN: otherAccount, TagKeys: [] })).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    const malformed = 'arn:aws:workmail:eu-west-1:111122223333:organization/not-an-id';
    await expect(t.call(listTagsForResource, { ResourceARN: malformed })).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    await expect(t.call(listTagsForResource, { ResourceARN: 'arn:aws:s3:::bucket' })).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
  });

  it("hides organizations outside the caller's scope", async () => {
    const scoped = { accessKeyId: 'AKIDSCOPED', organizations: ['m-00000000000000000000000000000000'] };
    await expect(t.call(listTagsForResource, { ResourceARN: arn }, scoped)).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await expect(
      t.call(tagResource, { ResourceARN: arn, Tags: [{ Key: 'x', Value: 'y' }] }, scoped),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('treats a deleted organization as missing', async () => {
    const fresh = await createTestApiDeps();
    const id = (await fresh.call<{ OrganizationId: string }>(createOrganization, { Alias: 'gone' }))
      .OrganizationId;
    await fresh.call(deleteOrganization, { OrganizationId: id, DeleteDirectory: true });
    await expect(fresh.call(listTagsForResource, { ResourceARN: arnOf(id) })).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });
});
