import {
  ASYNC_LAMBDA_DELIVERY_ACTION,
  INBOUND_FROM_FALLBACK_PER_RECIPIENT,
  RECIPIENT_SPECIFICITY_BREAKS_TIES,
  actionRank,
} from './decisions';
import { PatternIndex } from './pattern-index';
import { parsePattern } from './patterns';
import type {
  FlowAction,
  FlowDirection,
  FlowRule,
  MatchedHeader,
  MessageAddresses,
  RecipientOutcome,
} from './types';

/** One (rule, sender pattern, destination pattern) combination, kept in the bucket both patterns lead to. */
interface RuleEntry {
  readonly rule: FlowRule;
  readonly rank: number;
  readonly senderPattern: string;
  readonly destinationPattern: string;
}

type DestinationIndex = PatternIndex<RuleEntry[]>;

/** The §14 decisions the engine applies. Production uses {@link DEFAULT_ENGINE_POLICY}, read from decisions.ts. */
export interface EnginePolicy {
  /** See RECIPIENT_SPECIFICITY_BREAKS_TIES. */
  readonly recipientSpecificityBreaksTies: boolean;
  /** See INBOUND_FROM_FALLBACK_PER_RECIPIENT. */
  readonly inboundFromFallbackPerRecipient: boolean;
}

/** The policy of decisions.ts. */
export const DEFAULT_ENGINE_POLICY: EnginePolicy = {
  recipientSpecificityBreaksTies: RECIPIENT_SPECIFICITY_BREAKS_TIES,
  inboundFromFallbackPerRecipient: INBOUND_FROM_FALLBACK_PER_RECIPIENT,
};

/**
 * An organization's rules of one direction, indexed by sender pattern and then by destination pattern. Each
 * leaf
 * bucket is sorted by action rank (most restrictive first), so the first entry of a bucket is its winner.
 */
export interface CompiledRuleSet {
  readonly direction: FlowDirection;
  /** The rules version it was compiled from (see FlowRuleStore.rulesVersion). */
  readonly version: number;
  readonly ruleCount: number;
  readonly policy: EnginePolicy;
  readonly senders: PatternIndex<DestinationIndex>;
}

/**
 * A matching entry with the specificity of its sender and destination patterns for the evaluated addresses.
 */
interface Candidate {
  readonly entry: RuleEntry;
  readonly senderSpecificity: number;
  readonly recipientSpecificity: number;
  readonly header: MatchedHeader;
}

/**
 * Compiles rules into the index the engine evaluates. Rules of the other direction are ignored.
 * @param direction - INBOUND or OUTBOUND
 * @param rules - the organization's rules, as stored (patterns already validated)
 * @param version - the rules version they were read at
 * @param policy - the §14 decisions to apply (tests only; production keeps the default)
 * @example
 * const set = compileRuleSet('INBOUND', await store.loadRules(orgId, 'INBOUND'), version);
 */
export function compileRuleSet(
  direction: FlowDirection,
  rules: readonly FlowRule[],
  version = 0,
  policy: EnginePolicy = DEFAULT_ENGINE_POLICY,
): CompiledRuleSet {
  const senders = new PatternIndex<DestinationIndex>(() => new PatternIndex<RuleEntry[]>(() => []));
  let ruleCount = 0;
  for (const rule of rules) {
    if (rule.direction !== direction) continue;
    ruleCount += 1;
    const rank = actionRank(direction, rule.action);
    for (const senderPattern of rule.senderPatterns) {
      const sender = parsePattern(senderPattern);
      if (!sender.ok) continue;
      const destinations = senders.slot(sender.pattern);
      for (const destinationPattern of rule.destinationPatterns) {
        const destination = parsePattern(destinationPattern);
        if (!destination.ok) continue;
        const bucket = destinations.slot(destination.pattern);
        // A rule's duplicate patterns (`A.com`, `a.com`) land in the same bucket one after the other.
        if (bucket.at(-1)?.rule !== rule) bucket.push({ rule, rank, senderPattern, destinationPattern });
      }
    }
  }
  for (const destinations of senders.values()) {
    for (const bucket of destinations.values()) bucket.sort(byPrecedence);
  }
  return { direction, version, ruleCount, policy, senders };
}

function byPrecedence(a: RuleEntry, b: RuleEntry): number {
  if (a.rank !== b.rank) return b.rank - a.rank;
  // Names are unique per direction; a rule compared with itself (outbound, both headers) beats nothing either way.
  return a.rule.name < b.rule.name ? -1 : 1;
}

/** True when `a` takes precedence over `b` (§5.2: sender specificity, recipient specificity, action rank). */
function beats(a: Candidate, b: Candidate, policy: EnginePolicy): boolean {
  if (a.senderSpecificity !== b.senderSpecificity)
    // Stryker disable next-line EqualityOperator: the two differ here, so > and >= agree
    return a.senderSpecificity > b.senderSpecificity;
  if (policy.recipientSpecificityBreaksTies && a.recipientSpecificity !== b.recipientSpecificity) {
    // Stryker disable next-line EqualityOperator: the two differ here, so > and >= agree
    return a.recipientSpecificity > b.recipientSpecificity;
  }
  return byPrecedence(a.entry, b.entry) < 0;
}

/** The winning entry for one header address and one recipient; O(sender labels × recipient labels). */
function bestFor(
  set: CompiledRuleSet,
  address: string,
  recipient: string,
  header: MatchedHeader,
): Candidate | undefined {
  for (const [senderSpecificity, destinations] of set.senders.lookup(address)) {
    let best: Candidate | undefined;
    for (const [recipientSpecificity, bucket] of destinations.lookup(recipient)) {
      const candidate = { entry: bucket[0]!, senderSpecificity, recipientSpecificity, header };
      if (set.policy.recipientSpecificityBreaksTies) return candidate;
      if (best === undefined || beats(candidate, best, set.policy)) best = candidate;
    }
    if (best !== undefined) return best;
  }
  return undefined;
}

function senderMatchesAnyRule(set: CompiledRuleSet, address: string): boolean {
  return !set.senders.lookup(address).next().done;
}

/**
 * Decides the action for one recipient (§5.1, §5.2). Inbound: the `Sender:` header first, the `From:` header
 * when
 * it is absent or matches no rule. Outbound: the better match of `Sender:` and `From:`. No match → DEFAULT.
 * @param set - the compiled rules of the message's direction
 * @param message - the header addresses
 * @param recipient - one envelope recipient
 * @example
 * evaluateRecipient(set, { from: 'a@example.com' }, 'b@corp.example');
 * // { recipient: 'b@corp.example', action: 'DROP', rule, … }
 */
export function evaluateRecipient(
  set: CompiledRuleSet,
  message: MessageAddresses,
  recipient: string,
): RecipientOutcome {
  let winner: Candidate | undefined;
  const viaSender = message.sender ? bestFor(set, message.sender, recipient, 'SENDER') : undefined;
  if (set.direction === 'INBOUND') {
    const fromAllowed = () =>
      set.policy.inboundFromFallbackPerRecipient ||
      !message.sender ||
      !senderMatchesAnyRule(set, message.sender);
    winner =
      viaSender ??
      (message.from && fromAllowed() ? bestFor(set, message.from, recipient, 'FROM') : undefined);
  } else {
    const viaFrom = message.from ? bestFor(set, message.from, recipient, 'FROM') : undefined;
    winner =
      viaSender && viaFrom
        ? beats(viaFrom, viaSender, set.policy)
          ? viaFrom
          : viaSender
        : (viaSender ?? viaFrom);
  }
  if (winner === undefined) return { recipient, action: 'DEFAULT' };
  const { rule, senderPattern, destinationPattern } = winner.entry;
  return {
    recipient,
    action: rule.action,
    rule,
    senderPattern,
    destinationPattern,
    matchedHeader: winner.header,
  };
}

/**
 * Decides every recipient of a message independently (requirement 7).
 * @param set - the compiled rules of the message's direction
 * @param message - the header addresses and the envelope recipients
 * @example
 * evaluateFlowRules(set, { from: 'a@example.com', recipients: ['x@corp.example', 'y@corp.example'] });
 */
export function evaluateFlowRules(
  set: CompiledRuleSet,
  message: MessageAddresses & { readonly recipients: readonly string[] },
): RecipientOutcome[] {
  return message.recipients.map((recipient) => evaluateRecipient(set, message, recipient));
}

/**
 * The delivery action the pipeline applies before any Lambda answers: an asynchronous Run Lambda rule never
 * changes
 * delivery (§14.2); a synchronous one is returned as RUN_LAMBDA for the caller to invoke.
 * @param outcome - from {@link evaluateRecipient}
 * @example
 * deliveryAction(outcome); // 'DEFAULT' for an asynchronous Run Lambda rule
 */
export function deliveryAction(outcome: RecipientOutcome): FlowAction {
  if (outcome.action === 'RUN_LAMBDA' && !outcome.rule?.synchronous) return ASYNC_LAMBDA_DELIVERY_ACTION;
  return outcome.action;
}
