import type { RuleAppliedEvent as RuleAppliedEmailEvent } from '../email-events';

/** One per-recipient action of a `RULE_APPLIED` email event (§8 `ruleActions`). */
export interface RuleAction {
  readonly action: string;
  readonly recipients: readonly string[];
}

/** The `RULE_APPLIED` email event (message-flow.md §8), for inbound flow rules. */
export interface RuleAppliedEvent {
  readonly eventType: 'RULE_APPLIED';
  readonly ruleName: string;
  readonly ruleType: 'INBOUND_RULE';
  readonly ruleActions: readonly RuleAction[];
}

/**
 * Groups per-recipient actions of one rule into `ruleActions`, in first-seen order.
 * @param applied - the action each recipient got from the rule
 * @example
 * ruleActions([{ recipient: 'a@x.com', action: 'DROP' }, { recipient: 'b@x.com', action: 'DROP' }]);
 * // [{ action: 'DROP', recipients: ['a@x.com', 'b@x.com'] }]
 */
export function ruleActions(
  applied: readonly { readonly recipient: string; readonly action: string }[],
): RuleAction[] {
  const byAction = new Map<string, string[]>();
  for (const { recipient, action } of applied) {
    const list = byAction.get(action) ?? [];
    list.push(recipient);
    byAction.set(action, list);
  }
  return [...byAction].map(([action, recipients]) => ({ action, recipients }));
}

/**
 * A `RULE_APPLIED` event for an inbound rule.
 * @example
 * ruleApplied('block-spam', [{ recipient: 'a@x.com', action: 'DROP' }]);
 */
export function ruleApplied(
  ruleName: string,
  applied: readonly { readonly recipient: string; readonly action: string }[],
): RuleAppliedEvent {
  return { eventType: 'RULE_APPLIED', ruleName, ruleType: 'INBOUND_RULE', ruleActions: ruleActions(applied) };
}

/**
 * The email event log's form of a RULE_APPLIED event (`eventName` in place of the log line's `eventType`).
 * @example
 * toEmailEvent(ruleApplied('block-spam', [{ recipient: 'a@x.com', action: 'DROP' }]));
 */
export function toEmailEvent(event: RuleAppliedEvent): RuleAppliedEmailEvent {
  return {
    eventName: 'RULE_APPLIED',
    ruleName: event.ruleName,
    ruleType: event.ruleType,
    ruleActions: event.ruleActions,
  };
}
