import type { OrganizationEmailEvent } from '../email-events';
import type { ContentLocation } from '../message-flow/types';
import { DECISION_TARGET, decisionRecord, readDecision, type StoredDecision } from './decision-record';
import { DeliveryIncompleteError } from './errors';
import type {
  AddedRecipient,
  DecisionInput,
  DeliveryLedger,
  DeliveryLogger,
  InboundDecision,
  LedgerEntry,
  MailboxTarget,
  RecipientDecider,
  RecipientDecision,
  RecipientDirectory,
} from './ports';
import { mailboxTargetKey, resolveRecipients, type ResolveOptions } from './recipients';

/** What the decision step needs. */
export interface DecisionStepContext {
  readonly messageId: string;
  readonly ledger: DeliveryLedger;
  readonly decider: RecipientDecider;
  readonly logger: DeliveryLogger;
  /** Claim owner of this attempt. */
  readonly owner: string;
  readonly now: () => number;
  /** How long the claim on the decision holds (covers synchronous Lambda rules). */
  readonly leaseMs: number;
}

/** A message's decision, with the hooks of the attempt that took it. */
export interface DecidedMessage {
  /** The decision of a target; a target unknown to the decision gets the spam-verdict default. */
  decisionFor(target: MailboxTarget): RecipientDecision;
  readonly added: readonly AddedRecipient[];
  readonly retainRaw: boolean;
  /** The decision was persisted by an earlier (or concurrent) attempt: this is a replay or a retry. */
  readonly earlier: boolean;
  /** Only on the attempt that took the decision. */
  readonly alongside?: () => Promise<void>;
  /** Only on the attempt that took the decision. */
  readonly afterDelivery?: () => Promise<void>;
  /** The email events of taking it (DMARC, rules); only on the attempt that took the decision. */
  readonly events?: readonly OrganizationEmailEvent[];
}

/** The decision was claimed or taken by another attempt while this one was deciding. */
class DecisionTakenElsewhere extends Error {
  public constructor(public readonly stored: StoredDecision | undefined) {
    super('another attempt holds or has taken the decision');
    this.name = 'DecisionTakenElsewhere';
  }
}

/**
 * Takes the per-recipient decision so that replays and retries apply the same outcome and never re-run Lambda rules.
 * Primary course: 1. a decision persisted in the ledger is reused; 2. ask the decider about every resolved target;
 * when it asks for exclusivity (before invoking a function), claim the `DECISION` target (held by another live
 * claim → {@link DeliveryIncompleteError}, retry later; already decided → that decision); 3. a decision taken with
 * the claim is persisted (the claim settled) and the one that stands is used; a decision taken without it had no
 * outside effects and costs no write: a replay takes it again.
 * @param context - ledger, decider, claim owner and lease
 * @param input - the decision input with every resolved target
 * @param entries - the message's ledger entries, read by the caller
 * @throws DeliveryIncompleteError while another attempt holds the decision
 * @example
 * const decided = await decideOnce(context, input, (await ledger.read(messageId)).entries);
 */
export async function decideOnce(
  context: DecisionStepContext,
  input: DecisionInput,
  entries: readonly LedgerEntry[],
): Promise<DecidedMessage> {
  const fallbackFolder = input.verdicts.spam === 'FAIL' ? 'JUNK_EMAIL' : 'INBOX';
  const stored = readDecision(entries);
  if (stored) return fromStored(stored, fallbackFolder, true);
  const { ledger, messageId, owner } = context;
  let claimed = false;
  const exclusive = async () => {
    if (claimed) return;
    const now = context.now();
    const claim = await ledger.claim(messageId, DECISION_TARGET, owner, now + context.leaseMs, now);
    if (!claim.claimed) throw new DecisionTakenElsewhere(readDecision([claim.entry]));
    claimed = true;
  };
  let result: InboundDecision;
  try {
    result = normalize(await context.decider.decide(input, { exclusive }));
  } catch (error) {
    if (claimed) await ledger.release(messageId, DECISION_TARGET, owner);
    if (!(error instanceof DecisionTakenElsewhere)) throw error;
    if (error.stored) return fromStored(error.stored, fallbackFolder, true);
    throw new DeliveryIncompleteError(`message ${messageId}: another attempt is deciding`, {
      messageId,
      recipients: [],
      dsnSent: false,
      rawDeleted: false,
    });
  }
  const decision: StoredDecision = {
    version: 1,
    targets: Object.fromEntries(
      input.recipients.map((target, index) => [
        mailboxTargetKey(target.organizationId, target.mailboxId),
        result.decisions[index] ?? { action: 'DELIVER', folder: fallbackFolder },
      ]),
    ),
    added: result.added ?? [],
    retainRaw: result.retainRaw ?? false,
  };
  const hooks = { alongside: result.alongside, afterDelivery: result.afterDelivery, events: result.events };
  if (!claimed) return { ...fromStored(decision, fallbackFolder, false), ...hooks };
  const standing = await ledger.settle(
    messageId,
    DECISION_TARGET,
    owner,
    decisionRecord(messageId, decision),
  );
  const persisted = readDecision([standing]) ?? decision;
  if (JSON.stringify(persisted) !== JSON.stringify(decision)) {
    context.logger.warn('another attempt persisted the decision first; using it', { messageId });
    return fromStored(persisted, fallbackFolder, true);
  }
  return { ...fromStored(decision, fallbackFolder, false), ...hooks };
}

function normalize(result: readonly RecipientDecision[] | InboundDecision): InboundDecision {
  return isDecisionList(result) ? { decisions: result } : result;
}

function isDecisionList(
  result: readonly RecipientDecision[] | InboundDecision,
): result is readonly RecipientDecision[] {
  return Array.isArray(result);
}

function fromStored(
  stored: StoredDecision,
  fallbackFolder: 'INBOX' | 'JUNK_EMAIL',
  earlier: boolean,
): DecidedMessage {
  return {
    earlier,
    decisionFor: (target) =>
      stored.targets[mailboxTargetKey(target.organizationId, target.mailboxId)] ?? {
        action: 'DELIVER',
        folder: fallbackFolder,
      },
    added: stored.added,
    retainRaw: stored.retainRaw,
  };
}

/**
 * Resolves recipients added by the decision to mailboxes. Unknown or disabled addresses, addresses of another
 * organization and mailboxes the message already reaches are left out (logged, never bounced: the sender did not
 * address them).
 * @example
 * const extra = await resolveAdded(directory, logger, messageId, decided.added, targets, options);
 */
export async function resolveAdded(
  directory: RecipientDirectory,
  logger: DeliveryLogger,
  messageId: string,
  added: readonly AddedRecipient[],
  existing: readonly MailboxTarget[],
  options: ResolveOptions,
): Promise<{ target: MailboxTarget; decision: RecipientDecision }[]> {
  const seen = new Set(existing.map((t) => mailboxTargetKey(t.organizationId, t.mailboxId)));
  const result: { target: MailboxTarget; decision: RecipientDecision }[] = [];
  for (const entry of added) {
    const { targets, bounces } = await resolveRecipients([entry.address], directory, options);
    if (bounces.length > 0)
      logger.warn('added recipient not delivered', {
        messageId,
        recipient: entry.address,
        reason: 'unknown',
      });
    for (const target of targets) {
      const key = mailboxTargetKey(target.organizationId, target.mailboxId);
      if (target.organizationId !== entry.organizationId || seen.has(key)) continue;
      seen.add(key);
      result.push({ target, decision: entry.decision });
    }
  }
  return result;
}

/** The identity of a replacement content: a missing version (null) is distinct from every version id, even ''. */
export function contentKey(location: ContentLocation): string {
  return JSON.stringify([location.bucket, location.key, location.objectVersion]);
}

/**
 * Reads replacement contents once each (by bucket, key and version).
 * @param read - `RawMessageStore.get`
 * @example
 * const load = contentLoader((location) => rawMessages.get(location));
 * const bytes = await load({ bucket, key });
 */
export function contentLoader(
  read: (location: ContentLocation) => Promise<Uint8Array>,
): (location: ContentLocation) => Promise<Buffer> {
  const cache = new Map<string, Promise<Buffer>>();
  return (location) => {
    const key = contentKey(location);
    let bytes = cache.get(key);
    if (!bytes) {
      bytes = read(location).then((content) => Buffer.from(content));
      cache.set(key, bytes);
    }
    return bytes;
  };
}
