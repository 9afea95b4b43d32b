import { CompiledRuleSetCache } from '../../../lambdas/core/flow-rules/cache';
import { evaluateRecipient } from '../../../lambdas/core/flow-rules/engine';
import { MemoryFlowRuleStore, rule } from './memory-flow-rule-store';

const ORG = 'm-00000000000000000000000000000001';

describe('CompiledRuleSetCache', () => {
  it('reuses the compiled rules while the rules version is unchanged', async () => {
    const store = new MemoryFlowRuleStore();
    await store.createRule(rule({ name: 'drop', action: 'DROP', senderPatterns: ['example.com'] }), 1_000);
    const cache = new CompiledRuleSetCache(store);
    const first = await cache.get(ORG, 'INBOUND');
    const second = await cache.get(ORG, 'INBOUND');
    expect(second).toBe(first);
    expect(store.loads).toBe(1);
  });

  it('shows a rule change to the very next message', async () => {
    const store = new MemoryFlowRuleStore();
    const cache = new CompiledRuleSetCache(store);
    const message = { from: 'x@example.com' };
    expect(evaluateRecipient(await cache.get(ORG, 'INBOUND'), message, 'r@corp.example').action).toBe(
      'DEFAULT',
    );
    await store.createRule(rule({ name: 'drop', action: 'DROP', senderPatterns: ['example.com'] }), 1_000);
    expect(evaluateRecipient(await cache.get(ORG, 'INBOUND'), message, 'r@corp.example').action).toBe('DROP');
    await store.deleteRule(ORG, 'INBOUND', 'drop');
    expect(evaluateRecipient(await cache.get(ORG, 'INBOUND'), message, 'r@corp.example').action).toBe(
      'DEFAULT',
    );
  });

  it('skips even the version read within maxAgeMs, and re-reads after it', async () => {
    const store = new MemoryFlowRuleStore();
    let now = 10_000;
    const cache = new CompiledRuleSetCache(store, () => now, 2_000);
    await cache.get(ORG, 'INBOUND');
    await store.createRule(rule({ name: 'drop', action: 'DROP' }), 1_000);
    now = 11_999;
    expect((await cache.get(ORG, 'INBOUND')).ruleCount).toBe(0);
    now = 12_000;
    expect((await cache.get(ORG, 'INBOUND')).ruleCount).toBe(1);
  });

  it('keeps directions apart', async () => {
    const store = new MemoryFlowRuleStore();
    await store.createRule(rule({ name: 'out', direction: 'OUTBOUND', action: 'DROP' }), 1_000);
    const cache = new CompiledRuleSetCache(store);
    expect((await cache.get(ORG, 'INBOUND')).ruleCount).toBe(0);
    expect((await cache.get(ORG, 'OUTBOUND')).ruleCount).toBe(1);
  });
});
