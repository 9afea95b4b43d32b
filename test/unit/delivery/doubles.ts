import type {
  ClaimResult,
  DeliveryLedger,
  DeliveryLogger,
  DeliveryReceipt,
  DeliveryRequest,
  DirectoryRecipient,
  LedgerEntry,
  LedgerRecord,
  LedgerSnapshot,
  MailSender,
  MessageDelivery,
  OutboundRawMessage,
  RawMessage,
  RawMessageRef,
  RawMessageSource,
  RecipientDirectory,
} from '../../../lambdas/core/delivery';
import type { SesReceiptEvent } from '../../../lambdas/core/delivery';
import type { VacationWindow } from '../../../lambdas/core/vacation';

/** A directory held in maps: addresses → entries, group id → direct members. */
export class InMemoryDirectory implements RecipientDirectory {
  public readonly addresses = new Map<string, DirectoryRecipient>();
  public readonly members = new Map<string, DirectoryRecipient[]>();
  public memberCalls = 0;

  /** Adds an entity reachable under its primary address and the given aliases. */
  public add(entry: Omit<DirectoryRecipient, 'organizationId'> & { aliases?: string[] }): DirectoryRecipient {
    const { aliases = [], ...rest } = entry;
    const recipient: DirectoryRecipient = { organizationId: 'm-org', ...rest };
    for (const address of [entry.email, ...aliases])
      if (address) this.addresses.set(address.toLowerCase(), recipient);
    return recipient;
  }

  public setMembers(group: DirectoryRecipient, members: DirectoryRecipient[]): void {
    this.members.set(group.entityId, members);
  }

  public async resolveAddress(address: string): Promise<DirectoryRecipient | undefined> {
    return this.addresses.get(address.toLowerCase());
  }

  public async listMembers(_organizationId: string, groupId: string): Promise<readonly DirectoryRecipient[]> {
    this.memberCalls++;
    return this.members.get(groupId) ?? [];
  }
}

/**
 * Records deliveries and commits each one's receipt to `ledger` in the same step (as the mailbox store's transaction
 * does); can fail once for a mailbox, or refuse one as over quota.
 */
export class RecordingDelivery implements MessageDelivery {
  public readonly calls: DeliveryRequest[] = [];
  public readonly failOnceFor = new Set<string>();
  public readonly overQuota = new Set<string>();
  /** Vacation windows of mailboxes, returned with their deliveries as the mailbox record would carry them. */
  public readonly vacation = new Map<string, VacationWindow>();
  public delayMs = 0;

  /** @param ledger - where receipts go; without one, receipts are ignored (the test checks calls only) */
  public constructor(private readonly ledger?: DeliveryLedger) {}

  public async deliver(request: DeliveryRequest): Promise<{ stored: boolean; vacation?: VacationWindow }> {
    if (this.delayMs) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    if (this.failOnceFor.delete(request.mailboxId))
      throw new Error(`injected failure for ${request.mailboxId}`);
    if (this.overQuota.has(request.mailboxId)) {
      throw Object.assign(new Error('quota'), { name: 'MailboxQuotaExceededError' });
    }
    if (this.ledger && !(await commitReceipt(this.ledger, request.receipt))) return { stored: false };
    this.calls.push(request);
    const vacation = this.vacation.get(request.mailboxId);
    return { stored: true, ...(vacation ? { vacation } : {}) };
  }

  /** Copies delivered per mailbox. */
  public copies(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const call of this.calls) counts.set(call.mailboxId, (counts.get(call.mailboxId) ?? 0) + 1);
    return counts;
  }
}

/**
 * Commits a receipt to a ledger as the mailbox store's transaction would: atomically in an {@link InMemoryLedger}
 * (uncounted), with the port's own writes in any other ledger.
 */
async function commitReceipt(ledger: DeliveryLedger, receipt: DeliveryReceipt): Promise<boolean> {
  if (ledger instanceof InMemoryLedger) return ledger.commitReceipt(receipt);
  if (!(await ledger.record(receipt.messageId, receipt.target, receipt.record))) return false;
  if (receipt.completesMessage) await ledger.complete(receipt.messageId);
  return true;
}

/** Raw messages in a map, with every read and delete recorded. */
export class InMemoryRawSource implements RawMessageSource {
  public readonly objects = new Map<string, Buffer>();
  public readonly deleted: string[] = [];
  public readonly reads: { messageId: string; limit: number; bytesRead: number }[] = [];
  /** Size to announce instead of the real one (simulates a Content-Length). */
  public announcedSize?: number;

  public async open(ref: RawMessageRef): Promise<RawMessage | undefined> {
    const bytes = this.objects.get(ref.messageId);
    if (!bytes) return undefined;
    return {
      sizeBytes: this.announcedSize ?? bytes.length,
      read: async (limit: number) => {
        this.reads.push({ messageId: ref.messageId, limit, bytesRead: Math.min(limit, bytes.length) });
        return { bytes: bytes.subarray(0, limit), complete: bytes.length <= limit };
      },
    };
  }

  public async delete(ref: RawMessageRef): Promise<void> {
    this.deleted.push(ref.messageId);
    this.objects.delete(ref.messageId);
  }
}

/** A ledger in a map with the same claim semantics as the DynamoDB one. */
export class InMemoryLedger implements DeliveryLedger {
  public readonly entries = new Map<string, LedgerEntry>();
  public readonly completed = new Set<string>();
  /** Calls per method, to check how many ledger requests an attempt makes. */
  public readonly calls = new Map<string, number>();

  public async read(messageId: string): Promise<LedgerSnapshot> {
    this.count('read');
    const entries = [...this.entries]
      .filter(([key]) => key.startsWith(`${messageId}|`))
      .map(([, entry]) => entry);
    return { complete: this.completed.has(messageId), entries };
  }

  public async claim(
    messageId: string,
    target: string,
    owner: string,
    leaseUntil: number,
    now: number,
  ): Promise<ClaimResult> {
    this.count('claim');
    const key = `${messageId}|${target}`;
    const existing = this.entries.get(key);
    if (existing && !(existing.state === 'CLAIMED' && (existing.leaseUntil ?? 0) < now))
      return { claimed: false, entry: existing };
    this.entries.set(key, { target, state: 'CLAIMED', owner, leaseUntil });
    return { claimed: true };
  }

  public async settle(
    messageId: string,
    target: string,
    owner: string,
    record: LedgerRecord,
  ): Promise<LedgerEntry> {
    this.count('settle');
    const key = `${messageId}|${target}`;
    const existing = this.entries.get(key);
    if (existing && existing.state !== 'CLAIMED') return existing;
    const entry = { target, state: record.state, owner, record };
    this.entries.set(key, entry);
    return entry;
  }

  public async release(messageId: string, target: string, owner: string): Promise<void> {
    this.count('release');
    const key = `${messageId}|${target}`;
    if (this.entries.get(key)?.owner === owner) this.entries.delete(key);
  }

  public async record(messageId: string, target: string, record: LedgerRecord): Promise<boolean> {
    this.count('record');
    const key = `${messageId}|${target}`;
    const existing = this.entries.get(key);
    if (existing && existing.state !== 'CLAIMED') return false;
    this.entries.set(key, { target, state: record.state, record });
    return true;
  }

  public async complete(messageId: string): Promise<void> {
    this.count('complete');
    this.completed.add(messageId);
  }

  /** What the mailbox store's transaction does with a receipt, uncounted: `false` when the target has a record. */
  public commitReceipt(receipt: DeliveryReceipt): boolean {
    const key = `${receipt.messageId}|${receipt.target}`;
    const existing = this.entries.get(key);
    if (existing && existing.state !== 'CLAIMED') return false;
    this.entries.set(key, { target: receipt.target, state: receipt.record.state, record: receipt.record });
    if (receipt.completesMessage) this.completed.add(receipt.messageId);
    return true;
  }

  private count(method: string): void {
    this.calls.set(method, (this.calls.get(method) ?? 0) + 1);
  }
}

/** Keeps every message sent. */
export class RecordingMailSender implements MailSender {
  public readonly sent: OutboundRawMessage[] = [];
  public async sendRaw(message: OutboundRawMessage): Promise<void> {
    this.sent.push(message);
  }
}

/** A logger that keeps its lines for assertions: `lines` without attributes, `entries` with them. */
export class MemoryLogger implements DeliveryLogger {
  public readonly lines: { level: string; message: string }[] = [];
  public readonly entries: {
    level: string;
    message: string;
    attributes: Readonly<Record<string, unknown>>;
  }[] = [];
  public info(message: string, attributes: Readonly<Record<string, unknown>> = {}): void {
    this.log('info', message, attributes);
  }
  public warn(message: string, attributes: Readonly<Record<string, unknown>> = {}): void {
    this.log('warn', message, attributes);
  }
  public error(message: string, attributes: Readonly<Record<string, unknown>> = {}): void {
    this.log('error', message, attributes);
  }
  private log(level: string, message: string, attributes: Readonly<Record<string, unknown>>): void {
    this.lines.push({ level, message });
    this.entries.push({ level, message, attributes });
  }
}

/** An SES receipt event for one message. */
export function sesEvent(options: {
  messageId: string;
  recipients: string[];
  source?: string;
  spam?: string;
  virus?: string;
  spf?: string;
  dkim?: string;
  dmarc?: string;
}): SesReceiptEvent {
  const timestamp = '2026-11-22T10:00:00.000Z';
  return {
    Records: [
      {
        eventSource: 'aws:ses',
        ses: {
          mail: {
            timestamp,
            source: options.source ?? 'sender@remote.example',
            messageId: options.messageId,
          },
          receipt: {
            timestamp,
            recipients: options.recipients,
            spamVerdict: { status: options.spam ?? 'PASS' },
            virusVerdict: { status: options.virus ?? 'PASS' },
            spfVerdict: { status: options.spf ?? 'PASS' },
            dkimVerdict: { status: options.dkim ?? 'PASS' },
            dmarcVerdict: { status: options.dmarc ?? 'PASS' },
            action: { type: 'Lambda' },
          },
        },
      },
    ],
  };
}

/** A small valid message. */
export function simpleMessage(subject = 'Hello', body = 'Hi there'): Buffer {
  return Buffer.from(
    `From: Sender <sender@remote.example>\r\nTo: alice@example.com, bob@example.com\r\nSubject: ${subject}\r\n` +
      `Message-ID: <m1@remote.example>\r\nDate: Sun, 22 Nov 2026 10:00:00 +0000\r\n\r\n${body}\r\n`,
  );
}
