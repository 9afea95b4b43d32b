import type { SendRefusal, SendingLimitName, SubmissionResult } from '../core/sending';
import type { SignInRefusal } from '../core/user-auth';

/**
 * The one table of SMTP submission's replies: every refusal of sign-in and of the sending core, and the failures,
 * mapped to a reply code and an RFC 3463 / RFC 5248 enhanced status code. The enhanced code leads the reply text
 * (smtp-server sends the text as given). Replies never echo the credential, the message or a stored fact.
 */

/** An SMTP reply, as smtp-server sends a handler's error: `<responseCode> <message>`. */
export class SmtpReplyError extends Error {
  readonly responseCode: number;
  constructor(responseCode: number, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SmtpReplyError';
    this.responseCode = responseCode;
  }
}

/** 530: MAIL, RCPT or DATA before a successful AUTH (RFC 4954 §6). */
export const AUTHENTICATION_REQUIRED = '5.7.0 Authentication required';

/**
 * The reply to a refused sign-in. An expired token and a disabled user get the same 535 as a wrong password: the
 * reply must not tell someone guessing that the secret was right.
 * @example
 * callback(signInReply({ ok: false, reason: 'THROTTLED', retryAfterSeconds: 8 })); // 454 4.7.0 …
 */
export function signInReply(refusal: SignInRefusal): SmtpReplyError {
  if (refusal.reason === 'THROTTLED')
    return new SmtpReplyError(
      454,
      `4.7.0 Too many failed sign-ins from your network; try again in ${refusal.retryAfterSeconds} seconds`,
    );
  return new SmtpReplyError(535, '5.7.8 Authentication credentials invalid');
}

/**
 * 535 for an application signing in through a READ_ONLY impersonation role: such a role sends nothing.
 * @example
 * callback(readOnlyRole());
 */
export function readOnlyRole(): SmtpReplyError {
  return new SmtpReplyError(535, '5.7.8 A read-only impersonation role cannot send mail');
}

/**
 * 538 (RFC 4954 §6): AUTH on a connection without TLS, from a client that is not on loopback.
 * @example
 * callback(encryptionRequired());
 */
export function encryptionRequired(): SmtpReplyError {
  return new SmtpReplyError(538, '5.7.11 Encryption required: use STARTTLS or port 465 first');
}

/**
 * 454 (RFC 4954 §6): the sign-in could not be checked (the directory did not answer); the client may retry.
 * @example
 * callback(temporaryAuthenticationFailure(error));
 */
export function temporaryAuthenticationFailure(cause: unknown): SmtpReplyError {
  return new SmtpReplyError(454, '4.7.0 Temporary authentication failure; try again later', { cause });
}

/** Daily limits reset as the day goes on: a refusal under one is temporary, the client may send it later. */
const LIMIT_TEXT: Record<SendingLimitName, string> = {
  externalRecipientsPerUserPerDay: 'your daily limit of recipients outside the organization',
  externalRecipientsPerAccountPerDay: "the deployment's daily limit of outside recipients",
  testDomainRecipientsPerAccountPerDay: 'the daily limit of recipients of mail from test domains',
};

/**
 * The reply to a message the sending core refused (nothing was sent).
 * @example
 * callback(refusalReply({ type: 'forbiddenFrom' })); // 550 5.7.1 …
 */
export function refusalReply(refusal: SendRefusal): SmtpReplyError {
  switch (refusal.type) {
    case 'forbiddenFrom':
      return new SmtpReplyError(550, '5.7.1 You may not send with this From address');
    case 'forbiddenMailFrom':
      return new SmtpReplyError(553, '5.7.1 You may not use this envelope sender (MAIL FROM)');
    case 'noRecipients':
      return new SmtpReplyError(554, '5.5.1 No valid recipients');
    case 'invalidRecipients':
      return new SmtpReplyError(553, '5.1.3 A recipient address is not valid');
    case 'tooManyRecipients':
      return new SmtpReplyError(552, `5.5.3 Too many recipients (at most ${refusal.maxRecipients})`);
    case 'tooLarge':
      return messageTooLarge(refusal.maxSize);
    case 'forbiddenToSend':
      return new SmtpReplyError(
        450,
        `4.7.0 The message would exceed ${LIMIT_TEXT[refusal.limit]}; nothing was sent, try again later`,
      );
  }
}

/**
 * 552 5.3.4: DATA longer than the limit (RFC 3463 §3.4).
 * @example
 * callback(messageTooLarge(41_943_040));
 */
export function messageTooLarge(maxSizeBytes: number): SmtpReplyError {
  return new SmtpReplyError(552, `5.3.4 Message too big: at most ${maxSizeBytes} bytes`);
}

/**
 * 452 4.5.3 at RCPT: more recipients than a message may have; the client may send the rest in another message.
 * @example
 * callback(tooManyRecipients(500));
 */
export function tooManyRecipients(maxRecipients: number): SmtpReplyError {
  return new SmtpReplyError(452, `4.5.3 Too many recipients (at most ${maxRecipients})`);
}

/**
 * 553 5.1.3 at RCPT: not an address mail can be sent to.
 * @example
 * callback(invalidRecipient());
 */
export function invalidRecipient(): SmtpReplyError {
  return new SmtpReplyError(553, '5.1.3 Not a valid recipient address');
}

/**
 * 451 4.4.0: the outbound mail service did not take the message (`OutboundSendError`); nothing was sent or stored.
 * @example
 * callback(outboundSendFailed(error));
 */
export function outboundSendFailed(cause: unknown): SmtpReplyError {
  return new SmtpReplyError(451, '4.4.0 The outbound mail service is unavailable; try again later', {
    cause,
  });
}

/**
 * 451 4.3.0: any other failure; no internals in the reply.
 * @example
 * callback(temporaryFailure(error));
 */
export function temporaryFailure(cause: unknown): SmtpReplyError {
  return new SmtpReplyError(451, '4.3.0 Temporary failure; try again later', { cause });
}

/**
 * The 250 text of an accepted message. Recipients that bounced do not fail the transaction: the sender finds a
 * non-delivery report for them in their Inbox, and the reply says so.
 * @example
 * callback(null, acceptedReply('a1b2', outcome.value)); // '2.0.0 Message accepted as a1b2'
 */
export function acceptedReply(submissionId: string, result: SubmissionResult): string {
  const bounced = result.recipients.filter((recipient) => recipient.status === 'bounced').length;
  const accepted = `2.0.0 Message accepted as ${submissionId}`;
  if (bounced === 0) return accepted;
  const which = bounced === 1 ? '1 recipient' : `${bounced} recipients`;
  return `${accepted}; ${which} could not be reached, see the report in your Inbox`;
}
