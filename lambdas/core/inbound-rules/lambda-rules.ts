import type { DeliveryLogger } from '../delivery/ports';
import {
  buildLambdaEvent,
  isInDomains,
  runAsynchronousLambda,
  runSynchronousLambda,
  SYNC_ATTEMPT_TIMEOUT_MS,
  type Clock,
  type FallbackActionType,
  type FunctionInvoker,
  type LambdaRuleBinding,
} from '../flow-lambda';
import type { FlowRule } from '../flow-rules/types';
import {
  beginSynchronousRule,
  bindAsynchronousRule,
  endSynchronousRule,
  openInFlightMessage,
  type ContentLocation,
  type InFlightMessageStore,
} from '../message-flow';
import { ruleApplied, type RuleAppliedEvent } from './events';

/** What running Run Lambda rules needs. */
export interface LambdaRuleDeps {
  readonly invoker: FunctionInvoker;
  readonly inFlight: InFlightMessageStore;
  readonly clock: Clock;
  readonly logger: DeliveryLogger;
  /** Random bytes for Message Flow ids. @default - node:crypto */
  readonly random?: (size: number) => Uint8Array;
}

/** A Run Lambda rule and the recipients (addresses) it won for. */
export interface LambdaRuleGroup {
  readonly rule: FlowRule;
  readonly recipients: readonly string[];
}

/** The message as Run Lambda rules of one organization see it. */
export interface LambdaMessage {
  /** SES message id (for logs only; functions get the Message Flow id). */
  readonly messageId: string;
  readonly organizationId: string;
  /** The organization's mailboxes the message is for (destroying one ends the Message Flow record). */
  readonly mailboxIds: readonly string[];
  readonly original: ContentLocation;
  readonly mailFrom: string;
  readonly sender?: string;
  readonly subject: string;
  readonly domains: readonly string[];
  /**
   * Epoch ms by which every synchronous rule of the message must be decided (the decision budget): each rule
   * retries only until then, and rules reached after it get their fallback without being invoked.
   * @default - none (each rule's own 0…240 min timeout)
   */
  readonly deadline?: number;
}

/** What a synchronous rule decided for one recipient. */
export interface LambdaVerdict {
  readonly action: FallbackActionType;
  readonly bounceMessage?: string;
  /** The replacement the function put while its rule was pending. */
  readonly content?: ContentLocation;
  readonly ruleName: string;
}

/** What the Run Lambda rules of one organization decided. */
export interface LambdaRulesResult {
  /** Keyed by lower-case recipient address. */
  readonly decided: ReadonlyMap<string, LambdaVerdict>;
  /** Organization recipients the functions added (Bcc). */
  readonly added: readonly (LambdaVerdict & { readonly address: string })[];
  /** The Message Flow id, when any rule ran. */
  readonly inFlightId?: string;
  /** Asynchronous rules, to start alongside delivery; each never throws. */
  readonly asynchronous: readonly (() => Promise<boolean>)[];
  /** The RULE_APPLIED event of each rule run (for the email event log). @default - none */
  readonly applied?: readonly RuleAppliedEvent[];
}

const sameLocation = (a: ContentLocation, b: ContentLocation) =>
  a.bucket === b.bucket && a.key === b.key && a.objectVersion === b.objectVersion;

/**
 * Runs an organization's Run Lambda rules for one message (spec §7).
 * Primary course: 1. register the message for the Message Flow API once; 2. per synchronous rule: mark it pending,
 * invoke with retries until the rule timeout or the message's deadline, whichever comes first (then the fallback),
 * end it and note whether the function replaced the content, log RULE_APPLIED; once the deadline has passed, the
 * remaining rules are not invoked and get their fallback (RULE_APPLIED with `reason: DECISION_DEADLINE_PASSED`);
 * 3. bind asynchronous rules and return their invocations for the caller to start alongside delivery (they never
 * change it).
 * @param deps - invoker, in-flight registry, clock, logger
 * @param message - the message and the organization's domains
 * @param synchronous - synchronous rules with the recipients each won
 * @param asynchronous - asynchronous rules with their recipients
 * @example
 * const result = await runLambdaRules(deps, message, [{ rule, recipients: ['a@org.example'] }], []);
 */
export async function runLambdaRules(
  deps: LambdaRuleDeps,
  message: LambdaMessage,
  synchronous: readonly LambdaRuleGroup[],
  asynchronous: readonly LambdaRuleGroup[],
): Promise<LambdaRulesResult> {
  const decided = new Map<string, LambdaVerdict>();
  const added: (LambdaVerdict & { address: string })[] = [];
  const applied: RuleAppliedEvent[] = [];
  if (synchronous.length === 0 && asynchronous.length === 0) return { decided, added, asynchronous: [] };
  const inFlightDeps = { inFlight: deps.inFlight, now: () => deps.clock.now(), random: deps.random };
  const { messageId: flowId } = await openInFlightMessage(inFlightDeps, {
    organizationId: message.organizationId,
    mailboxIds: message.mailboxIds,
    direction: 'INBOUND',
    original: message.original,
  });
  const eventOf = (group: LambdaRuleGroup, binding: LambdaRuleBinding) =>
    buildLambdaEvent({
      messageId: flowId,
      flowDirection: 'INBOUND',
      mailFrom: message.mailFrom,
      sender: message.sender,
      recipients: group.recipients,
      subject: message.subject,
      organizationDomains: message.domains,
      functionArn: binding.lambdaArn,
      ruleName: group.rule.name,
    });
  for (const group of synchronous) {
    const binding = bindingOf(group.rule);
    const input = {
      rule: binding,
      event: eventOf(group, binding),
      recipients: group.recipients,
      isOrganizationAddress: (address: string) => isInDomains(address, message.domains),
      deadline: message.deadline,
    };
    const startedAt = deps.clock.now();
    const reason = deadlineReason(binding, startedAt, message.deadline);
    let content: ContentLocation | undefined;
    let outcome;
    if (reason === 'DECISION_DEADLINE_PASSED') {
      outcome = await runSynchronousLambda(deps, input);
      deps.logger.warn('Synchronous flow-rule Lambda not invoked: decision deadline passed', {
        messageId: message.messageId,
        organizationId: message.organizationId,
        ruleName: group.rule.name,
        // Stryker disable next-line OptionalChaining: a group has at least one recipient, so a first decision
        fallbackAction: outcome.decisions[0]?.action,
      });
    } else {
      const before = (await deps.inFlight.get(flowId))?.effective ?? message.original;
      await beginSynchronousRule(inFlightDeps, flowId, binding.lambdaArn);
      let after: ContentLocation | undefined;
      try {
        outcome = await runSynchronousLambda(deps, input);
      } finally {
        after = await endSynchronousRule(inFlightDeps, flowId);
      }
      content = after && !sameLocation(after, before) ? after : undefined;
    }
    for (const decision of outcome.decisions) {
      const verdict: LambdaVerdict = {
        action: decision.action,
        bounceMessage: decision.bounceMessage,
        content,
        ruleName: group.rule.name,
      };
      if (decision.added) added.push({ ...verdict, address: decision.recipient.toLowerCase() });
      else decided.set(decision.recipient.toLowerCase(), verdict);
    }
    applied.push(ruleApplied(group.rule.name, outcome.decisions));
    deps.logger.info('RULE_APPLIED', {
      ...applied[applied.length - 1],
      messageId: message.messageId,
      organizationId: message.organizationId,
      lambda: {
        synchronous: true,
        source: outcome.source,
        attempts: outcome.attempts,
        contentReplaced: content !== undefined,
        ignored: outcome.ignored,
        ...(reason && outcome.source === 'FALLBACK' ? { reason } : {}),
      },
    });
  }
  const invocations: (() => Promise<boolean>)[] = [];
  for (const group of asynchronous) {
    const binding = bindingOf(group.rule);
    await bindAsynchronousRule(inFlightDeps, flowId, binding.lambdaArn);
    const event = eventOf(group, binding);
    invocations.push(() => runAsynchronousLambda(deps, binding, event));
    applied.push(
      ruleApplied(
        group.rule.name,
        group.recipients.map((recipient) => ({ recipient, action: 'DEFAULT' })),
      ),
    );
    deps.logger.info('RULE_APPLIED', {
      ...applied[applied.length - 1],
      messageId: message.messageId,
      organizationId: message.organizationId,
      lambda: { synchronous: false },
    });
  }
  return { decided, added, inFlightId: flowId, asynchronous: invocations, applied };
}

/** The runner's view of a stored rule. */
function bindingOf(rule: FlowRule): LambdaRuleBinding {
  return {
    name: rule.name,
    organizationId: rule.organizationId,
    // Stryker disable next-line StringLiteral: a Run Lambda rule always has a function ARN (validated on create)
    lambdaArn: rule.lambdaArn ?? '',
    synchronous: rule.synchronous,
    fallbackAction: rule.fallbackAction,
    ruleTimeoutMinutes: rule.ruleTimeoutMinutes ?? 0,
  };
}

/**
 * Why the message's deadline bounds a synchronous rule starting now: `DECISION_DEADLINE_PASSED` (not invoked),
 * `DECISION_DEADLINE_REACHED` (its retry window is cut short), or `undefined` (the rule timeout alone applies).
 */
function deadlineReason(binding: LambdaRuleBinding, now: number, deadline: number | undefined) {
  // Stryker disable next-line ConditionalExpression: without a deadline both comparisons below are false anyway
  if (deadline === undefined) return undefined;
  if (now >= deadline) return 'DECISION_DEADLINE_PASSED';
  const ruleEnd = now + (binding.ruleTimeoutMinutes ?? 0) * 60_000 + SYNC_ATTEMPT_TIMEOUT_MS;
  return deadline < ruleEnd ? 'DECISION_DEADLINE_REACHED' : undefined;
}
