import { PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  createOrganization,
  deregisterMailDomain,
  getMailDomain,
  registerMailDomain,
  updateDefaultMailDomain,
} from '../../lambdas/core/api/operations/organizations';
import { resolveQuotas } from '../../lambdas/core/config/quotas';
import { createTestApiDeps, type TestApiDeps } from '../support/api-deps';

type Created = { OrganizationId: string };

async function organization(t: TestApiDeps, alias: string): Promise<string> {
  return (await t.call<Created>(createOrganization, { Alias: alias })).OrganizationId;
}

describe('Operation: DeregisterMailDomain', () => {
  let t: TestApiDeps;
  let OrganizationId: string;
  beforeAll(async () => {
    t = await createTestApiDeps();
    OrganizationId = await organization(t, 'dereg');
  });

  it('removes an unused domain, stops routing it and frees it for others', async () => {
    await t.call(registerMailDomain, { OrganizationId, DomainName: 'leaving.example' });
    await t.call(deregisterMailDomain, { OrganizationId, DomainName: 'leaving.example' });
    expect(await t.deps.organizations.findDomainOwner('leaving.example')).toBeUndefined();
    await expect(
      t.call(getMailDomain, { OrganizationId, DomainName: 'leaving.example' }),
    ).rejects.toMatchObject({
      name: 'MailDomainNotFoundException',
    });
    const other = await organization(t, 'newowner');
    await expect(
      t.call(registerMailDomain, { OrganizationId: other, DomainName: 'leaving.example' }),
    ).resolves.toEqual({});
  });

  it('refuses a domain an address still uses', async () => {
    await t.call(registerMailDomain, { OrganizationId, DomainName: 'used.example' });
    await t.tables.documents.send(
      new PutCommand({
        TableName: t.tables.directoryTable,
        Item: { pk: `ORG#${OrganizationId}`, sk: 'EMAIL#used.example#ana', entityId: 'u-1' },
      }),
    );
    await expect(
      t.call(deregisterMailDomain, { OrganizationId, DomainName: 'used.example' }),
    ).rejects.toMatchObject({
      name: 'MailDomainInUseException',
    });
  });

  it('refuses the test domain and the default domain', async () => {
    await expect(
      t.call(deregisterMailDomain, { OrganizationId, DomainName: 'dereg.mailwright.test' }),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    await t.call(registerMailDomain, { OrganizationId, DomainName: 'main.example' });
    await t.call(updateDefaultMailDomain, { OrganizationId, DomainName: 'main.example' });
    await expect(
      t.call(deregisterMailDomain, { OrganizationId, DomainName: 'main.example' }),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
  });

  it('reports an unknown domain', async () => {
    await expect(
      t.call(deregisterMailDomain, { OrganizationId, DomainName: 'never.example' }),
    ).rejects.toMatchObject({
      name: 'MailDomainNotFoundException',
    });
  });

  it('frees a quota slot', async () => {
    const limited = await createTestApiDeps({
      settings: { quotas: resolveQuotas({ domainsPerOrganization: 1 }) },
    });
    const id = await organization(limited, 'slots');
    await limited.call(registerMailDomain, { OrganizationId: id, DomainName: 'one.example' });
    await limited.call(deregisterMailDomain, { OrganizationId: id, DomainName: 'one.example' });
    await expect(
      limited.call(registerMailDomain, { OrganizationId: id, DomainName: 'two.example' }),
    ).resolves.toEqual({});
  });
});
