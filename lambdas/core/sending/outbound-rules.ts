import { buildLambdaEvent, runAsynchronousLambda, runSynchronousLambda } from '../flow-lambda';
import type { LambdaRuleBinding } from '../flow-lambda/types';
import { deliveryAction, evaluateFlowRules } from '../flow-rules/engine';
import type { FlowRule } from '../flow-rules/types';
import { ruleActions } from '../inbound-rules/events';
import {
  beginSynchronousRule,
  bindAsynchronousRule,
  endSynchronousRule,
  finishInFlightMessage,
  openInFlightMessage,
} from '../message-flow/in-flight';
import type { RuleAppliedEvent } from '../email-events';
import type { ContentLocation } from '../message-flow/types';
import type { SendingDeps } from './ports';

/** How long the synchronous Run Lambda rules of one submission may take in all (an HTTP request waits for them). */
export const OUTBOUND_LAMBDA_BUDGET_MS = 20_000;

/** What the outbound rules decided for one envelope recipient. */
export interface OutboundAction {
  readonly action: 'SEND' | 'DROP' | 'BOUNCE';
  readonly ruleName?: string;
  /** A BOUNCE's text: the function's `bounceMessage`, or why the rule could not be applied. */
  readonly bounceMessage?: string;
  /** The content a synchronous function put with PutRawMessageContent, to send instead of the submitted one. */
  readonly content?: ContentLocation;
}

/** The message as outbound rules see it. */
export interface OutboundMessage {
  readonly organizationId: string;
  /** The sender's mailbox (its deletion ends the Message Flow record). */
  readonly mailboxId: string;
  readonly submissionId: string;
  readonly raw: Buffer;
  /** The `From:` address: the Lambda event's `mailFrom` (the represented mailbox for SEND_AS / on behalf). */
  readonly from: string;
  /** The `Sender:` address, when the message has one. */
  readonly sender?: string;
  readonly subject: string;
  readonly recipients: readonly string[];
}

/** The decisions, keyed by lower-case recipient, and what must run once the message has gone. */
export interface OutboundDecision {
  readonly actions: ReadonlyMap<string, OutboundAction>;
  /** Starts the asynchronous rules and closes the Message Flow record; never throws for a function's failure. */
  readonly afterSending: () => Promise<void>;
  /** One RULE_APPLIED email event per rule that matched (for the email event log). */
  readonly events: readonly RuleAppliedEvent[];
}

/**
 * Applies the organization's outbound email flow rules (message-flow.md §4, §5, §7) to every recipient.
 * Primary course: 1. evaluate the rules per recipient (`Sender:` or `From:`, most specific wins);
 * 2. DEFAULT → send, DROP → drop, BOUNCE → bounce report to the sender; ROUTE_TO_SMTP_GATEWAY → bounce (no SMTP
 * gateway can be configured yet, and WorkMail bounces what it cannot hand to the gateway); 3. Run Lambda rules:
 * the message is kept for the Message Flow API (direction OUTBOUND) and each synchronous rule is invoked with the
 * §7.3 event, its answer (BOUNCE / DROP / DEFAULT, or the fallback) deciding its recipients and content it put
 * replacing what is sent, all within {@link OUTBOUND_LAMBDA_BUDGET_MS}; asynchronous rules run after sending.
 * Recipients a function adds are not sent to (logged): they would bypass the sending limits.
 * @example
 * const { actions, afterSending } = await decideOutbound(deps, message);
 */
export async function decideOutbound(
  deps: Pick<SendingDeps, 'rules' | 'lambdas' | 'logger'>,
  message: OutboundMessage,
): Promise<OutboundDecision> {
  const set = await deps.rules.get(message.organizationId, 'OUTBOUND');
  const recipients = message.recipients.map((recipient) => recipient.toLowerCase());
  const outcomes = evaluateFlowRules(set, { sender: message.sender, from: message.from, recipients });
  const actions = new Map<string, OutboundAction>();
  const lambdaGroups = new Map<string, { rule: FlowRule; recipients: string[] }>();
  const applied = new Map<string, { recipient: string; action: string }[]>();
  for (const outcome of outcomes) {
    const action = deliveryAction(outcome);
    const rule = outcome.rule;
    if (rule && outcome.action === 'RUN_LAMBDA') {
      const group = lambdaGroups.get(rule.name) ?? { rule, recipients: [] };
      group.recipients.push(outcome.recipient);
      lambdaGroups.set(rule.name, group);
      if (action === 'RUN_LAMBDA') continue;
    } else if (rule) {
      const list = applied.get(rule.name) ?? [];
      list.push({ recipient: outcome.recipient, action: outcome.action });
      applied.set(rule.name, list);
    }
    actions.set(outcome.recipient, fromFlowAction(action, rule?.name));
  }
  const events: RuleAppliedEvent[] = [];
  const log = (ruleName: string, list: readonly { recipient: string; action: string }[], extra = {}) => {
    const event = { ruleName, ruleType: 'OUTBOUND_RULE', ruleActions: ruleActions(list) } as const;
    events.push({ eventName: 'RULE_APPLIED', ...event });
    deps.logger.info('RULE_APPLIED', {
      eventType: 'RULE_APPLIED',
      ...event,
      organizationId: message.organizationId,
      ...extra,
    });
  };
  for (const [ruleName, list] of applied) log(ruleName, list);
  if (lambdaGroups.size === 0) return { actions, afterSending: async () => {}, events };
  return {
    ...(await runOutboundLambdas(deps, message, [...lambdaGroups.values()], actions, log)),
    events,
  };
}

async function runOutboundLambdas(
  deps: Pick<SendingDeps, 'lambdas' | 'logger'>,
  message: OutboundMessage,
  groups: readonly { rule: FlowRule; recipients: string[] }[],
  actions: Map<string, OutboundAction>,
  log: (ruleName: string, list: readonly { recipient: string; action: string }[], extra?: object) => void,
): Promise<Omit<OutboundDecision, 'events'>> {
  const { lambdas } = deps;
  const inFlightDeps = { inFlight: lambdas.inFlight, now: () => lambdas.clock.now(), random: lambdas.random };
  const original = await lambdas.rawMessages.putReplacement(
    message.organizationId,
    message.submissionId,
    message.raw,
  );
  const { messageId: flowId } = await openInFlightMessage(inFlightDeps, {
    organizationId: message.organizationId,
    mailboxIds: [message.mailboxId],
    direction: 'OUTBOUND',
    original,
  });
  const deadline = lambdas.clock.now() + OUTBOUND_LAMBDA_BUDGET_MS;
  const asynchronous: (() => Promise<boolean>)[] = [];
  for (const group of groups) {
    const binding: LambdaRuleBinding = { ...group.rule, lambdaArn: group.rule.lambdaArn ?? '' };
    const event = buildLambdaEvent({
      messageId: flowId,
      flowDirection: 'OUTBOUND',
      mailFrom: message.from,
      sender: message.sender,
      recipients: group.recipients,
      subject: message.subject,
      functionArn: binding.lambdaArn,
      ruleName: group.rule.name,
    });
    if (!group.rule.synchronous) {
      await bindAsynchronousRule(inFlightDeps, flowId, binding.lambdaArn);
      asynchronous.push(() => runAsynchronousLambda({ ...lambdas, logger: deps.logger }, binding, event));
      log(
        group.rule.name,
        group.recipients.map((recipient) => ({ recipient, action: 'DEFAULT' })),
        { lambda: { synchronous: false } },
      );
      continue;
    }
    await beginSynchronousRule(inFlightDeps, flowId, binding.lambdaArn);
    let after: ContentLocation | undefined;
    let outcome;
    try {
      outcome = await runSynchronousLambda(
        { ...lambdas, logger: deps.logger },
        { rule: binding, event, recipients: group.recipients, isOrganizationAddress: () => false, deadline },
      );
    } finally {
      after = await endSynchronousRule(inFlightDeps, flowId);
    }
    const content = after && after.key !== original.key ? after : undefined;
    for (const decision of outcome.decisions) {
      if (decision.added) {
        deps.logger.warn('Recipient added by an outbound function not sent to', {
          ruleName: group.rule.name,
        });
        continue;
      }
      const base = fromFlowAction(decision.action, group.rule.name, decision.bounceMessage);
      actions.set(
        decision.recipient.toLowerCase(),
        content && base.action === 'SEND' ? { ...base, content } : base,
      );
    }
    log(group.rule.name, outcome.decisions, {
      lambda: { synchronous: true, source: outcome.source, attempts: outcome.attempts },
    });
  }
  return {
    actions,
    afterSending: async () => {
      await finishInFlightMessage(inFlightDeps, flowId, 'DELIVERED');
      await Promise.all(asynchronous.map((invoke) => invoke()));
    },
  };
}

/** The sending action of a (non-Lambda) flow action. */
function fromFlowAction(action: string, ruleName?: string, bounceMessage?: string): OutboundAction {
  switch (action) {
    case 'DROP':
      return { action: 'DROP', ruleName };
    case 'BOUNCE':
      return { action: 'BOUNCE', ruleName, ...(bounceMessage === undefined ? {} : { bounceMessage }) };
    case 'ROUTE_TO_SMTP_GATEWAY':
      return { action: 'BOUNCE', ruleName, bounceMessage: 'The SMTP gateway of this rule is not available.' };
    default:
      return { action: 'SEND', ruleName };
  }
}
