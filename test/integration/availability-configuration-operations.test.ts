import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Operation } from '../../lambdas/core/api/operation';
import {
  createAvailabilityConfiguration,
  deleteAvailabilityConfiguration,
  listAvailabilityConfigurations,
  testAvailabilityConfiguration,
  updateAvailabilityConfiguration,
} from '../../lambdas/core/api/operations/availability';
import { availabilityKit, type AvailabilityKit } from './availability-kit';
import { ewsServer } from './availability-fixtures/soap-server';

const op = (operation: unknown) => operation as Operation;
const ARN = 'arn:aws:lambda:us-east-1:111122223333:function:cap-static';
const ews = {
  EwsEndpoint: 'https://ews.partner.example/EWS/Exchange.asmx',
  EwsUsername: 'PARTNER\\svc',
  EwsPassword: 'Tr0ub4dor&3',
};

describe('Operation: Create/Update/Delete/List/TestAvailabilityConfiguration (DynamoDB Local)', () => {
  let kit: AvailabilityKit;
  const create = (input: Record<string, unknown>) =>
    kit.call(op(createAvailabilityConfiguration), { OrganizationId: kit.orgId, ...input });
  const list = (organizationId = kit.orgId, extra: Record<string, unknown> = {}) =>
    kit.call<{ AvailabilityConfigurations: Record<string, unknown>[]; NextToken?: string }>(
      op(listAvailabilityConfigurations),
      { OrganizationId: organizationId, ...extra },
    );
  const test = (input: Record<string, unknown>) =>
    kit.call<{ TestPassed: boolean; FailureReason?: string }>(op(testAvailabilityConfiguration), {
      OrganizationId: kit.orgId,
      ...input,
    });

  beforeEach(async () => {
    kit = await availabilityKit({
      functions: () => ({ [ARN]: './availability-fixtures/cap-static.mjs' }),
    });
  });

  it('lists what was created with the EWS password redacted, and keeps the password sealed at rest', async () => {
    await create({ DomainName: 'Partner.Example', EwsProvider: ews });
    await create({ DomainName: 'cap.example', LambdaProvider: { LambdaArn: ARN } });

    const { AvailabilityConfigurations } = await list();
    expect(AvailabilityConfigurations).toEqual([
      {
        DomainName: 'cap.example',
        ProviderType: 'LAMBDA',
        LambdaProvider: { LambdaArn: ARN },
        DateCreated: expect.any(Number),
        DateModified: expect.any(Number),
      },
      {
        DomainName: 'partner.example',
        ProviderType: 'EWS',
        EwsProvider: { EwsEndpoint: ews.EwsEndpoint, EwsUsername: ews.EwsUsername },
        DateCreated: expect.any(Number),
        DateModified: expect.any(Number),
      },
    ]);
    const { Item } = await kit.tables.documents.send(
      new GetCommand({
        TableName: kit.tables.directoryTable,
        Key: { pk: `ORG#${kit.orgId}`, sk: 'AVAILCONFIG#partner.example' },
      }),
    );
    expect(JSON.stringify(Item)).not.toContain(ews.EwsPassword);
    expect((await kit.store.get(kit.orgId, 'partner.example'))?.provider).toMatchObject({
      ewsPassword: ews.EwsPassword,
    });
  });

  it('refuses a second configuration for the same domain', async () => {
    await create({ DomainName: 'cap.example', LambdaProvider: { LambdaArn: ARN } });
    await expect(create({ DomainName: 'CAP.example', EwsProvider: ews })).rejects.toMatchObject({
      name: 'NameAvailabilityException',
    });
  });

  it('replays a ClientToken with the same request and refuses it with another', async () => {
    const request = { ClientToken: 'token-1', DomainName: 'cap.example', LambdaProvider: { LambdaArn: ARN } };
    await create(request);
    await expect(create(request)).resolves.toEqual({});
    expect((await list()).AvailabilityConfigurations).toHaveLength(1);
    await expect(create({ ...request, DomainName: 'other.example' })).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
  });

  it.each([
    ['no provider', { DomainName: 'x.example' }],
    ['two providers', { DomainName: 'x.example', EwsProvider: ews, LambdaProvider: { LambdaArn: ARN } }],
    ['a short domain', { DomainName: 'x.', LambdaProvider: { LambdaArn: ARN } }],
    ['a domain with a slash', { DomainName: 'x/y.example', LambdaProvider: { LambdaArn: ARN } }],
    [
      'an ARN that is not a Lambda function',
      { DomainName: 'x.example', LambdaProvider: { LambdaArn: `${ARN.replace('function', 'layer')}` } },
    ],
    [
      'an endpoint without a path',
      { DomainName: 'x.example', EwsProvider: { ...ews, EwsEndpoint: 'https://ews.example' } },
    ],
    [
      'an endpoint that is not http(s)',
      { DomainName: 'x.example', EwsProvider: { ...ews, EwsEndpoint: 'ftp://ews.example/x' } },
    ],
    [
      'a username beyond Latin-1',
      { DomainName: 'x.example', EwsProvider: { ...ews, EwsUsername: 'CORP\\用户' } },
    ],
    [
      'a function of another account',
      { DomainName: 'x.example', LambdaProvider: { LambdaArn: ARN.replace('111122223333', '444455556666') } },
    ],
    [
      'a password of 257 characters',
      { DomainName: 'x.example', EwsProvider: { ...ews, EwsPassword: 'p'.repeat(257) } },
    ],
  ])('refuses %s with InvalidParameterException', async (_, input) => {
    await expect(create(input)).rejects.toMatchObject({ name: 'InvalidParameterException' });
    expect((await list()).AvailabilityConfigurations).toEqual([]);
  });

  it('accepts a qualified Lambda ARN (alias or $LATEST), in another Region too', async () => {
    await create({ DomainName: 'a.example', LambdaProvider: { LambdaArn: `${ARN}:$LATEST` } });
    await create({ DomainName: 'b.example', LambdaProvider: { LambdaArn: `${ARN}:live` } });
    await create({
      DomainName: 'c.example',
      LambdaProvider: { LambdaArn: ARN.replace('us-east-1', 'eu-west-1') },
    });
    expect((await list()).AvailabilityConfigurations).toHaveLength(3);
  });

  it('switches the provider type on update, and refuses to update a domain without configuration', async () => {
    await create({ DomainName: 'partner.example', EwsProvider: ews });
    await kit.call(op(updateAvailabilityConfiguration), {
      OrganizationId: kit.orgId,
      DomainName: 'partner.example',
      LambdaProvider: { LambdaArn: ARN },
    });
    const [updated] = (await list()).AvailabilityConfigurations;
    expect(updated).toMatchObject({ ProviderType: 'LAMBDA', LambdaProvider: { LambdaArn: ARN } });
    expect(updated).not.toHaveProperty('EwsProvider');
    await expect(
      kit.call(op(updateAvailabilityConfiguration), {
        OrganizationId: kit.orgId,
        DomainName: 'nothing.example',
        LambdaProvider: { LambdaArn: ARN },
      }),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('deletes a configuration, and deleting a missing one succeeds', async () => {
    await create({ DomainName: 'cap.example', LambdaProvider: { LambdaArn: ARN } });
    const remove = () =>
      kit.call(op(deleteAvailabilityConfiguration), { OrganizationId: kit.orgId, DomainName: 'CAP.example' });
    await remove();
    await remove();
    expect((await list()).AvailabilityConfigurations).toEqual([]);
    await create({ DomainName: 'cap.example', LambdaProvider: { LambdaArn: ARN } });
  });

  it('pages the list with bound NextTokens', async () => {
    for (const name of ['a', 'b', 'c'])
      await create({ DomainName: `${name}.example`, LambdaProvider: { LambdaArn: ARN } });
    const first = await list(kit.orgId, { MaxResults: 2 });
    expect(first.AvailabilityConfigurations.map((item) => item.DomainName)).toEqual([
      'a.example',
      'b.example',
    ]);
    const second = await list(kit.orgId, { MaxResults: 2, NextToken: first.NextToken });
    expect(second.AvailabilityConfigurations.map((item) => item.DomainName)).toEqual(['c.example']);
    const other = await kit.newOrganization();
    await expect(list(other, { NextToken: first.NextToken })).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
  });

  it('refuses the 101st configuration of an organization with LimitExceededException, and frees a slot on delete', async () => {
    for (let index = 0; index < 100; index += 1)
      await create({ DomainName: `d${index}.example`, LambdaProvider: { LambdaArn: ARN } });
    await expect(
      create({ DomainName: 'one-more.example', LambdaProvider: { LambdaArn: ARN } }),
    ).rejects.toMatchObject({
      name: 'LimitExceededException',
    });
    await kit.call(op(deleteAvailabilityConfiguration), {
      OrganizationId: kit.orgId,
      DomainName: 'd0.example',
    });
    await create({ DomainName: 'one-more.example', LambdaProvider: { LambdaArn: ARN } });
  }, 120_000);

  it('keeps organizations apart: another organization sees, tests, updates and deletes none of them', async () => {
    await create({ DomainName: 'cap.example', LambdaProvider: { LambdaArn: ARN } });
    const other = await kit.newOrganization();
    expect((await list(other)).AvailabilityConfigurations).toEqual([]);
    await expect(
      kit.call(op(testAvailabilityConfiguration), { OrganizationId: other, DomainName: 'cap.example' }),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(
      kit.call(op(updateAvailabilityConfiguration), {
        OrganizationId: other,
        DomainName: 'cap.example',
        EwsProvider: ews,
      }),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await kit.call(op(deleteAvailabilityConfiguration), { OrganizationId: other, DomainName: 'cap.example' });
    await kit.call(op(createAvailabilityConfiguration), {
      OrganizationId: other,
      DomainName: 'cap.example',
      LambdaProvider: { LambdaArn: ARN },
    });
    expect((await list()).AvailabilityConfigurations).toHaveLength(1);
    // The function is bound to the first organization only.
    expect(
      await kit.call(op(testAvailabilityConfiguration), { OrganizationId: other, DomainName: 'cap.example' }),
    ).toMatchObject({ TestPassed: false });
    const scoped = { accessKeyId: 'AKIDSCOPED', organizations: [other] };
    await expect(
      kit.call(op(listAvailabilityConfigurations), { OrganizationId: kit.orgId }, scoped),
    ).rejects.toMatchObject({ name: 'OrganizationNotFoundException' });
  });

  it('tests a stored Lambda provider, an inline one, and refuses a test naming both or neither', async () => {
    await create({ DomainName: 'cap.example', LambdaProvider: { LambdaArn: ARN } });
    expect(await test({ DomainName: 'cap.example' })).toEqual({ TestPassed: true });
    expect(await test({ LambdaProvider: { LambdaArn: ARN } })).toEqual({ TestPassed: true });
    expect(await test({ LambdaProvider: { LambdaArn: `${ARN}-unmapped` } })).toEqual({
      TestPassed: false,
      FailureReason: expect.stringContaining('could not be invoked'),
    });
    await expect(test({})).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(
      test({ DomainName: 'cap.example', LambdaProvider: { LambdaArn: ARN } }),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    await expect(test({ LambdaProvider: { LambdaArn: ARN }, EwsProvider: ews })).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    await expect(test({ DomainName: 'none.example' })).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('tests EWS credentials against a SOAP endpoint: logs in, bad credentials, unreachable URL', async () => {
    const server = await ewsServer({ username: 'PARTNER\\svc', password: 'right', calendar: {} });
    try {
      const provider = { EwsEndpoint: server.url, EwsUsername: 'PARTNER\\svc', EwsPassword: 'right' };
      expect(await test({ EwsProvider: provider })).toEqual({ TestPassed: true });
      expect(await test({ EwsProvider: { ...provider, EwsPassword: 'wrong' } })).toEqual({
        TestPassed: false,
        FailureReason: 'Invalid username and password.',
      });
    } finally {
      await server.close();
    }
    expect(await test({ EwsProvider: { ...ews, EwsEndpoint: server.url } })).toEqual({
      TestPassed: false,
      FailureReason: 'EWS URL is invalid or unreachable.',
    });
  });
});
