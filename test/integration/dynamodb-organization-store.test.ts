import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDbOrganizationStore } from '../../lambdas/adapters/aws/dynamodb-organization-store';
import type { MailDomain, Organization } from '../../lambdas/core/directory/types';
import { createTestTables } from '../support/dynamodb';

function organization(organizationId: string, alias: string): Organization {
  return {
    organizationId,
    alias,
    state: 'Active',
    arn: `arn:aws:workmail:eu-west-1:111122223333:organization/${organizationId}`,
    defaultMailDomain: `${alias}.mailwright.test`,
    directoryId: 'd-0123456789',
    directoryType: 'WorkMailDirectory',
    interoperabilityEnabled: false,
    dmarcEnforced: true,
    tags: [],
    createdAt: 1,
  };
}

function domain(organizationId: string, domainName: string): MailDomain {
  return {
    organizationId,
    domainName,
    isTestDomain: false,
    ownershipVerificationStatus: 'VERIFIED',
    dkimVerificationStatus: 'VERIFIED',
    verificationToken: 't',
    dkimTokens: ['a', 'b', 'c'],
    createdAt: 1,
  };
}

const A = 'm-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const B = 'm-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';

describe('DynamoDbOrganizationStore', () => {
  let store: DynamoDbOrganizationStore;
  let tables: Awaited<ReturnType<typeof createTestTables>>;
  beforeAll(async () => {
    tables = await createTestTables();
    store = new DynamoDbOrganizationStore(tables.documents, tables.directoryTable);
    await store.createOrganization(organization(A, 'alpha'), [], { organizationLimit: 10 });
    await store.createOrganization(organization(B, 'beta'), [], { organizationLimit: 10 });
  });

  it('round-trips an organization without its table keys', async () => {
    await expect(store.getOrganization(A)).resolves.toEqual(organization(A, 'alpha'));
  });

  it('gives a domain to exactly one of two organizations registering it concurrently', async () => {
    // Act
    const results = await Promise.allSettled([
      store.putMailDomain(domain(A, 'race.example'), 10),
      store.putMailDomain(domain(B, 'race.example'), 10),
    ]);
    // Assess
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((result) => result.status === 'rejected')).toMatchObject({
      reason: { name: 'MailDomainInUseException' },
    });
    const owner = await store.findDomainOwner('race.example');
    const other = owner === A ? B : A;
    await expect(store.getMailDomain(other, 'race.example')).resolves.toBeUndefined();
  });

  it('lets exactly one of two organizations with pending registrations claim the domain, with its status', async () => {
    // Prepare
    const pending = { ownershipVerificationStatus: 'PENDING', dkimVerificationStatus: 'PENDING' } as const;
    await store.putMailDomain({ ...domain(A, 'claim.example'), ...pending }, 10);
    await store.putMailDomain({ ...domain(B, 'claim.example'), ...pending }, 10);
    const verified = { ownershipVerificationStatus: 'VERIFIED', dkimVerificationStatus: 'VERIFIED' } as const;
    // Act
    const outcomes = await Promise.all([
      store.claimMailDomain(A, 'claim.example', verified),
      store.claimMailDomain(B, 'claim.example', verified),
    ]);
    // Assess
    expect([...outcomes].sort()).toEqual(['claimed', 'taken']);
    const [winner, loser] = outcomes[0] === 'claimed' ? [A, B] : [B, A];
    expect(await store.findDomainOwner('claim.example')).toBe(winner);
    expect(await store.getMailDomain(winner, 'claim.example')).toMatchObject(verified);
    expect(await store.getMailDomain(loser, 'claim.example')).toMatchObject(pending);
  });

  it('claims nothing for a registration that is gone', async () => {
    const verified = { ownershipVerificationStatus: 'VERIFIED' } as const;

    await expect(store.claimMailDomain(A, 'unregistered.example', verified)).resolves.toBe('unregistered');
    expect(await store.findDomainOwner('unregistered.example')).toBeUndefined();
  });

  it('never lets concurrent registrations exceed the domain limit', async () => {
    const names = ['l1.example', 'l2.example', 'l3.example', 'l4.example'];
    const results = await Promise.allSettled(names.map((name) => store.putMailDomain(domain(B, name), 3)));
    const page = await store.listMailDomains(B, { limit: 10 });
    const limited = page.items.filter((item) => item.domainName.startsWith('l'));
    expect(limited.length).toBeLessThanOrEqual(3);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(limited.length);
  });

  it('refreshes a domain the organization registers again', async () => {
    await store.putMailDomain(domain(A, 'again.example'), 10);
    await store.putMailDomain({ ...domain(A, 'again.example'), verificationToken: 'new' }, 10);
    await expect(store.getMailDomain(A, 'again.example')).resolves.toMatchObject({
      verificationToken: 'new',
    });
  });

  it('refuses to delete a domain whose item still counts addresses', async () => {
    // Prepare
    await store.putMailDomain(domain(A, 'counted.example'), 10);
    const key = { pk: `ORG#${A}`, sk: 'DOMAIN#counted.example' };
    const count = (n: number) =>
      tables.documents.send(
        new UpdateCommand({
          TableName: tables.directoryTable,
          Key: key,
          UpdateExpression: 'SET addressCount = :n',
          ExpressionAttributeValues: { ':n': n },
        }),
      );
    await count(1);
    // Act / Assess
    await expect(store.deleteMailDomain(A, 'counted.example')).rejects.toMatchObject({
      name: 'MailDomainInUseException',
    });
    await expect(store.getMailDomain(A, 'counted.example')).resolves.not.toHaveProperty('addressCount');
    await count(0);
    await store.deleteMailDomain(A, 'counted.example');
    await expect(store.findDomainOwner('counted.example')).resolves.toBeUndefined();
  });
});
