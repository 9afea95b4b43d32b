import type { DeliveryLogger } from '../delivery/ports';
import { emailTraceId, type EmailEventLog } from '../email-events';
import { parseAddressList } from '../message/address-list';
import { decodeEncodedWords } from '../message/encoded-words';
import { fieldValues, splitMessage } from '../sending/header-block';
import { buildJournalReport } from './report-format';
import { journalRecordId, type JournalDirection } from './record-id';
import { sha256, signJournalReport } from './report-mac';
import { journalRecipients, type EnvelopeRecipient } from './report-recipients';
import { journalingSender } from './sender';
import { isJournaling } from './types';
import { verifyJournalReport } from './verify-report';
import type { JournalContentStore, JournalOutbox, JournalingConfigurationStore } from './ports';

/** One message to journal for one organization. */
export interface JournaledMessage {
  readonly direction: JournalDirection;
  readonly organizationId: string;
  /** The pipeline's id of the message (SES's message id inbound, the submission id outbound). */
  readonly messageId: string;
  /** The message as delivered or sent: attached unmodified. */
  readonly raw: Buffer;
  /** MAIL FROM; empty for the null sender. */
  readonly envelopeFrom: string;
  readonly recipients: readonly EnvelopeRecipient[];
}

/** What {@link JournalRecorder} uses. */
export interface JournalRecorderDeps {
  readonly configurations: Pick<JournalingConfigurationStore, 'get'>;
  readonly outbox: Pick<JournalOutbox, 'create'>;
  readonly contents: Pick<JournalContentStore, 'put'>;
  /** The organization's alias (its test domain holds the reserved sender). */
  readonly organizationAlias: (organizationId: string) => Promise<string | undefined>;
  readonly testDomainSuffix: string;
  /** The journal report MAC key (`journalReportKey`), loaded on first use. */
  readonly macKey: () => Promise<Uint8Array>;
  readonly logger: DeliveryLogger;
  /** Where JOURNALING_INITIATED goes (the organization's email event log). @default - nowhere */
  readonly events?: EmailEventLog;
  /** @default - Date.now */
  readonly now?: () => number;
}

/**
 * Produces journal records: one per message and organization, however often the pipeline replays it.
 * @example
 * const journal = new JournalRecorder({ configurations, outbox, contents, organizationAlias, testDomainSuffix, macKey, logger });
 */
export class JournalRecorder {
  constructor(private readonly deps: JournalRecorderDeps) {}

  /** True when the organization journals its mail now. */
  async journals(organizationId: string): Promise<boolean> {
    return isJournaling(await this.deps.configurations.get(organizationId));
  }

  /**
   * The journaling address a journal record this deployment signed was sent to, or `undefined` when the message is
   * no such record (a record is delivered as is, and never journaled).
   */
  async ownRecordAddress(raw: Buffer): Promise<string | undefined> {
    if (!raw.includes('X-WM-Journal-Report')) return undefined;
    const result = verifyJournalReport(await this.deps.macKey(), raw);
    return result.valid ? result.journalingAddress : undefined;
  }

  /**
   * Journals a message for its organization, if it journals.
   * Primary course: 1. read the configuration (off: nothing); 2. derive the record id from the message's id;
   * 3. build and sign the report and keep its bytes; 4. add the record to the outbox unless a replay already did;
   * 5. log `JOURNALING_INITIATED` for a new record. Nothing is sent here: the outbox delivers it, with retries.
   * @returns the record id, or `undefined` when the organization does not journal
   */
  async record(message: JournaledMessage): Promise<string | undefined> {
    const { deps } = this;
    const configuration = await deps.configurations.get(message.organizationId);
    if (!isJournaling(configuration)) return undefined;
    const alias = await deps.organizationAlias(message.organizationId);
    if (alias === undefined) return undefined;
    const now = (deps.now ?? Date.now)();
    const recordId = journalRecordId(message.direction, message.organizationId, message.messageId);
    const from = journalingSender(alias, deps.testDomainSuffix);
    const headers = splitMessage(message.raw);
    const addresses = (name: string) =>
      fieldValues(headers, name).flatMap((value) =>
        parseAddressList(value).flatMap((group) => group.addresses.map((mailbox) => mailbox.email)),
      );
    const sender = message.envelopeFrom || addresses('from')[0] || '';
    const originalMessageId = fieldValues(headers, 'message-id')[0] ?? '';
    const envelope = {
      sender,
      subject: decodeEncodedWords(fieldValues(headers, 'subject')[0] ?? ''),
      messageId: originalMessageId,
      recipients: journalRecipients(
        message.direction,
        { to: addresses('to'), cc: addresses('cc') },
        message.recipients,
      ),
    };
    const signature = signJournalReport(await deps.macKey(), {
      recordId,
      journalingAddress: configuration.journalingAddress,
      originalSha256: sha256(message.raw),
    });
    const report = buildJournalReport(
      { from, to: configuration.journalingAddress, recordId, signature, date: now },
      envelope,
      message.raw,
    );
    const contentKey = `${message.organizationId}/${recordId}`;
    await deps.contents.put(contentKey, report);
    const created = await deps.outbox.create({
      recordId,
      organizationId: message.organizationId,
      direction: message.direction,
      from,
      journalingAddress: configuration.journalingAddress,
      reportAddress: configuration.reportAddress,
      contentKey,
      originalMessageId,
      originalSender: sender,
      createdAt: now,
      nextAttemptAt: now,
      attempts: 0,
    });
    if (created) {
      deps.logger.info('JOURNALING_INITIATED', {
        eventType: 'JOURNALING_INITIATED',
        journalingAddress: configuration.journalingAddress,
        organizationId: message.organizationId,
        recordId,
      });
      const trace = emailTraceId(
        message.direction === 'inbound' ? 'inbound' : 'submission',
        message.messageId,
      );
      await deps.events?.write(message.organizationId, trace, [
        { eventName: 'JOURNALING_INITIATED', journalingAddress: configuration.journalingAddress },
      ]);
    }
    return recordId;
  }
}
