import { DynamoDbFlowRuleStore } from '../../lambdas/adapters/aws/dynamodb-flow-rule-store';
import type { FlowRule } from '../../lambdas/core/flow-rules/types';
import { createTestTables } from '../support/dynamodb';

const ORG = 'm-0000000000000000000000000000000a';
const LIMIT = 1_000;

function rule(name: string, patterns: number, fields: Partial<FlowRule> = {}): FlowRule {
  return {
    organizationId: ORG,
    name,
    direction: 'INBOUND',
    action: 'DROP',
    senderPatterns: Array.from({ length: patterns }, (_, i) => `s${i}@${name.toLowerCase()}.test`),
    destinationPatterns: ['*'],
    createdAt: 1_000,
    modifiedAt: 1_000,
    ...fields,
  };
}

async function outcome(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'ok',
    (error: Error) => error.name,
  );
}

describe('DynamoDbFlowRuleStore', () => {
  let store: DynamoDbFlowRuleStore;

  beforeEach(async () => {
    const tables = await createTestTables();
    store = new DynamoDbFlowRuleStore(tables.documents, tables.directoryTable);
  });

  it('stores, reads, replaces and deletes a rule, keeping its creation time', async () => {
    await store.createRule(rule('Block', 2, { description: 'spam' }), LIMIT);
    expect(await store.getRule(ORG, 'INBOUND', 'Block')).toEqual(rule('Block', 2, { description: 'spam' }));
    await store.replaceRule(
      rule('Block', 1, { action: 'BOUNCE', createdAt: 5_000, modifiedAt: 5_000 }),
      LIMIT,
    );
    expect(await store.getRule(ORG, 'INBOUND', 'Block')).toEqual(
      rule('Block', 1, { action: 'BOUNCE', modifiedAt: 5_000 }),
    );
    expect(await store.senderPatternCount(ORG)).toBe(1);
    expect(await store.deleteRule(ORG, 'INBOUND', 'Block')).toBe(true);
    expect(await store.getRule(ORG, 'INBOUND', 'Block')).toBeUndefined();
    expect(await store.deleteRule(ORG, 'INBOUND', 'Block')).toBe(false);
    expect(await store.senderPatternCount(ORG)).toBe(0);
  });

  it('refuses a second rule of the same name and direction, but not of the other direction', async () => {
    await store.createRule(rule('Same', 1), LIMIT);
    expect(await outcome(store.createRule(rule('Same', 1), LIMIT))).toBe('NameAvailabilityException');
    expect(await outcome(store.createRule(rule('Same', 1, { direction: 'OUTBOUND' }), LIMIT))).toBe('ok');
    expect(await store.senderPatternCount(ORG)).toBe(2);
  });

  it('refuses to replace a missing rule', async () => {
    expect(await outcome(store.replaceRule(rule('Missing', 1), LIMIT))).toBe('ResourceNotFoundException');
  });

  it('holds the organization quota across rules and directions', async () => {
    await store.createRule(rule('A', 250), LIMIT);
    await store.createRule(rule('B', 250), LIMIT);
    await store.createRule(rule('C', 250, { direction: 'OUTBOUND' }), LIMIT);
    await store.createRule(rule('D', 250), LIMIT);
    expect(await outcome(store.createRule(rule('E', 1), LIMIT))).toBe('LimitExceededException');
    expect(await outcome(store.replaceRule(rule('A', 251), LIMIT))).toBe('LimitExceededException');
    expect(await outcome(store.replaceRule(rule('A', 10), LIMIT))).toBe('ok');
    expect(await outcome(store.createRule(rule('E', 240), LIMIT))).toBe('ok');
    expect(await store.senderPatternCount(ORG)).toBe(1_000);
    expect(await store.getRule(ORG, 'INBOUND', 'E')).toBeDefined();
  });

  it('admits exactly as many concurrent creates as the quota allows', async () => {
    await store.createRule(rule('A', 250), LIMIT);
    await store.createRule(rule('B', 250), LIMIT);
    await store.createRule(rule('C', 250), LIMIT);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => outcome(store.createRule(rule(`P${i}`, 100), LIMIT))),
    );
    expect(results.filter((result) => result === 'ok')).toHaveLength(2);
    expect(results.filter((result) => result === 'LimitExceededException')).toHaveLength(4);
    expect(await store.senderPatternCount(ORG)).toBe(950);
    expect((await store.loadRules(ORG, 'INBOUND')).length).toBe(5);
  });

  it('loads all rules of one direction and pages through a listing', async () => {
    for (const name of ['a', 'b', 'c']) await store.createRule(rule(name, 1), LIMIT);
    await store.createRule(rule('z', 1, { direction: 'OUTBOUND' }), LIMIT);
    expect((await store.loadRules(ORG, 'INBOUND')).map((r) => r.name)).toEqual(['a', 'b', 'c']);
    expect((await store.loadRules(ORG, 'OUTBOUND')).map((r) => r.name)).toEqual(['z']);
    const first = await store.listRules(ORG, undefined, { limit: 3 });
    expect(first.items.map((r) => r.name)).toEqual(['a', 'b', 'c']);
    const second = await store.listRules(ORG, undefined, { limit: 3, cursor: first.cursor });
    expect(second.items.map((r) => r.name)).toEqual(['z']);
    expect((await store.listRules(ORG, 'OUTBOUND', { limit: 10 })).items.map((r) => r.name)).toEqual(['z']);
  });

  it('changes the rules version with every write', async () => {
    const versions = [await store.rulesVersion(ORG)];
    await store.createRule(rule('a', 1), LIMIT);
    versions.push(await store.rulesVersion(ORG));
    await store.replaceRule(rule('a', 2), LIMIT);
    versions.push(await store.rulesVersion(ORG));
    await store.deleteRule(ORG, 'INBOUND', 'a');
    versions.push(await store.rulesVersion(ORG));
    expect(new Set(versions).size).toBe(4);
  });
});
