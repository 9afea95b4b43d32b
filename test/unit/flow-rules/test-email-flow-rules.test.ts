import type { Operation } from '../../../lambdas/core/api/operation';
import { createEmailFlowRule, testEmailFlowRules } from '../../../lambdas/core/api/operations/flow-rules';
import { ORG, unitDeps } from './unit-deps';

const op = (operation: unknown) => operation as Operation;

describe('Operation: TestEmailFlowRules', () => {
  it('reports the matched rule and the action without changing the rules', async () => {
    const { call, store } = unitDeps();
    const create = (Name: string, Action: string, SenderPatterns: string[]) =>
      call(op(createEmailFlowRule), {
        OrganizationId: ORG,
        Name,
        Direction: 'INBOUND',
        Action,
        SenderPatterns,
        DestinationPatterns: ['*'],
      });
    await create('block', 'BOUNCE', ['*.example.com']);
    await create('allow', 'DEFAULT', ['myemail@example.com']);
    const before = [...store.rules.values()];
    const test = (Sender: string) =>
      call(op(testEmailFlowRules), {
        OrganizationId: ORG,
        Direction: 'INBOUND',
        Sender,
        Recipient: 'r@corp.example',
      });

    expect(await test('other@example.com')).toMatchObject({
      Action: 'BOUNCE',
      MatchedRule: { Name: 'block' },
    });
    expect(await test('myemail@example.com')).toMatchObject({
      Action: 'DEFAULT',
      MatchedRule: { Name: 'allow' },
    });
    expect(await test('x@unrelated.test')).toEqual({ Action: 'DEFAULT', DeliveryAction: 'DEFAULT' });
    expect([...store.rules.values()]).toEqual(before);
  });

  it('refuses an unknown organization', async () => {
    const { call } = unitDeps();
    const input = {
      OrganizationId: 'm-ffffffffffffffffffffffffffffffff',
      Direction: 'INBOUND',
      Sender: 'a@b.test',
      Recipient: 'c@d.test',
    };
    await expect(call(op(testEmailFlowRules), input)).rejects.toMatchObject({
      name: 'OrganizationNotFoundException',
    });
  });
});
