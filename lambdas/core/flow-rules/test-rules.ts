import { compileRuleSet, evaluateRecipient } from './engine';
import type { FlowRuleStore } from './ports';
import type { FlowDirection, RecipientOutcome } from './types';

/** A "Test configuration" question (§5.3): which action would apply to this sender and recipient? */
export interface FlowRuleTest {
  readonly direction: FlowDirection;
  /** The full sender address; stands for the `From:` header unless `from` is given. */
  readonly sender: string;
  /** The `From:` header address, when it differs from `sender`. */
  readonly from?: string;
  /** The `Sender:` header address (mail sent on behalf of someone). */
  readonly senderHeader?: string;
  readonly recipient: string;
}

/**
 * Evaluates the organization's current rules for one sender and recipient without side effects (requirement
 * 12).
 * @param store - the flow rule store
 * @param organizationId - whose rules
 * @param test - the addresses and direction
 * @example
 * const test = { direction: 'INBOUND', sender: 'a@x.com', recipient: 'b@corp.example' } as const;
 * const outcome = await testFlowRules(deps.flowRules, orgId, test);
 */
export async function testFlowRules(
  store: FlowRuleStore,
  organizationId: string,
  test: FlowRuleTest,
): Promise<RecipientOutcome> {
  const set = compileRuleSet(test.direction, await store.loadRules(organizationId, test.direction));
  return evaluateRecipient(
    set,
    { sender: test.senderHeader, from: test.from ?? test.sender },
    test.recipient,
  );
}
