import { HARD_QUOTAS } from '../config/quotas';
import { decodeEncodedWords } from '../message/encoded-words';
import { JOURNAL_REPORT_HEADER } from '../journaling/report-format';
import type { Bounce } from '../delivery/types';
import { deriveEnvelope, headerAddresses, isEnvelopeAddress } from './envelope';
import { OutboundSendError } from './errors';
import { fieldValues, joinMessage, splitMessage } from './header-block';
import { journalSubmission } from './journal-submission';
import { decideOutbound, type OutboundAction } from './outbound-rules';
import type { SendingDeps } from './ports';
import { SubmissionEvents } from './submission-events';
import { checkSender, mailboxGrant, mayUseMailFrom } from './sender-check';
import { reserveLimits } from './send-limits';
import { copyIds, deliverInternally, reportBounces, storeCopy } from './store-copies';
import type { RecipientResult, SmtpEnvelope, SubmissionOutcome, SubmissionRequest } from './types';

/** Fields that name blind copies: never in a copy that leaves the sender's mailbox (RFC 5322 §3.6.3, §3.6.6). */
const BLIND_COPY_FIELDS = ['bcc', 'resent-bcc'];
/** Only Mailwright's journal records carry this field: a user's message never keeps one (message-flow.md §11). */
const JOURNAL_REPORT_FIELD = JOURNAL_REPORT_HEADER.toLowerCase();

/**
 * Sends one message for a signed-in user, for every protocol front end (JMAP EmailSubmission now, SMTP submission
 * later). Nothing is lost: each recipient gets the message, or the sender gets a bounce report in their Inbox, or
 * the submission fails as a whole before anything was sent (and can be retried).
 * Primary course:
 * 1. refuse a message over 40 MB (`tooLarge`);
 * 2. check the `From:` against the user's own addresses and SEND_AS / SEND_ON_BEHALF grants, or against the
 *    mailbox's own addresses for a message Mailwright writes for it (`forMailbox`) (`forbiddenFrom`),
 *    set or remove `Sender:` as the right requires, add `Message-ID` and `Date` when missing, remove any
 *    `X-WM-Journal-Report` (only journal records carry one);
 * 3. take the client's envelope (its MAIL FROM must be the `From:` or the user's own: `forbiddenMailFrom`) or derive
 *    it from the headers; refuse no, invalid or more than 500 recipients;
 * 4. split recipients into this deployment's domains and outside ones, and reserve the daily limits
 *    (`forbiddenToSend`);
 * 5. apply the outbound email flow rules per recipient (DROP, BOUNCE, Run Lambda); the sender was allowed to send:
 *    add the message's journal record (once per submission id; the copy without `Bcc:`, its envelope naming every
 *    recipient, Bcc included, groups expanded), which counts against no limit and meets no rule;
 * 6. hand the copy without `Bcc:` for outside recipients to the mail sender; if it fails, give the limits back and
 *    throw {@link OutboundSendError}: nothing else has happened yet;
 * 7. deliver the copy without `Bcc:` to recipients here through the mailbox service (groups expanded);
 * 8. put a bounce report for rule bounces and undeliverable recipients in the sender's Inbox;
 * 9. keep the message (with `Bcc:`) in the sender's Sent Items, read (`$seen`), unless the request says not to;
 * 10. run asynchronous Run Lambda rules.
 * @param deps - directory, permissions, rules, mailboxes, sender, counters
 * @param request - the user, their mailbox, the message and the optional envelope
 * @example
 * const outcome = await submit(deps, { user, mailboxId: user.userId, raw, submissionId: 'a1b2' });
 */
export async function submit(deps: SendingDeps, request: SubmissionRequest): Promise<SubmissionOutcome> {
  const { user, raw, submissionId } = request;
  const refuse = (refusal: Extract<SubmissionOutcome, { ok: false }>['refusal']): SubmissionOutcome => ({
    ok: false,
    refusal,
  });
  if (raw.length > HARD_QUOTAS.messageMimeBytes)
    return refuse({ type: 'tooLarge', maxSize: HARD_QUOTAS.messageMimeBytes });
  const original = splitMessage(raw);
  const grant = request.forMailbox
    ? await mailboxGrant(deps, user, request.mailboxId, original)
    : await checkSender(deps, user, original);
  if (!grant) return refuse({ type: 'forbiddenFrom' });
  const now = (deps.now ?? Date.now)();
  const added = [...grant.headers.prepend];
  if (fieldValues(original, 'message-id').length === 0)
    added.push(`Message-ID: <${submissionId}@${grant.from.slice(grant.from.lastIndexOf('@') + 1)}>`);
  if (fieldValues(original, 'date').length === 0) added.push(`Date: ${rfc5322Date(now)}`);
  const kept = joinMessage(original, {
    remove: [...grant.headers.remove, JOURNAL_REPORT_FIELD],
    prepend: added,
  });
  const keptMessage = splitMessage(kept);
  const transmitted = joinMessage(keptMessage, { remove: BLIND_COPY_FIELDS });

  if (request.envelope && !(await mayUseMailFrom(deps, user, grant, request.envelope.mailFrom)))
    return refuse({ type: 'forbiddenMailFrom' });
  const envelope = unique(request.envelope ?? deriveEnvelope(keptMessage));
  if (envelope.rcptTo.length === 0) return refuse({ type: 'noRecipients' });
  const invalid = envelope.rcptTo.filter((address) => !isEnvelopeAddress(address));
  if (invalid.length > 0) return refuse({ type: 'invalidRecipients', invalidRecipients: invalid });
  if (envelope.rcptTo.length > HARD_QUOTAS.recipientsPerMessage)
    return refuse({ type: 'tooManyRecipients', maxRecipients: HARD_QUOTAS.recipientsPerMessage });

  const local = new Map<string, boolean>();
  for (const address of envelope.rcptTo) {
    const domain = domainOf(address);
    if (!local.has(domain))
      local.set(domain, (await deps.directory.domainOwner(domain)) === user.organizationId);
  }
  const isLocal = (address: string) => local.get(domainOf(address)) === true;
  const suffix = `.${deps.testDomainSuffix.toLowerCase()}`;
  const limits = await reserveLimits(deps, {
    organizationId: user.organizationId,
    userId: user.userId,
    external: envelope.rcptTo.filter((address) => !isLocal(address)).length,
    testDomain: domainOf(grant.from).endsWith(suffix) ? envelope.rcptTo.length : 0,
  });
  if (!limits.ok) return refuse({ type: 'forbiddenToSend', limit: limits.limit });

  // Nothing has left yet: a failure deciding the rules gives the reserved limits back.
  const decision = await decideOutbound(deps, {
    organizationId: user.organizationId,
    mailboxId: request.mailboxId,
    submissionId,
    raw: transmitted,
    from: grant.from,
    sender: headerAddresses(keptMessage, 'sender')[0],
    subject: fieldValues(keptMessage, 'subject')[0] ?? '',
    recipients: envelope.rcptTo,
  }).catch(async (error: unknown) => {
    await limits.reservation.release();
    throw error;
  });
  const keptHeader = (name: string) => fieldValues(keptMessage, name)[0]?.trim() ?? '';
  const events = new SubmissionEvents(
    deps,
    {
      organizationId: user.organizationId,
      submissionId,
      from: grant.from,
      sender: headerAddresses(keptMessage, 'sender')[0],
      subject: decodeEncodedWords(keptHeader('subject')),
      messageId: keptHeader('message-id'),
    },
    deps.now ?? Date.now,
  );
  await events.submitted(envelope.rcptTo, decision.events);
  await journalSubmission(deps, {
    organizationId: user.organizationId,
    submissionId,
    raw: transmitted,
    envelope,
    isLocal,
  }).catch(async (error: unknown) => {
    await limits.reservation.release();
    throw error;
  });
  const actionOf = (address: string): OutboundAction =>
    decision.actions.get(address.toLowerCase()) ?? { action: 'SEND' };
  const toSend = (address: string) => actionOf(address).action === 'SEND';
  try {
    const outside = envelope.rcptTo.filter((a) => !isLocal(a) && toSend(a));
    for (const group of await byContent(deps, transmitted, outside, actionOf))
      await deps.mailSender.sendRaw({
        envelopeFrom: envelope.mailFrom,
        recipients: group.recipients,
        raw: group.raw,
        reportTo: { organizationId: user.organizationId, mailboxId: request.mailboxId, submissionId },
      });
  } catch (error) {
    await limits.reservation.release();
    throw new OutboundSendError('The outbound mail service did not accept the message.', { cause: error });
  }
  // Colleagues get what outside recipients get: content a function replaced (a disclaimer, a redaction) included.
  const inside = envelope.rcptTo.filter((address) => isLocal(address) && toSend(address));
  const bounces: Bounce[] = [];
  for (const group of await byContent(deps, transmitted, inside, actionOf)) {
    const delivery = await deliverInternally(deps, submissionId, group.raw, group.recipients);
    await events.deliveredInside(group.recipients, delivery);
    bounces.push(...delivery.bounces);
  }
  const results: RecipientResult[] = envelope.rcptTo.map((recipient) => {
    const action = actionOf(recipient);
    const reason = action.ruleName ? `flow rule ${action.ruleName}` : undefined;
    if (action.action === 'DROP') return { recipient, status: 'dropped', reason };
    if (action.action === 'BOUNCE') {
      const text = action.bounceMessage ?? "The organization's policy rejected the message.";
      bounces.push({ recipient, status: '5.7.1', diagnostic: `smtp; 550 5.7.1 ${text}` });
      return { recipient, status: 'bounced', reason };
    }
    const bounced = bounces.find((bounce) => bounce.recipient === recipient.toLowerCase());
    if (bounced) return { recipient, status: 'bounced', reason: bounced.status };
    return { recipient, status: isLocal(recipient) ? 'delivered' : 'sent' };
  });
  const sender = { organizationId: user.organizationId, mailboxId: request.mailboxId, address: user.email };
  const bounceReportId =
    bounces.length > 0 ? await reportBounces(deps, sender, submissionId, transmitted, bounces) : undefined;
  const stored =
    request.sentCopy !== false &&
    (await storeCopy(deps, {
      organizationId: user.organizationId,
      mailboxId: request.mailboxId,
      messageId: copyIds(submissionId).sent,
      folder: 'SENT_ITEMS',
      keywords: ['$seen'],
      raw: kept,
      quotaBytes: await deps.directory.quotaBytes(user.organizationId, request.mailboxId),
    }));
  await decision.afterSending().catch((error: unknown) =>
    deps.logger.warn('Outbound Run Lambda rules could not be finished', {
      error: error instanceof Error ? error.name : 'Unknown',
    }),
  );
  return {
    ok: true,
    value: {
      envelope,
      sendRight: grant.right,
      recipients: results,
      ...(stored ? { sentCopyId: copyIds(submissionId).sent } : {}),
      ...(bounceReportId ? { bounceReportId } : {}),
    },
  };
}

/**
 * The recipients grouped by the content they get: the transmitted message, or what a synchronous function put in
 * its place (PutRawMessageContent), read once per group.
 */
async function byContent(
  deps: SendingDeps,
  transmitted: Buffer,
  recipients: readonly string[],
  actionOf: (address: string) => OutboundAction,
): Promise<{ raw: Buffer; recipients: string[] }[]> {
  const groups = new Map<string, string[]>();
  for (const recipient of recipients) {
    const content = actionOf(recipient).content;
    const key = content ? JSON.stringify([content.bucket, content.key, content.objectVersion]) : '';
    groups.set(key, [...(groups.get(key) ?? []), recipient]);
  }
  return Promise.all(
    [...groups].map(async ([key, list]) => {
      const content = key ? actionOf(list[0]).content : undefined;
      const raw = content
        ? joinMessage(splitMessage(Buffer.from(await deps.lambdas.rawMessages.get(content))), {
            remove: BLIND_COPY_FIELDS,
          })
        : transmitted;
      return { raw, recipients: list };
    }),
  );
}

/** The envelope with each recipient once (case-insensitive), trimmed. */
function unique(envelope: SmtpEnvelope): SmtpEnvelope {
  const seen = new Set<string>();
  const rcptTo = envelope.rcptTo
    .map((address) => address.trim())
    .filter((address) => !seen.has(address.toLowerCase()) && seen.add(address.toLowerCase()));
  return { mailFrom: envelope.mailFrom, rcptTo };
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

/** An RFC 5322 date in UTC. */
function rfc5322Date(epochMs: number): string {
  return new Date(epochMs).toUTCString().replace(/GMT$/, '+0000');
}
