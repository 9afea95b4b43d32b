import { DynamoDbFlowRuleStore } from '../../lambdas/adapters/aws/dynamodb-flow-rule-store';
import type { Operation } from '../../lambdas/core/api/operation';
import {
  createEmailFlowRule,
  deleteEmailFlowRule,
  getEmailFlowRule,
  listEmailFlowRules,
  testEmailFlowRules,
  updateEmailFlowRule,
} from '../../lambdas/core/api/operations/flow-rules';
import { createOrganization } from '../../lambdas/core/api/operations/organizations';
import { createTestApiDeps, type TestApiDeps } from '../support/api-deps';

const op = (operation: unknown) => operation as Operation;

async function refusal(promise: Promise<unknown>): Promise<string | undefined> {
  return promise.then(
    () => undefined,
    (error: Error) => error.name,
  );
}

describe('Email flow rule operations (DynamoDB Local)', () => {
  let api: TestApiDeps;
  let OrganizationId: string;
  const create = (input: Record<string, unknown>) =>
    api.call(op(createEmailFlowRule), {
      OrganizationId,
      Direction: 'INBOUND',
      DestinationPatterns: ['*'],
      ...input,
    });
  const test = (input: Record<string, unknown>) =>
    api.call<Record<string, unknown>>(op(testEmailFlowRules), {
      OrganizationId,
      Direction: 'INBOUND',
      ...input,
    });

  beforeEach(async () => {
    api = await createTestApiDeps();
    Object.assign(api.deps, {
      flowRules: new DynamoDbFlowRuleStore(api.tables.documents, api.tables.directoryTable),
    });
    ({ OrganizationId } = await api.call<{ OrganizationId: string }>(op(createOrganization), {
      Alias: `flow${Date.now()}`,
    }));
  });

  it('creates, gets, replaces, lists and deletes a rule', async () => {
    await create({
      Name: 'block',
      Action: 'DROP',
      SenderPatterns: ['Example.com'],
      Description: 'spam source',
    });
    const got = await api.call<Record<string, unknown>>(op(getEmailFlowRule), {
      OrganizationId,
      Direction: 'INBOUND',
      Name: 'block',
    });
    expect(got).toMatchObject({
      Name: 'block',
      Action: 'DROP',
      SenderPatterns: ['example.com'],
      Description: 'spam source',
    });
    expect(typeof got.DateCreated).toBe('number');

    await api.call(op(updateEmailFlowRule), {
      OrganizationId,
      Direction: 'INBOUND',
      Name: 'block',
      Action: 'BOUNCE',
      SenderPatterns: ['*.example.com'],
      DestinationPatterns: ['*'],
    });
    const replaced = await api.call<Record<string, unknown>>(op(getEmailFlowRule), {
      OrganizationId,
      Direction: 'INBOUND',
      Name: 'block',
    });
    expect(replaced).toMatchObject({
      Action: 'BOUNCE',
      SenderPatterns: ['*.example.com'],
      DateCreated: got.DateCreated,
    });
    expect(replaced.Description).toBeUndefined();

    await create({
      Direction: 'OUTBOUND',
      Name: 'route',
      Action: 'ROUTE_TO_SMTP_GATEWAY',
      SenderPatterns: ['*'],
      SmtpGatewayName: 'relay',
    });
    const all = await api.call<{ Rules: Array<{ Name: string }> }>(op(listEmailFlowRules), {
      OrganizationId,
    });
    expect(all.Rules.map((rule) => rule.Name)).toEqual(['block', 'route']);
    const outbound = await api.call<{ Rules: Array<{ Name: string }> }>(op(listEmailFlowRules), {
      OrganizationId,
      Direction: 'OUTBOUND',
    });
    expect(outbound.Rules.map((rule) => rule.Name)).toEqual(['route']);

    await api.call(op(deleteEmailFlowRule), { OrganizationId, Direction: 'INBOUND', Name: 'block' });
    expect(
      await refusal(api.call(op(getEmailFlowRule), { OrganizationId, Direction: 'INBOUND', Name: 'block' })),
    ).toBe('ResourceNotFoundException');
  });

  it('deletes a missing rule without error and refuses to update one', async () => {
    expect(
      await api.call(op(deleteEmailFlowRule), { OrganizationId, Direction: 'INBOUND', Name: 'nothing' }),
    ).toEqual({});
    const update = api.call(op(updateEmailFlowRule), {
      OrganizationId,
      Direction: 'INBOUND',
      Name: 'nothing',
      Action: 'DROP',
      SenderPatterns: ['*'],
      DestinationPatterns: ['*'],
    });
    expect(await refusal(update)).toBe('ResourceNotFoundException');
  });

  it('refuses a duplicate name and an unknown organization', async () => {
    await create({ Name: 'dup', Action: 'DROP', SenderPatterns: ['a.test'] });
    expect(await refusal(create({ Name: 'dup', Action: 'DROP', SenderPatterns: ['b.test'] }))).toBe(
      'NameAvailabilityException',
    );
    const elsewhere = api.call(op(createEmailFlowRule), {
      OrganizationId: 'm-ffffffffffffffffffffffffffffffff',
      Name: 'x',
      Direction: 'INBOUND',
      Action: 'DROP',
      SenderPatterns: ['*'],
      DestinationPatterns: ['*'],
    });
    expect(await refusal(elsewhere)).toBe('OrganizationNotFoundException');
  });

  it('pages through ListEmailFlowRules with NextToken', async () => {
    for (const name of ['r1', 'r2', 'r3'])
      await create({ Name: name, Action: 'DROP', SenderPatterns: [`${name}.test`] });
    const first = await api.call<{ Rules: Array<{ Name: string }>; NextToken?: string }>(
      op(listEmailFlowRules),
      { OrganizationId, MaxResults: 2 },
    );
    expect(first.Rules.map((rule) => rule.Name)).toEqual(['r1', 'r2']);
    const second = await api.call<{ Rules: Array<{ Name: string }>; NextToken?: string }>(
      op(listEmailFlowRules),
      {
        OrganizationId,
        MaxResults: 2,
        NextToken: first.NextToken,
      },
    );
    expect(second.Rules.map((rule) => rule.Name)).toEqual(['r3']);
  });

  it('enforces 1,000 sender patterns per organization across rules', async () => {
    const patterns = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}.test`);
    for (const name of ['a', 'b', 'c', 'd'])
      await create({ Name: name, Action: 'DROP', SenderPatterns: patterns(name, 250) });
    expect(await refusal(create({ Name: 'e', Action: 'DROP', SenderPatterns: ['one.test'] }))).toBe(
      'LimitExceededException',
    );
    await api.call(op(deleteEmailFlowRule), { OrganizationId, Direction: 'INBOUND', Name: 'a' });
    expect(
      await refusal(create({ Name: 'e', Action: 'DROP', SenderPatterns: ['one.test'] })),
    ).toBeUndefined();
  });

  it('answers TestEmailFlowRules from the current rules, without changing anything', async () => {
    expect(await test({ Sender: 'x@example.com', Recipient: 'r@corp.example' })).toEqual({
      Action: 'DEFAULT',
      DeliveryAction: 'DEFAULT',
    });
    await create({ Name: 'junk', Action: 'MOVE_TO_JUNK', SenderPatterns: ['*.example.com'] });
    await create({ Name: 'vip', Action: 'DEFAULT', SenderPatterns: ['boss@example.com'] });
    await create({
      Name: 'hook',
      Action: 'RUN_LAMBDA',
      SenderPatterns: ['*'],
      LambdaArn: 'arn:aws:lambda:eu-west-1:111122223333:function:audit',
    });
    const before = await api.call<{ Rules: unknown[] }>(op(listEmailFlowRules), { OrganizationId });

    expect(await test({ Sender: 'x@sub.example.com', Recipient: 'r@corp.example' })).toMatchObject({
      Action: 'MOVE_TO_JUNK',
      MatchedRule: { Name: 'junk' },
      MatchedSenderPattern: '*.example.com',
      MatchedHeader: 'FROM',
    });
    expect(await test({ Sender: 'BOSS@example.com', Recipient: 'r@corp.example' })).toMatchObject({
      Action: 'DEFAULT',
      MatchedRule: { Name: 'vip' },
    });
    expect(await test({ Sender: 'x@other.test', Recipient: 'r@corp.example' })).toMatchObject({
      Action: 'RUN_LAMBDA',
      DeliveryAction: 'DEFAULT',
      MatchedRule: { Name: 'hook' },
    });
    expect(
      await test({
        Sender: 'boss@example.com',
        SenderHeader: 'pa@sub.example.com',
        Recipient: 'r@corp.example',
      }),
    ).toMatchObject({
      Action: 'MOVE_TO_JUNK',
      MatchedHeader: 'SENDER',
    });
    expect(
      await test({ Direction: 'OUTBOUND', Sender: 'x@sub.example.com', Recipient: 'r@corp.example' }),
    ).toEqual({
      Action: 'DEFAULT',
      DeliveryAction: 'DEFAULT',
    });
    const after = await api.call<{ Rules: unknown[] }>(op(listEmailFlowRules), { OrganizationId });
    expect(after.Rules).toHaveLength(3);
    expect(after).toEqual(before);
  });
});
