import {
  compileRuleSet,
  evaluateRecipient,
  type CompiledRuleSet,
} from '../../lambdas/core/flow-rules/engine';
import type { FlowAction, FlowRule } from '../../lambdas/core/flow-rules/types';

const ACTIONS: FlowAction[] = ['DROP', 'BOUNCE', 'MOVE_TO_JUNK', 'DEFAULT', 'BYPASS_SPAM_CHECK'];

/**
 * `total` sender patterns over rules of 10 patterns each: addresses, domains and wildcards of distinct
 * domains.
 */
function rulesWith(total: number): FlowRule[] {
  const rules: FlowRule[] = [];
  for (let r = 0; r * 10 < total; r += 1) {
    const senderPatterns = Array.from({ length: Math.min(10, total - r * 10) }, (_, i) => {
      const n = r * 10 + i;
      return [`user${n}@d${n}.example`, `d${n}.example`, `*.s${n}.example`][n % 3]!;
    });
    rules.push({
      organizationId: 'm-bench',
      name: `rule-${r}`,
      direction: 'INBOUND',
      action: ACTIONS[r % ACTIONS.length]!,
      senderPatterns,
      destinationPatterns: r % 2 === 0 ? ['*'] : ['corp.example', `team${r}@corp.example`],
      createdAt: 0,
      modifiedAt: 0,
    });
  }
  return rules;
}

/** Senders that hit each pattern form and senders that match nothing, with deep subdomains. */
const SENDERS = [
  'user0@d0.example',
  'someone@d1.example',
  'x@a.b.c.s2.example',
  'nobody@unmatched.deep.sub.domain.test',
  'user3@d3.example',
];

function nanosecondsPerRecipient(set: CompiledRuleSet, iterations: number): number {
  let sink = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i += 1) {
    const outcome = evaluateRecipient(set, { from: SENDERS[i % SENDERS.length] }, `r${i % 7}@corp.example`);
    sink += outcome.action.length;
  }
  const elapsed = Number(process.hrtime.bigint() - start);
  if (sink < 0) throw new Error('unreachable');
  return elapsed / iterations;
}

/**
 * Evaluation time per recipient with 10 and with 1,000 sender patterns, measured side by side in one run.
 * With the
 * index the ratio stays near 1: the cost follows the address's labels, not the number of patterns.
 * @example
 * const { ratio } = await benchFlowRules(); // ≈ 1
 */
export async function benchFlowRules(): Promise<Record<string, number>> {
  const small = compileRuleSet('INBOUND', rulesWith(10));
  const large = compileRuleSet('INBOUND', rulesWith(1_000));
  const iterations = 200_000;
  nanosecondsPerRecipient(small, iterations / 10); // warm-up
  nanosecondsPerRecipient(large, iterations / 10);
  // Alternate the two sets so drift (GC, JIT, CPU frequency) hits both alike; keep the best round of each.
  let best10 = Infinity;
  let best1000 = Infinity;
  for (let round = 0; round < 5; round += 1) {
    best10 = Math.min(best10, nanosecondsPerRecipient(small, iterations));
    best1000 = Math.min(best1000, nanosecondsPerRecipient(large, iterations));
  }
  return {
    nsPerRecipientWith10Patterns: Math.round(best10),
    nsPerRecipientWith1000Patterns: Math.round(best1000),
    ratio: Math.round((best1000 / best10) * 100) / 100,
  };
}

if (process.argv[1]?.endsWith('flow-rules.bench.ts')) {
  console.log(await benchFlowRules());
}
