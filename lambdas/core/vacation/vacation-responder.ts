import type { AutoReplier, DeliveredToInbox, MailSender } from '../delivery/ports';
import { composeVacationReply } from './compose-reply';
import type { VacationReplyLog, VacationSettingsStore } from './ports';
import { replySuppression } from './reply-rules';
import { isOnVacation, vacationWindow } from './window';

/** Dependencies of {@link VacationResponder}. */
export interface VacationResponderDeps {
  readonly settings: Pick<VacationSettingsStore, 'get'>;
  readonly replies: VacationReplyLog;
  /** The outbound path DSNs take (SES v2 in the cloud; local delivery or the outbox locally). */
  readonly mailSender: MailSender;
  /** @default - Date.now */
  readonly now?: () => number;
  /** How long a sender is not answered again. @default - 7 days (Sieve vacation's `:days 7`, RFC 5230 §4.1) */
  readonly periodMs?: number;
}

const SEVEN_DAYS_MS = 7 * 24 * 3600 * 1000;

/**
 * Sends users' vacation responses for the inbound pipeline ({@link AutoReplier}).
 * Primary course, stopping at the first step that says no:
 * 1. the message arrived outside the mailbox record's window → not answered (no request made);
 * 2. {@link replySuppression} (RFC 3834 / RFC 5230 rules: robots, lists, automatic messages, not addressed to the
 *    user, unauthenticated senders) → not answered (no request made);
 * 3. read the sealed settings: disabled since, or outside their window → not answered;
 * 4. remember the sender for the period (one conditional write): already answered within it → not answered;
 * 5. send the reply from the null sender (RFC 3834 §3.3) to the envelope sender; if sending fails, forget the
 *    sender again so the next message is answered, and let the error through.
 * @example
 * const autoReplier = new VacationResponder({ settings, replies, mailSender });
 */
export class VacationResponder implements AutoReplier {
  private readonly now: () => number;
  private readonly periodMs: number;

  constructor(private readonly deps: VacationResponderDeps) {
    this.now = deps.now ?? Date.now;
    this.periodMs = deps.periodMs ?? SEVEN_DAYS_MS;
  }

  async reply(message: DeliveredToInbox): Promise<string> {
    const { target, envelopeFrom } = message;
    if (!isOnVacation(message.vacation, message.arrivedAt)) return 'outside the vacation window';
    const suppressed = replySuppression({
      envelopeFrom,
      recipient: target.recipient,
      userEmail: target.email,
      headers: message.headers,
      verdicts: message.verdicts,
    });
    if (suppressed) return suppressed;
    const response = await this.deps.settings.get(target.organizationId, target.mailboxId);
    if (!response || !isOnVacation(vacationWindow(response), message.arrivedAt)) return 'disabled';
    const now = this.now();
    const { organizationId, mailboxId } = target;
    const sender = envelopeFrom.trim();
    if (!(await this.deps.replies.remember(organizationId, mailboxId, sender, now, now + this.periodMs)))
      return 'answered within the period';
    const raw = composeVacationReply({
      from: target.email ?? target.recipient,
      to: sender,
      response,
      original: message.headers,
      date: now,
    });
    try {
      await this.deps.mailSender.sendRaw({ envelopeFrom: '', recipients: [sender], raw });
    } catch (error) {
      await this.deps.replies.forget(organizationId, mailboxId, sender);
      throw error;
    }
    return 'sent';
  }
}
