import type { SendRight } from '../permissions/types';

/** Records and results of sending a message (RFC 8621 §7, directory-and-mailboxes.md §10, quotas §1). */

/** The SMTP envelope of a submission: MAIL FROM and RCPT TO addresses (RFC 5321). */
export interface SmtpEnvelope {
  readonly mailFrom: string;
  readonly rcptTo: readonly string[];
}

/** The signed-in user who submits the message. */
export interface SubmittingUser {
  readonly organizationId: string;
  readonly userId: string;
  /** Their primary address: the `Sender:` of a message sent on behalf of someone. */
  readonly email: string;
}

/** One message to send. */
export interface SubmissionRequest {
  readonly user: SubmittingUser;
  /** The mailbox whose Sent Items keeps the copy (the user's own mailbox, the JMAP account). */
  readonly mailboxId: string;
  /** The message as RFC 5322 bytes (the Email's blob). */
  readonly raw: Buffer;
  /** The envelope the client gave; derived from the headers when absent (RFC 8621 §7). */
  readonly envelope?: SmtpEnvelope;
  /** Unique id of this submission (`[A-Za-z0-9]`, 1–64): names the stored copies, so a replay stores none twice. */
  readonly submissionId: string;
  /** Keep a copy in Sent Items. @default true (calendar scheduling messages keep none) */
  readonly sentCopy?: boolean;
  /**
   * Mailwright writes this message for the mailbox `mailboxId` (calendar scheduling: a resource's answer, or an
   * invitation a delegate's calendar change caused): the `From:` must be that mailbox's own address, and no send
   * right is checked, the front end having checked access to the calendar; `user` (whose action caused it) is named
   * in `Sender:` when it is someone else. @default false
   */
  readonly forMailbox?: boolean;
}

/**
 * What became of one envelope recipient:
 * - `sent`: handed to the outbound mail service (SES) for an outside address;
 * - `delivered`: stored in a mailbox of this deployment (every mailbox of a group);
 * - `bounced`: not delivered, and a non-delivery report is in the sender's Inbox;
 * - `dropped`: an outbound flow rule discarded it silently.
 */
export type RecipientStatus = 'sent' | 'delivered' | 'bounced' | 'dropped';

/** The outcome of one envelope recipient. */
export interface RecipientResult {
  readonly recipient: string;
  readonly status: RecipientStatus;
  /** Why it bounced or was dropped (a rule's name or a status text; never message content). */
  readonly reason?: string;
}

/** A message that was accepted: what happened to each recipient and where the copy is. */
export interface SubmissionResult {
  readonly envelope: SmtpEnvelope;
  /** How the user was allowed to use the `From:` address. */
  readonly sendRight: SendRight;
  readonly recipients: readonly RecipientResult[];
  /** The id of the copy in the sender's Sent Items, when it was stored (not when the mailbox is full). */
  readonly sentCopyId?: string;
  /** The id of the non-delivery report in the sender's Inbox, when some recipient bounced. */
  readonly bounceReportId?: string;
}

/**
 * Why a message was refused before anything was sent (RFC 8621 §7.5 names):
 * - `forbiddenFrom`: the `From:` (or `Sender:`) is not the user's own and they hold no SEND_AS / SEND_ON_BEHALF
 *   on it, or the `From:` does not hold exactly one address;
 * - `forbiddenMailFrom`: the envelope's MAIL FROM is neither the `From:` address nor one of the user's own;
 * - `noRecipients`, `invalidRecipients` (with the addresses), `tooManyRecipients` (more than 500);
 * - `tooLarge`: over 40 MB as MIME;
 * - `forbiddenToSend`: a daily sending limit would be exceeded (`limit` says which).
 */
export type SendRefusal =
  | { readonly type: 'forbiddenFrom' }
  | { readonly type: 'forbiddenMailFrom' }
  | { readonly type: 'noRecipients' }
  | { readonly type: 'invalidRecipients'; readonly invalidRecipients: readonly string[] }
  | { readonly type: 'tooManyRecipients'; readonly maxRecipients: number }
  | { readonly type: 'tooLarge'; readonly maxSize: number }
  | { readonly type: 'forbiddenToSend'; readonly limit: SendingLimitName };

/** The daily limits (quotas-and-organizations.md §1.1, §1.3). */
export type SendingLimitName =
  | 'externalRecipientsPerUserPerDay'
  | 'externalRecipientsPerAccountPerDay'
  | 'testDomainRecipientsPerAccountPerDay';

/** A submission's outcome: accepted (possibly with bounces), or refused with nothing sent. */
export type SubmissionOutcome =
  | { readonly ok: true; readonly value: SubmissionResult }
  | { readonly ok: false; readonly refusal: SendRefusal };
