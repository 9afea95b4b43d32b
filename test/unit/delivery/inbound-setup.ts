import { spamVerdictDecider, type InboundDeps, type SesReceiptRecord } from '../../../lambdas/core/delivery';
import {
  InMemoryDirectory,
  InMemoryLedger,
  InMemoryRawSource,
  MemoryLogger,
  RecordingDelivery,
  RecordingMailSender,
  sesEvent,
  simpleMessage,
} from './doubles';

/**
 * In-memory ports of the inbound pipeline: alice (10,000-byte mailbox quota) and bob are enabled users, off is
 * disabled, and the raw message `m1` is a small valid message from sender@remote.example.
 */
export function inboundDeps(
  overrides: Partial<Pick<InboundDeps, 'decider' | 'maxMessageBytes' | 'replacements'>> = {},
) {
  const directory = new InMemoryDirectory();
  directory.add({
    kind: 'USER',
    entityId: 'alice',
    state: 'ENABLED',
    email: 'alice@example.com',
    mailboxQuotaBytes: 10_000,
  });
  directory.add({ kind: 'USER', entityId: 'bob', state: 'ENABLED', email: 'bob@example.com' });
  directory.add({ kind: 'USER', entityId: 'off', state: 'DISABLED', email: 'off@example.com' });
  const ledger = new InMemoryLedger();
  const deps = {
    rawSource: new InMemoryRawSource(),
    ledger,
    directory,
    delivery: new RecordingDelivery(ledger),
    decider: overrides.decider ?? spamVerdictDecider,
    mailSender: new RecordingMailSender(),
    logger: new MemoryLogger(),
    reportingMta: 'mx.mailwright.test',
    now: () => Date.UTC(2026, 10, 22, 10, 0, 1),
    maxMessageBytes: overrides.maxMessageBytes,
    replacements: overrides.replacements,
  } satisfies InboundDeps;
  deps.rawSource.objects.set('m1', simpleMessage());
  return deps;
}

/** The SES record of message `m1` (to alice and bob unless told otherwise). */
export function inboundRecord(
  options: Partial<Parameters<typeof sesEvent>[0]> & {
    action?: SesReceiptRecord['ses']['receipt']['action'] | null;
  } = {},
): SesReceiptRecord {
  const { action, ...rest } = options;
  const record = sesEvent({ messageId: 'm1', recipients: ['alice@example.com', 'bob@example.com'], ...rest })
    .Records[0]!;
  if (action === undefined) return record;
  const receipt = { ...record.ses.receipt, action: action ?? undefined };
  return { ...record, ses: { ...record.ses, receipt } };
}

/** Makes the next `times` deletions of the raw message fail (a crash after the ledger completed the message). */
export function failRawDeletes(deps: ReturnType<typeof inboundDeps>, times = 1): void {
  const remove = deps.rawSource.delete.bind(deps.rawSource);
  let failures = times;
  deps.rawSource.delete = async (ref) => {
    if (failures-- > 0) throw new Error('crash before deleting the raw message');
    return remove(ref);
  };
}
