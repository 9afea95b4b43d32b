import type { Operation } from '../../lambdas/core/api/operation';
import {
  describeMessageFlowConfiguration,
  putMessageFlowConfiguration,
} from '../../lambdas/core/api/operations/message-flow';
import { createOrganization, deleteOrganization } from '../../lambdas/core/api/operations/organizations';
import { createTestApiDeps, TEST_SETTINGS, type TestApiDeps } from '../support/api-deps';

const op = (operation: unknown) => operation as Operation;

async function refusal(promise: Promise<unknown>): Promise<{ name: string; message: string } | undefined> {
  return promise.then(
    () => undefined,
    (error: Error) => ({ name: error.name, message: error.message }),
  );
}

describe('Operation: PutMessageFlowConfiguration and DescribeMessageFlowConfiguration (DynamoDB Local)', () => {
  let api: TestApiDeps;
  let first: string;
  let second: string;
  const put = (OrganizationId: string, ContentBuckets: string[], principal = undefined) =>
    api.call(op(putMessageFlowConfiguration), { OrganizationId, ContentBuckets }, principal);
  const describeBuckets = async (OrganizationId: string) =>
    (
      await api.call<{ ContentBuckets: string[] }>(op(describeMessageFlowConfiguration), {
        OrganizationId,
      })
    ).ContentBuckets;
  const newOrganization = async (prefix: string) =>
    (
      await api.call<{ OrganizationId: string }>(op(createOrganization), {
        Alias: `${prefix}${Date.now()}${Math.floor(Math.random() * 1e6)}`,
      })
    ).OrganizationId;

  beforeEach(async () => {
    api = await createTestApiDeps();
    first = await newOrganization('mfa');
    second = await newOrganization('mfb');
  });

  it('allows no bucket until one is configured', async () => {
    expect(await describeBuckets(first)).toEqual([]);
  });

  it('replaces the list of buckets, without duplicates', async () => {
    await put(first, ['acme-flow-rules', 'acme-archive', 'acme-flow-rules']);
    expect(await describeBuckets(first)).toEqual(['acme-flow-rules', 'acme-archive']);

    await put(first, ['acme-archive']);
    expect(await describeBuckets(first)).toEqual(['acme-archive']);

    await put(first, []);
    expect(await describeBuckets(first)).toEqual([]);
  });

  it('refuses invalid names, more than ten buckets and the deployment own buckets', async () => {
    const eleven = Array.from({ length: 11 }, (_, index) => `acme-bucket-${index}`);

    expect(await refusal(put(first, ['Acme_Bucket']))).toMatchObject({ name: 'InvalidParameterException' });
    expect(await refusal(put(first, eleven))).toMatchObject({ name: 'LimitExceededException' });
    for (const reserved of TEST_SETTINGS.reservedBuckets) {
      expect(await refusal(put(first, ['acme-ok', reserved]))).toMatchObject({
        name: 'InvalidParameterException',
      });
    }
    expect(await describeBuckets(first)).toEqual([]);
  });

  it('keeps a bucket to one organization until that organization lets it go', async () => {
    await put(first, ['shared-bucket']);

    expect(await refusal(put(second, ['other-bucket', 'shared-bucket']))).toMatchObject({
      name: 'InvalidParameterException',
      message: expect.not.stringContaining(first),
    });
    expect(await describeBuckets(second)).toEqual([]);

    await put(first, []);
    await put(second, ['shared-bucket']);
    expect(await describeBuckets(second)).toEqual(['shared-bucket']);
  });

  it('releases the buckets of a deleted organization, which keeps none', async () => {
    await put(first, ['released-bucket']);
    await api.call(op(deleteOrganization), {
      OrganizationId: first,
      DeleteDirectory: true,
      ForceDelete: true,
    });

    await put(second, ['released-bucket']);

    expect(await describeBuckets(second)).toEqual(['released-bucket']);
    expect(await api.deps.contentBuckets.allowedBuckets(first)).toEqual([]);
  });

  it('answers a key scoped to another organization as if the organization did not exist', async () => {
    const scoped = { accessKeyId: 'AKIDSCOPED', organizations: [second] };
    await put(first, ['first-bucket']);

    const described = await refusal(
      api.call(op(describeMessageFlowConfiguration), { OrganizationId: first }, scoped),
    );
    const changed = await refusal(
      api.call(op(putMessageFlowConfiguration), { OrganizationId: first, ContentBuckets: [] }, scoped),
    );
    const unknown = await refusal(
      api.call(
        op(describeMessageFlowConfiguration),
        { OrganizationId: 'm-ffffffffffffffffffffffffffffffff' },
        scoped,
      ),
    );

    expect(described).toEqual(unknown);
    expect(changed).toEqual(unknown);
    expect(unknown).toMatchObject({ name: 'OrganizationNotFoundException' });
    expect(await describeBuckets(first)).toEqual(['first-bucket']);
  });
});
