import type ICAL from 'ical.js';
import type { SubmittingUser } from '../sending/types';
import { composeItipMail } from './compose-mail';
import type { ItipMethod } from './itip-message';
import type { SchedulingDeps } from './ports';

/** One scheduling message from a mailbox. */
export interface ItipToSend {
  readonly organizationId: string;
  /** The mailbox it is sent from. */
  readonly mailboxId: string;
  /** The From address: one of the mailbox's own. */
  readonly from: string;
  readonly to: readonly string[];
  readonly method: ItipMethod;
  readonly calendar: ICAL.Component;
  /** Whose action caused it; the mailbox itself for an automatic answer. */
  readonly actor: SubmittingUser;
  readonly automatic?: boolean;
  readonly subject?: string;
  readonly note?: string;
}

/**
 * Writes the iMIP message and hands it to the outbox. A failure is logged (method and reason, never content or
 * addresses) and reported as `failed`: the calendar change that caused it stands.
 * @returns `sent`, or why not
 * @example
 * await sendItip(deps, { organizationId, mailboxId, from, to: [organizer], method: 'REPLY', calendar, actor });
 */
export async function sendItip(
  deps: Pick<SchedulingDeps, 'outbox' | 'logger' | 'now'>,
  message: ItipToSend,
): Promise<string> {
  try {
    const raw = await composeItipMail({
      from: message.from,
      ...(message.actor.userId !== message.mailboxId ? { sender: message.actor.email } : {}),
      to: message.to,
      method: message.method,
      calendar: message.calendar,
      automatic: message.automatic,
      date: (deps.now ?? Date.now)(),
      ...(message.subject ? { subject: message.subject } : {}),
      ...(message.note ? { note: message.note } : {}),
    });
    const outcome = await deps.outbox.send({
      organizationId: message.organizationId,
      mailboxId: message.mailboxId,
      actor: message.actor,
      raw,
    });
    if (outcome !== 'sent')
      deps.logger.warn('scheduling message refused', { method: message.method, outcome });
    return outcome;
  } catch (error) {
    deps.logger.warn('scheduling message not sent', {
      method: message.method,
      error: (error as { name?: unknown } | undefined)?.name ?? 'unknown',
    });
    return 'failed';
  }
}
