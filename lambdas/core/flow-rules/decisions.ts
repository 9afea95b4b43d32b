import type { FlowAction, FlowDirection, InboundFlowAction, OutboundFlowAction } from './types';

/**
 * The team's answers to the ambiguities of message-flow.md §14 that concern flow rules, one constant each.
 * docs/flow-rules.md explains every one; change a decision here and nowhere else.
 */

/** Inbound tie-break rank, most restrictive first (§5.2, requirement 8: the documented listing order). */
export const INBOUND_ACTION_PRECEDENCE: readonly InboundFlowAction[] = [
  'DROP',
  'BOUNCE',
  'MOVE_TO_JUNK',
  'DEFAULT',
  'BYPASS_SPAM_CHECK',
  'RUN_LAMBDA',
];

/**
 * §14.1 Outbound tie-break rank, most restrictive first. The documented listing puts Default above Drop; we
 * follow
 * "most restrictive wins" instead, as requirement 8 recommends.
 */
export const OUTBOUND_ACTION_PRECEDENCE: readonly OutboundFlowAction[] = [
  'DROP',
  'BOUNCE',
  'ROUTE_TO_SMTP_GATEWAY',
  'DEFAULT',
  'RUN_LAMBDA',
];

/**
 * §14.2 What happens to recipients whose winning rule is an asynchronous Run Lambda rule: normal processing.
 */
export const ASYNC_LAMBDA_DELIVERY_ACTION: FlowAction = 'DEFAULT';

/**
 * §14.3 Recipient-pattern specificity breaks ties between rules with equally specific sender patterns, before
 * the
 * action rank does. `false` would let the action rank decide directly.
 */
export const RECIPIENT_SPECIFICITY_BREAKS_TIES = true;

/** §14.9 Route to SMTP gateway is a permitted fallback action of outbound synchronous Run Lambda rules. */
export const OUTBOUND_FALLBACK_MAY_ROUTE_TO_SMTP_GATEWAY = true;

/**
 * §5.1 (undocumented detail) Inbound: the `From:` header is tried for a recipient when the `Sender:` header
 * matches no rule *for that recipient* (sender and destination patterns both), not when it matches no rule at
 * all.
 */
export const INBOUND_FROM_FALLBACK_PER_RECIPIENT = true;

/**
 * How long a compiled rule set may be reused without re-reading the rules version (requirement 1: seconds).
 */
export const COMPILED_RULES_MAX_AGE_MS = 0;

/** Rank of an action within its direction: larger means more restrictive (wins ties). */
export function actionRank(direction: FlowDirection, action: FlowAction): number {
  const order: readonly FlowAction[] =
    direction === 'INBOUND' ? INBOUND_ACTION_PRECEDENCE : OUTBOUND_ACTION_PRECEDENCE;
  const index = order.indexOf(action);
  return index < 0 ? -1 : order.length - index;
}
