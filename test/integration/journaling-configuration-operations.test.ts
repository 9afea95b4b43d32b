import type { Operation } from '../../lambdas/core/api/operation';
import {
  deleteJournalingConfiguration,
  describeJournalingConfiguration,
  putJournalingConfiguration,
} from '../../lambdas/core/api/operations/journaling';
import { createOrganization } from '../../lambdas/core/api/operations/organizations';
import { createTestApiDeps, type TestApiDeps } from '../support/api-deps';

const op = (operation: unknown) => operation as Operation;

describe('Operation: Put/Describe/DeleteJournalingConfiguration (DynamoDB Local)', () => {
  let api: TestApiDeps;
  let first: string;
  let firstAlias: string;
  let second: string;
  const put = (input: Record<string, unknown>, principal?: Parameters<TestApiDeps['call']>[2]) =>
    api.call(op(putJournalingConfiguration), input, principal);
  const describeConfiguration = (OrganizationId: string, principal?: Parameters<TestApiDeps['call']>[2]) =>
    api.call<Record<string, unknown>>(op(describeJournalingConfiguration), { OrganizationId }, principal);
  const newOrganization = async (alias: string) =>
    (await api.call<{ OrganizationId: string }>(op(createOrganization), { Alias: alias })).OrganizationId;

  beforeEach(async () => {
    api = await createTestApiDeps();
    const suffix = `${Date.now()}${Math.floor(Math.random() * 1e6)}`;
    firstAlias = `jca${suffix}`;
    first = await newOrganization(firstAlias);
    second = await newOrganization(`jcb${suffix}`);
  });

  it('reports journaling off, with the reserved sender of the test domain, until configured', async () => {
    expect(await describeConfiguration(first)).toEqual({
      Status: 'DISABLED',
      JournalingSenderAddress: `amazonjournaling@${firstAlias}.mailwright.test`,
    });
  });

  it('stores the status and both addresses, lower-cased, and replaces them on the next put', async () => {
    await put({
      OrganizationId: first,
      Status: 'ENABLED',
      JournalingEmailAddress: 'Archive@Vault.example',
      ReportEmailAddress: 'admin@example.com',
    });
    expect(await describeConfiguration(first)).toMatchObject({
      Status: 'ENABLED',
      JournalingEmailAddress: 'archive@vault.example',
      ReportEmailAddress: 'admin@example.com',
    });

    await put({ OrganizationId: first, Status: 'DISABLED' });
    const off = await describeConfiguration(first);
    expect(off).toMatchObject({ Status: 'DISABLED' });
    expect(off).not.toHaveProperty('JournalingEmailAddress');
  });

  it('refuses ENABLED without both addresses, and the reserved sender as either address', async () => {
    const refusals = [
      { OrganizationId: first, Status: 'ENABLED', ReportEmailAddress: 'admin@example.com' },
      { OrganizationId: first, Status: 'ENABLED', JournalingEmailAddress: 'archive@vault.example' },
      {
        OrganizationId: first,
        Status: 'ENABLED',
        JournalingEmailAddress: `AmazonJournaling@${firstAlias}.mailwright.test`,
        ReportEmailAddress: 'admin@example.com',
      },
      {
        OrganizationId: first,
        Status: 'DISABLED',
        JournalingEmailAddress: 'archive@vault.example',
        ReportEmailAddress: 'amazonjournaling@example.com',
      },
      {
        OrganizationId: first,
        Status: 'ON',
        JournalingEmailAddress: 'a@b.example',
        ReportEmailAddress: 'c@d.example',
      },
      {
        OrganizationId: first,
        Status: 'ENABLED',
        JournalingEmailAddress: 'not-an-address',
        ReportEmailAddress: 'c@d.example',
      },
    ];
    for (const input of refusals)
      await expect(put(input)).rejects.toMatchObject({ name: 'InvalidParameterException' });
    expect(await describeConfiguration(first)).toMatchObject({ Status: 'DISABLED' });
  });

  it('deletes the configuration, and deleting none succeeds', async () => {
    await put({
      OrganizationId: first,
      Status: 'ENABLED',
      JournalingEmailAddress: 'archive@vault.example',
      ReportEmailAddress: 'admin@example.com',
    });
    await api.call(op(deleteJournalingConfiguration), { OrganizationId: first });
    await api.call(op(deleteJournalingConfiguration), { OrganizationId: first });
    expect(await describeConfiguration(first)).toEqual({
      Status: 'DISABLED',
      JournalingSenderAddress: `amazonjournaling@${firstAlias}.mailwright.test`,
    });
  });

  it("keeps organizations apart: one's configuration is invisible to another, and a scoped key sees only its own", async () => {
    await put({
      OrganizationId: first,
      Status: 'ENABLED',
      JournalingEmailAddress: 'archive@vault.example',
      ReportEmailAddress: 'admin@example.com',
    });
    expect(await describeConfiguration(second)).toMatchObject({ Status: 'DISABLED' });

    const scoped = { accessKeyId: 'AKIDSCOPED', organizations: [second] };
    const unknown = 'm-00000000000000000000000000000000';
    for (const call of [
      () => describeConfiguration(first, scoped),
      () => put({ OrganizationId: first, Status: 'DISABLED' }, scoped),
      () => api.call(op(deleteJournalingConfiguration), { OrganizationId: first }, scoped),
      () => describeConfiguration(unknown),
    ]) {
      const error = await call().then(
        () => undefined,
        (caught: Error) => caught,
      );
      expect(error).toMatchObject({ name: 'OrganizationNotFoundException' });
      expect(error?.message).not.toContain('archive');
    }
    expect(await describeConfiguration(first)).toMatchObject({ Status: 'ENABLED' });
  });
});
