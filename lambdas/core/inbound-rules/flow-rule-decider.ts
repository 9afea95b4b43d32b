import { extractAddress } from '../delivery/header-block';
import type {
  AddedRecipient,
  DecisionControl,
  DecisionInput,
  DeliveryLogger,
  InboundDecision,
  MailboxTarget,
  RawMessageRef,
  RecipientDecider,
  RecipientDecision,
} from '../delivery/ports';
import { combineDmarcWithFlowAction, decideDmarc } from '../dmarc';
import type { Clock, FunctionInvoker } from '../flow-lambda';
import { deliveryAction, evaluateFlowRules, type CompiledRuleSet } from '../flow-rules';
import type { FlowDirection } from '../flow-rules/types';
import { finishInFlightMessage, type ContentLocation, type InFlightMessageStore } from '../message-flow';
import type { EmailEvent, OrganizationEmailEvent } from '../email-events';
import { ruleApplied, toEmailEvent } from './events';
import { runLambdaRules, type LambdaRuleGroup, type LambdaVerdict } from './lambda-rules';
import type { InboundOrganizationLookup } from './ports';

/** Longest bounce text kept from a rule or a function (it becomes one DSN diagnostic line). */
export const MAX_BOUNCE_TEXT_CHARS = 512;

/** Dependencies of {@link FlowRuleDecider}. */
export interface FlowRuleDeciderDeps {
  /** Compiled inbound rules (`new CompiledRuleSetCache(flowRuleStore)`). */
  readonly rules: { get(organizationId: string, direction: FlowDirection): Promise<CompiledRuleSet> };
  readonly organizations: InboundOrganizationLookup;
  readonly invoker: FunctionInvoker;
  readonly inFlight: InFlightMessageStore;
  readonly clock: Clock;
  readonly logger: DeliveryLogger;
  /** Where the raw message of a ref is stored (what GetRawMessageContent reads). */
  readonly originalLocation: (ref: RawMessageRef) => ContentLocation;
  /**
   * Time the synchronous Run Lambda rules of one message may take in all, from the start of `decide` (the inbound
   * function's timeout minus a safety margin): each rule retries only within what is left, and rules reached
   * after it get their fallback action without being invoked. @default - none (each rule's own 0…240 min timeout)
   */
  readonly decisionBudgetMs?: number;
  /** Random bytes for Message Flow ids. @default - node:crypto */
  readonly random?: (size: number) => Uint8Array;
}

/** A recipient's action while the decision is built, before DMARC quarantine and the spam verdict apply. */
interface Pending {
  readonly action: string;
  readonly bounceMessage?: string;
  readonly content?: ContentLocation;
  readonly ruleName?: string;
}

/**
 * The inbound decision step: DMARC enforcement, email flow rules and Run Lambda rules (spec §1, §3, §7, §10).
 * Primary course, per organization among the recipients:
 * 1. DMARC (the organization's `dmarcEnforced`): reject → every recipient dropped, flow rules skipped; the
 *    `DMARC_POLICY_APPLIED` event is logged whenever the policy was applied;
 * 2. flow rules per recipient (`Sender:` then `From:`; most specific wins); `RULE_APPLIED` per rule;
 * 3. Run Lambda rules: synchronous ones may bounce, drop, junk or bypass per recipient, add organization Bcc
 *    recipients and replace the content, all within the message's `decisionBudgetMs` (past it, the fallback
 *    applies without invoking); asynchronous ones only observe, alongside delivery;
 * 4. DMARC quarantine turns DEFAULT into junk (BYPASS_SPAM_CHECK overrides it);
 * 5. placement: DEFAULT → spam verdict decides Inbox/Junk, BYPASS_SPAM_CHECK → Inbox, MOVE_TO_JUNK → Junk,
 *    DROP → nothing, BOUNCE → DSN (5.7.1) with the rule's or function's text.
 * @example
 * const decider = new FlowRuleDecider({ rules: new CompiledRuleSetCache(store), organizations, invoker, inFlight,
 *   clock: systemClock, logger, originalLocation: inboundObjectLocation('mailwright-inbound', 'incoming/'),
 *   decisionBudgetMs: 240_000 });
 */
export class FlowRuleDecider implements RecipientDecider {
  public constructor(private readonly deps: FlowRuleDeciderDeps) {}

  /**
   * Decides every recipient; see the class comment for the order. Asks for exclusivity before the first function
   * is invoked, so a message whose rules run functions is decided once and its decision persisted.
   */
  public async decide(input: DecisionInput, control: DecisionControl): Promise<InboundDecision> {
    // Stryker disable next-line ArrayDeclaration: every index is assigned below, so the initial length is unobservable
    const decisions: RecipientDecision[] = new Array(input.recipients.length);
    const added: AddedRecipient[] = [];
    const asynchronous: (() => Promise<boolean>)[] = [];
    const inFlightIds: string[] = [];
    const events: OrganizationEmailEvent[] = [];
    const byOrganization = new Map<string, { index: number; target: MailboxTarget }[]>();
    const budget = this.deps.decisionBudgetMs;
    const deadline = budget === undefined ? undefined : this.deps.clock.now() + budget;
    input.recipients.forEach((target, index) => {
      const members = byOrganization.get(target.organizationId) ?? [];
      members.push({ index, target });
      byOrganization.set(target.organizationId, members);
    });
    for (const [organizationId, members] of byOrganization) {
      const targets = members.map((member) => member.target);
      const result = await this.decideOrganization(input, organizationId, targets, deadline, control);
      members.forEach(({ index }, position) => {
        decisions[index] = result.decisions[position] as RecipientDecision;
      });
      added.push(...result.added);
      asynchronous.push(...result.asynchronous);
      events.push(...result.events.map((event) => ({ organizationId, event })));
      if (result.inFlightId) inFlightIds.push(result.inFlightId);
    }
    const inFlightDeps = { inFlight: this.deps.inFlight };
    return {
      decisions,
      added,
      events,
      retainRaw: inFlightIds.length > 0,
      ...(asynchronous.length > 0 && {
        alongside: async () => {
          await Promise.all(asynchronous.map((invoke) => invoke()));
        },
      }),
      ...(inFlightIds.length > 0 && {
        afterDelivery: async () => {
          for (const id of inFlightIds) await finishInFlightMessage(inFlightDeps, id, 'DELIVERED');
        },
      }),
    };
  }

  private async decideOrganization(
    input: DecisionInput,
    organizationId: string,
    targets: readonly MailboxTarget[],
    deadline: number | undefined,
    control: DecisionControl,
  ) {
    const { logger } = this.deps;
    const recipients = targets.map((target) => target.recipient.toLowerCase());
    const from = extractAddress(input.headers.from);
    const sender = extractAddress(input.headers.sender);
    const settings = await this.deps.organizations.settings(organizationId);
    const dmarc = decideDmarc({
      enforced: settings?.dmarcEnforced ?? true,
      verdict: input.verdicts.dmarc,
      policy: input.verdicts.dmarcPolicy,
      from: from ?? input.envelopeFrom,
      recipients,
    });
    const events: EmailEvent[] = [];
    if (dmarc.event) {
      logger.info('DMARC_POLICY_APPLIED', { ...dmarc.event, messageId: input.messageId, organizationId });
      const { from: dmarcFrom, recipients: dmarcRecipients, policy } = dmarc.event;
      events.push({
        eventName: 'DMARC_POLICY_APPLIED',
        from: dmarcFrom,
        recipients: dmarcRecipients,
        policy,
      });
    }
    const spamFail = input.verdicts.spam === 'FAIL';
    const place = (pending: Pending) =>
      toDecision(
        { ...pending, action: combineDmarcWithFlowAction(dmarc.disposition, pending.action) },
        spamFail,
      );
    if (dmarc.disposition === 'DROP')
      return {
        decisions: recipients.map(() => ({ action: 'DROP', reason: 'DMARC policy reject' }) as const),
        added: [],
        asynchronous: [],
        events,
      };
    const outcomes = evaluateFlowRules(await this.deps.rules.get(organizationId, 'INBOUND'), {
      sender,
      from,
      recipients,
    });
    const pending: Pending[] = outcomes.map((o) => ({ action: deliveryAction(o), ruleName: o.rule?.name }));
    const synchronous = new Map<string, LambdaRuleGroup & { recipients: string[] }>();
    const asynchronous = new Map<string, LambdaRuleGroup & { recipients: string[] }>();
    const plain = new Map<string, { recipient: string; action: string }[]>();
    for (const outcome of outcomes) {
      if (!outcome.rule) continue;
      const lambdaGroups = outcome.rule.synchronous ? synchronous : asynchronous;
      if (outcome.action === 'RUN_LAMBDA') {
        const group = lambdaGroups.get(outcome.rule.name) ?? { rule: outcome.rule, recipients: [] };
        group.recipients.push(outcome.recipient);
        lambdaGroups.set(outcome.rule.name, group);
      } else {
        const list = plain.get(outcome.rule.name) ?? [];
        list.push({ recipient: outcome.recipient, action: outcome.action });
        plain.set(outcome.rule.name, list);
      }
    }
    for (const [ruleName, applied] of plain) {
      const event = ruleApplied(ruleName, applied);
      events.push(toEmailEvent(event));
      logger.info('RULE_APPLIED', { ...event, messageId: input.messageId, organizationId });
    }
    if (synchronous.size > 0 || asynchronous.size > 0) await control.exclusive();
    const lambdas = await runLambdaRules(
      this.deps,
      {
        messageId: input.messageId,
        organizationId,
        mailboxIds: targets.map((target) => target.mailboxId),
        original: this.deps.originalLocation(input.raw ?? { messageId: input.messageId }),
        mailFrom: from ?? input.envelopeFrom,
        sender,
        subject: input.headers.subject ?? '',
        // Stryker disable next-line ArrayDeclaration: no address has a domain with spaces, so an invented one matches none
        domains: settings?.domains ?? [],
        deadline,
      },
      [...synchronous.values()],
      [...asynchronous.values()],
    );
    const decisions = recipients.map((recipient, position) => {
      const verdict: LambdaVerdict | undefined = lambdas.decided.get(recipient);
      return place(verdict ?? (pending[position] as Pending));
    });
    // A function may add recipients only under delivering actions, and DMARC can at most send them to Junk.
    const addedRecipients = lambdas.added.map((verdict): AddedRecipient => ({
      address: verdict.address,
      organizationId,
      decision: toDelivery(
        { ...verdict, action: combineDmarcWithFlowAction(dmarc.disposition, verdict.action) },
        spamFail,
      ),
    }));
    events.push(...(lambdas.applied ?? []).map(toEmailEvent));
    return {
      decisions,
      added: addedRecipients,
      events,
      asynchronous: lambdas.asynchronous,
      inFlightId: lambdas.inFlightId,
    };
  }
}

/**
 * The delivery decision of a (non-Lambda) flow action. A DROP or BOUNCE always comes from a rule (no matching rule
 * means DEFAULT).
 */
function toDecision(pending: Pending, spamFail: boolean): RecipientDecision {
  switch (pending.action) {
    case 'DROP':
      return { action: 'DROP', reason: `flow rule ${pending.ruleName}` };
    case 'BOUNCE':
      return pending.bounceMessage === undefined
        ? { action: 'BOUNCE' }
        : { action: 'BOUNCE', message: pending.bounceMessage.slice(0, MAX_BOUNCE_TEXT_CHARS) };
    default:
      return toDelivery(pending, spamFail);
  }
}

/**
 * The placement of a delivering action. A synchronous rule still marked RUN_LAMBDA here (it cannot happen: its
 * function's answer or fallback replaces it) is delivered normally.
 */
function toDelivery(pending: Pending, spamFail: boolean): RecipientDecision & { action: 'DELIVER' } {
  switch (pending.action) {
    case 'MOVE_TO_JUNK':
      return withContent({ action: 'DELIVER', folder: 'JUNK_EMAIL' }, pending.content);
    case 'BYPASS_SPAM_CHECK':
      return withContent({ action: 'DELIVER', folder: 'INBOX' }, pending.content);
    default:
      return withContent({ action: 'DELIVER', folder: spamFail ? 'JUNK_EMAIL' : 'INBOX' }, pending.content);
  }
}

function withContent(
  decision: { action: 'DELIVER'; folder: 'INBOX' | 'JUNK_EMAIL' },
  content: ContentLocation | undefined,
): RecipientDecision & { action: 'DELIVER' } {
  return content ? { ...decision, content } : decision;
}

/**
 * Where SES's S3 action stored a raw message: the event's object, else `<prefix><messageId>` in the inbound bucket
 * (the same rule as S3RawMessageSource).
 * @param bucket - the inbound bucket
 * @param keyPrefix - the S3 action's `objectKeyPrefix`
 * @example
 * const originalLocation = inboundObjectLocation('mailwright-inbound', 'incoming/');
 */
export function inboundObjectLocation(
  bucket: string,
  keyPrefix: string,
): (ref: RawMessageRef) => ContentLocation {
  return (ref) => ({
    bucket: ref.bucketName ?? bucket,
    key: ref.objectKey ?? `${keyPrefix}${ref.messageId}`,
  });
}
