import type { AddedRecipient, LedgerEntry, LedgerRecord, RecipientDecision } from './ports';

/**
 * The ledger target that holds a message's decision. Its record (state `SENT`) carries the decision as JSON in
 * `reason`: the ledger port has no payload field, and this keeps the DynamoDB adapter unchanged.
 */
export const DECISION_TARGET = 'DECISION';

/** A decision as persisted: per mailbox target key, plus added recipients and the raw-retention flag. */
export interface StoredDecision {
  readonly version: 1;
  /** Keyed by `mailboxTargetKey(organizationId, mailboxId)`. */
  readonly targets: Readonly<Record<string, RecipientDecision>>;
  readonly added: readonly AddedRecipient[];
  readonly retainRaw: boolean;
}

/** Error thrown when a persisted decision cannot be read back. */
export class DecisionRecordError extends Error {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DecisionRecordError';
  }
}

/** The JSON written: distinct decisions once, targets by index (500 bounces with one long text stay small). */
interface EncodedDecision {
  readonly version: 1;
  readonly decisions: readonly RecipientDecision[];
  readonly targets: Readonly<Record<string, number>>;
  readonly added: readonly AddedRecipient[];
  readonly retainRaw: boolean;
}

/**
 * The ledger record that persists a decision.
 * @param messageId - SES message id (stored as the record's recipient)
 * @param decision - the decision to persist
 * @example
 * await ledger.settle(messageId, DECISION_TARGET, owner, decisionRecord(messageId, decision));
 */
export function decisionRecord(messageId: string, decision: StoredDecision): LedgerRecord {
  const distinct: RecipientDecision[] = [];
  const indexOf = new Map<string, number>();
  const targets: Record<string, number> = {};
  for (const [key, value] of Object.entries(decision.targets)) {
    const json = JSON.stringify(value);
    let index = indexOf.get(json);
    if (index === undefined) {
      index = distinct.push(value) - 1;
      indexOf.set(json, index);
    }
    targets[key] = index;
  }
  const encoded: EncodedDecision = { ...decision, decisions: distinct, targets };
  return { state: 'SENT', recipient: messageId, reason: JSON.stringify(encoded) };
}

/**
 * The persisted decision among a message's ledger entries, if one was settled.
 * @param entries - `ledger.list(messageId)`
 * @throws DecisionRecordError when the record is not a decision this version wrote
 * @example
 * const stored = readDecision(await ledger.list(messageId));
 */
export function readDecision(entries: readonly LedgerEntry[]): StoredDecision | undefined {
  const entry = entries.find((candidate) => candidate.target === DECISION_TARGET);
  const text = entry?.record?.reason;
  if (text === undefined) return undefined;
  let parsed: Partial<EncodedDecision>;
  try {
    parsed = JSON.parse(text) as Partial<EncodedDecision>;
  } catch (error) {
    throw new DecisionRecordError('the persisted inbound decision is not JSON', { cause: error });
  }
  const { version, decisions, targets, added, retainRaw } = parsed;
  if (version !== 1 || !Array.isArray(decisions) || typeof targets !== 'object' || !Array.isArray(added))
    throw new DecisionRecordError('the persisted inbound decision has an unknown shape');
  const decoded: Record<string, RecipientDecision> = {};
  for (const [key, index] of Object.entries(targets)) {
    const value = decisions[index];
    if (value === undefined) throw new DecisionRecordError(`the persisted decision of ${key} is missing`);
    decoded[key] = value;
  }
  return { version, targets: decoded, added, retainRaw: retainRaw === true };
}
