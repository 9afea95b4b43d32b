import { resolveRecipients } from '../delivery/recipients';
import { composeDsn } from '../delivery/dsn';
import { parseMessageHeaders } from '../delivery/parse-headers';
import { runScheduling } from '../delivery/scheduling-step';
import type { Bounce } from '../delivery/types';
import type { MailboxTarget } from '../delivery/ports';
import type { SendingDeps } from './ports';
import type { InternalDelivery } from './submission-events';

/** Mailbox message ids of one submission's copies: the recipients', the Sent Items copy, the bounce report. */
export const copyIds = (submissionId: string) => ({
  delivered: `D${submissionId}`,
  sent: `S${submissionId}`,
  report: `N${submissionId}`,
});

/** A message to store in a mailbox of this deployment. */
interface Copy {
  readonly organizationId: string;
  readonly mailboxId: string;
  readonly messageId: string;
  readonly folder: string;
  readonly raw: Buffer;
  readonly keywords?: readonly string[];
  readonly quotaBytes: number;
}

/**
 * Stores one copy through the mailbox service, like any delivered mail (threads, UIDs, quota, encryption).
 * @returns false when the mailbox is full (nothing stored)
 */
export async function storeCopy(deps: Pick<SendingDeps, 'mailboxes' | 'now'>, copy: Copy): Promise<boolean> {
  const headers = parseMessageHeaders(copy.raw);
  try {
    await deps.mailboxes.deliver({
      ...copy,
      receivedAt: (deps.now ?? Date.now)(),
      summary: { subject: headers.subject, from: headers.from, snippet: headers.snippet },
      threading: {
        messageId: headers.messageId,
        inReplyTo: headers.inReplyTo,
        references: headers.references,
      },
    });
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'MailboxQuotaExceededError') return false;
    throw error;
  }
}

/**
 * Delivers the message to recipients of this deployment, as inbound mail reaches them but without SES: addresses
 * resolve to users, resources and groups (expanded, nested groups included); unknown, disabled and full mailboxes
 * become bounces. An iMIP message stored is applied to the recipient's calendar (as inbound delivery does; the
 * sender's From was checked); a failure there is logged and the mail stays delivered.
 * @param addresses - envelope recipients in this deployment's domains
 * @returns the bounces, for the sender's report, and the mailboxes that got the message or were full
 * @example
 * const { bounces } = await deliverInternally(deps, 'abc', raw, ['ben@example.com']);
 */
export async function deliverInternally(
  deps: Pick<SendingDeps, 'directory' | 'mailboxes' | 'now' | 'scheduling' | 'logger'>,
  submissionId: string,
  raw: Buffer,
  addresses: readonly string[],
): Promise<InternalDelivery> {
  if (addresses.length === 0) return { bounces: [], delivered: [], full: [] };
  const { targets, bounces } = await resolveRecipients(addresses, deps.directory, {
    defaultQuotaBytes: deps.directory.defaultQuotaBytes,
    maxRecipients: addresses.length,
  });
  const all = [...bounces];
  const delivered: MailboxTarget[] = [];
  const full: MailboxTarget[] = [];
  for (const target of targets) {
    const stored = await storeCopy(deps, {
      organizationId: target.organizationId,
      mailboxId: target.mailboxId,
      messageId: copyIds(submissionId).delivered,
      folder: 'INBOX',
      raw,
      quotaBytes: target.quotaBytes,
    });
    if (!stored) {
      full.push(target);
      all.push({
        recipient: target.recipient,
        status: '5.2.2',
        diagnostic: 'smtp; 552 5.2.2 Mailbox full',
      });
      continue;
    }
    delivered.push(target);
    if (deps.scheduling)
      await runScheduling(deps, {
        messageId: copyIds(submissionId).delivered,
        target,
        raw,
        headers: parseMessageHeaders(raw),
      });
  }
  return { bounces: all, delivered, full };
}

/**
 * Puts a non-delivery report (RFC 3464) for the bounced recipients into the sender's Inbox.
 * @returns the report's id, or undefined when the sender's mailbox is full
 */
export async function reportBounces(
  deps: Pick<SendingDeps, 'directory' | 'mailboxes' | 'reportingMta' | 'now'>,
  sender: { organizationId: string; mailboxId: string; address: string },
  submissionId: string,
  raw: Buffer,
  bounces: readonly Bounce[],
): Promise<string | undefined> {
  const now = (deps.now ?? Date.now)();
  const headers = parseMessageHeaders(raw);
  const report = composeDsn({
    reportingMta: deps.reportingMta,
    to: sender.address,
    arrivalDate: now,
    date: now,
    messageId: submissionId,
    originalSubject: headers.subject,
    bounces,
    originalHeaders: headers.rawHeaderBlock,
  });
  const messageId = copyIds(submissionId).report;
  const stored = await storeCopy(deps, {
    organizationId: sender.organizationId,
    mailboxId: sender.mailboxId,
    messageId,
    folder: 'INBOX',
    raw: report,
    quotaBytes: await deps.directory.quotaBytes(sender.organizationId, sender.mailboxId),
  });
  return stored ? messageId : undefined;
}
