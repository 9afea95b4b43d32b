import type { JournaledMessage } from '../journaling/journal-recorder';
import { stripJournalReportHeader } from '../journaling/verify-report';
import type { DeliveryLedger, MailboxTarget } from './ports';
import { mailboxTargetKey } from './recipients';
import type { RecipientOutcome } from './types';

/** What inbound delivery asks of journaling (`JournalRecorder`). */
export interface InboundJournal {
  /** The journaling address of a journal record this deployment signed; `undefined` for any other message. */
  ownRecordAddress(raw: Buffer): Promise<string | undefined>;
  /** True when the organization journals its mail now. */
  journals(organizationId: string): Promise<boolean>;
  /** Adds the message's journal record for one organization, once however often it is called. */
  record(message: JournaledMessage): Promise<unknown>;
}

/** The bytes to deliver, and whether they are one of this deployment's own journal records. */
export interface ScreenedMessage {
  readonly raw: Buffer;
  readonly ownRecord: boolean;
}

/**
 * Mail from outside never carries an `X-WM-Journal-Report` Mailwright would trust: the field is removed before
 * delivery, unless the message is a journal record this deployment signed (its MAC verifies against the attached
 * original) arriving at the journaling address it was signed for, which is delivered as is so that an archive
 * inside the deployment can verify it too. A genuine record replayed to anyone else is treated as any mail.
 * @param recipients - the envelope recipients
 * @example
 * const { raw, ownRecord } = await screenJournalHeader(deps.journal, read.bytes, receipt.recipients);
 */
export async function screenJournalHeader(
  journal: InboundJournal | undefined,
  raw: Buffer,
  recipients: readonly string[],
): Promise<ScreenedMessage> {
  const address = journal && (await journal.ownRecordAddress(raw));
  if (address && recipients.some((recipient) => recipient.trim().toLowerCase() === address))
    return { raw, ownRecord: true };
  return { raw: stripJournalReportHeader(raw), ownRecord: false };
}

/**
 * The organizations among the targets that journal this message (none for a journal record itself: it is never
 * journaled again).
 * @example
 * const organizations = await journalingOrganizations(deps.journal, resolved.targets, screened.ownRecord);
 */
export async function journalingOrganizations(
  journal: InboundJournal | undefined,
  targets: readonly MailboxTarget[],
  ownRecord: boolean,
): Promise<ReadonlySet<string>> {
  const organizations = new Set<string>();
  if (!journal || ownRecord) return organizations;
  for (const organizationId of new Set(targets.map((target) => target.organizationId)))
    if (await journal.journals(organizationId)) organizations.add(organizationId);
  return organizations;
}

/** What {@link journalDelivered} needs about the message once every target is settled. */
export interface SettledMessage {
  readonly messageId: string;
  readonly raw: Buffer;
  readonly envelopeFrom: string;
  /** Every mailbox target of the message (resolved and added by rules). */
  readonly targets: readonly MailboxTarget[];
  /** The outcomes of this attempt. */
  readonly outcomes: readonly RecipientOutcome[];
}

/**
 * Step 8b of inbound delivery: one journal record per journaling organization the message was delivered to (a
 * mailbox of it got the message, in this attempt or an earlier one), before the message is marked complete, so
 * that a replay, which stops at a complete message, never skips it, and a retry produces the same record id.
 * Dropped, bounced and over-quota targets do not count; spam delivered to Junk does.
 * @example
 * await journalDelivered(deps.journal, deps.ledger, organizations, settledMessage);
 */
export async function journalDelivered(
  journal: InboundJournal | undefined,
  ledger: Pick<DeliveryLedger, 'read'>,
  organizations: ReadonlySet<string>,
  message: SettledMessage,
): Promise<void> {
  if (!journal || organizations.size === 0) return;
  const delivered = new Set(
    message.outcomes.flatMap((outcome) => (outcome.outcome === 'delivered' ? [outcome.mailboxId] : [])),
  );
  const keyOf = (target: MailboxTarget) => mailboxTargetKey(target.organizationId, target.mailboxId);
  const undecided = message.targets.filter((target) => !delivered.has(target.mailboxId));
  const earlier =
    undecided.length > 0
      ? new Set(
          (await ledger.read(message.messageId)).entries
            .filter((entry) => entry.state === 'DELIVERED')
            .map((entry) => entry.target),
        )
      : new Set<string>();
  const reached = message.targets.filter(
    (target) => delivered.has(target.mailboxId) || earlier.has(keyOf(target)),
  );
  for (const organizationId of organizations) {
    const recipients = reached.filter((target) => target.organizationId === organizationId);
    if (recipients.length === 0) continue;
    await journal.record({
      direction: 'inbound',
      organizationId,
      messageId: message.messageId,
      raw: message.raw,
      envelopeFrom: message.envelopeFrom,
      recipients: recipients.map((target) => ({
        address: target.email ?? target.recipient,
        ...(target.expandedFrom ? { expandedFrom: target.expandedFrom } : {}),
        inOrganization: true,
      })),
    });
  }
}
