import type {
  FallbackActionType,
  IgnoredRecipient,
  LambdaActionType,
  LambdaResponseAction,
  RecipientDecision,
} from './types';
import { MAX_UNIQUE_ACTIONS } from './response';

/**
 * Decision for spec §14.6 (one address under two explicit actions, or two `allRecipients` entries): the most
 * restrictive action wins, in the inbound order of §5.2 (outbound types are a subset). On a tie the first wins.
 */
export const LAMBDA_CONFLICT_PRECEDENCE: readonly LambdaActionType[] = [
  // Stryker disable next-line StringLiteral: first either way, since an unlisted type ranks -1
  'DROP',
  'BOUNCE',
  'MOVE_TO_JUNK',
  'DEFAULT',
  'BYPASS_SPAM_CHECK',
];

/** Actions under which an added recipient is delivered; an added recipient under DROP or BOUNCE is ignored. */
export const ADDED_RECIPIENT_ACTIONS: readonly LambdaActionType[] = [
  'DEFAULT',
  'MOVE_TO_JUNK',
  'BYPASS_SPAM_CHECK',
];

/** Most recipients a message may have after additions (quotas: 500 recipients per message). */
export const MAX_RECIPIENTS_AFTER_ADDITIONS = 500;

/** Inputs of {@link applyLambdaResponse}. */
export interface ApplyResponseInput {
  readonly actions: readonly LambdaResponseAction[];
  /** The original recipients the rule applies to (all of them, even when the event list was truncated). */
  readonly recipients: readonly string[];
  readonly direction: 'INBOUND' | 'OUTBOUND';
  readonly fallbackAction: FallbackActionType;
  /** Inbound: whether an address belongs to the organization (only such addresses may be added). */
  readonly isOrganizationAddress: (address: string) => boolean;
}

type Chosen = { type: LambdaActionType; bounceMessage?: string; display: string };

/**
 * Turns a validated response into per-recipient decisions (requirement 16): explicit-recipient actions first,
 * then `allRecipients` actions for the rest, then the fallback for any original recipient still uncovered.
 * Only entries whose action is among the first {@link MAX_UNIQUE_ACTIONS} distinct actions (type + bounce text)
 * are honoured; original recipients named only by later entries get the fallback.
 * @example
 * applyLambdaResponse({ actions, recipients: ['a@org.com'], direction: 'INBOUND', fallbackAction: 'DEFAULT',
 *   isOrganizationAddress: (a) => a.endsWith('@org.com') });
 */
export function applyLambdaResponse(input: ApplyResponseInput): {
  decisions: RecipientDecision[];
  ignored: IgnoredRecipient[];
} {
  const seen = new Set<string>();
  const explicit = new Map<string, Chosen>();
  const overLimit = new Set<string>();
  let forAll: Chosen | undefined;
  for (const entry of input.actions) {
    const key = JSON.stringify([entry.type, entry.bounceMessage]);
    if (!seen.has(key) && seen.size >= MAX_UNIQUE_ACTIONS) {
      entry.recipients.forEach((address) => overLimit.add(address.toLowerCase()));
      continue;
    }
    seen.add(key);
    const chosen = (display: string): Chosen => ({
      type: entry.type,
      bounceMessage: entry.bounceMessage,
      display,
    });
    for (const address of entry.recipients) {
      const lower = address.toLowerCase();
      explicit.set(lower, pick(explicit.get(lower), chosen(address)));
    }
    // Stryker disable next-line StringLiteral: an allRecipients choice is never displayed
    if (entry.allRecipients) forAll = pick(forAll, chosen(''));
  }

  const decisions: RecipientDecision[] = [];
  const original = new Set<string>();
  const fallback = (recipient: string): RecipientDecision => ({
    recipient,
    action: input.fallbackAction,
    added: false,
    source: 'FALLBACK',
  });
  for (const recipient of input.recipients) {
    const lower = recipient.toLowerCase();
    if (original.has(lower)) continue;
    original.add(lower);
    const chosen = explicit.get(lower) ?? (overLimit.has(lower) ? undefined : forAll);
    decisions.push(chosen ? decide(recipient, chosen, false) : fallback(recipient));
  }

  const ignored: IgnoredRecipient[] = [];
  let total = original.size;
  for (const [lower, chosen] of explicit) {
    if (original.has(lower)) continue;
    const recipient = chosen.display;
    if (input.direction === 'INBOUND' && !input.isOrganizationAddress(recipient)) {
      ignored.push({ recipient, reason: 'OUTSIDE_ORGANIZATION' });
    } else if (!ADDED_RECIPIENT_ACTIONS.includes(chosen.type)) {
      ignored.push({ recipient, reason: 'NOT_A_DELIVERY_ACTION' });
    } else if (total >= MAX_RECIPIENTS_AFTER_ADDITIONS) {
      ignored.push({ recipient, reason: 'RECIPIENT_LIMIT' });
    } else {
      total += 1;
      decisions.push(decide(recipient, chosen, true));
    }
  }
  return { decisions, ignored };
}

function pick(current: Chosen | undefined, candidate: Chosen): Chosen {
  if (!current) return candidate;
  const rank = (chosen: Chosen) => LAMBDA_CONFLICT_PRECEDENCE.indexOf(chosen.type);
  return rank(candidate) < rank(current) ? candidate : current;
}

function decide(recipient: string, chosen: Chosen, added: boolean): RecipientDecision {
  return {
    recipient,
    action: chosen.type,
    // Only a BOUNCE action carries a bounce message (parseLambdaResponse drops it elsewhere).
    ...(chosen.bounceMessage === undefined ? {} : { bounceMessage: chosen.bounceMessage }),
    added,
    source: 'RESPONSE',
  };
}
