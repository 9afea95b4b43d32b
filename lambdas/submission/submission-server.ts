import { randomBytes } from 'node:crypto';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import { HARD_QUOTAS } from '../core/config/quotas';
import type { DeliveryLogger } from '../core/delivery';
import { isEnvelopeAddress, type SubmissionOutcome, type SubmissionRequest } from '../core/sending';
import type { AuthenticatedUser, UserAuthenticator } from '../core/user-auth';
import {
  AUTHENTICATION_REQUIRED,
  SmtpReplyError,
  acceptedReply,
  encryptionRequired,
  readOnlyRole,
  invalidRecipient,
  messageTooLarge,
  outboundSendFailed,
  refusalReply,
  signInReply,
  temporaryAuthenticationFailure,
  temporaryFailure,
  tooManyRecipients,
} from './smtp-replies';
import { readAtMost } from './read-at-most';

/** What the submission server acts through: sign-in and the sending core, built by the runtime's wiring. */
export interface SubmissionServerDeps {
  /** Signs users in with their password or a personal access token (failures throttled per source network). */
  readonly authenticator: Pick<UserAuthenticator, 'signInWithPassword'>;
  /** The protocol-neutral sending core bound to its ports: `(request) => submit(sendingDeps, request)`. */
  readonly submit: (request: SubmissionRequest) => Promise<SubmissionOutcome>;
  /** Outcomes by submission id and refusal type: never addresses, content, subject or credentials. */
  readonly logger?: DeliveryLogger;
}

/** How one listener is set up. */
export interface SubmissionServerOptions {
  /** TCP port; 0 picks a free one. */
  readonly port: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** true: implicit TLS from the first byte (port 465, RFC 8314); false: plain, upgraded by STARTTLS (port 587). */
  readonly secure: boolean;
  /** The server certificate and key (PEM). */
  readonly tls: { readonly key: string | Buffer; readonly cert: string | Buffer };
  /** The name in the greeting. @default 'mailwright.local' */
  readonly hostname?: string;
  /**
   * Accept AUTH without TLS from a loopback client (127.0.0.0/8, ::1); clients elsewhere always need TLS. Only the
   * local runtime listening on loopback sets it. @default false
   */
  readonly allowPlaintextAuth?: boolean;
  /** Largest message, advertised as SIZE. @default - 40 MB, the sending core's limit */
  readonly maxSizeBytes?: number;
  /** Most RCPT TO per message; further ones get 452 4.5.3. @default - 500, the sending core's limit */
  readonly maxRecipients?: number;
  /** A new submission id (`[A-Za-z0-9]`, 1–64). @default - 32 random hex digits */
  readonly newSubmissionId?: () => string;
}

/** A listening submission server. */
export interface SubmissionServer {
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  /** Stops accepting connections and waits for open ones to end. */
  stop(): Promise<void>;
}

const silentLogger: DeliveryLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Starts an SMTP submission listener (RFC 6409) for Mailwright users: mail clients sign in and hand over messages,
 * which the protocol-neutral sending core sends exactly as JMAP EmailSubmission does.
 * Primary course of a session:
 * 1. TLS: from the first byte (`secure`), or after STARTTLS; TLS 1.2 at least;
 * 2. AUTH PLAIN or LOGIN with the e-mail address and the password or a personal access token; refused without TLS
 *    unless `allowPlaintextAuth` and the client is on loopback (538); MAIL before AUTH gets 530;
 * 3. RCPT TO: a valid address, at most `maxRecipients`;
 * 4. DATA, at most `maxSizeBytes` (else 552 5.3.4), handed to `submit` with the client's envelope, the signed-in
 *    user, their own mailbox (Sent Items) and a new submission id;
 * 5. the outcome as a reply ({@link refusalReply}); recipients that bounced get a report in the sender's Inbox and
 *    do not fail the transaction.
 * @param deps - sign-in and the sending core
 * @param options - port, TLS mode and certificate, limits
 * @example
 * const server = await startSubmissionServer(
 *   { authenticator, submit: (request) => submit(sendingDeps, request) },
 *   { port: 587, host: '0.0.0.0', secure: false, tls: { key, cert } },
 * );
 */
export async function startSubmissionServer(
  deps: SubmissionServerDeps,
  options: SubmissionServerOptions,
): Promise<SubmissionServer> {
  const host = options.host ?? '127.0.0.1';
  const maxSizeBytes = options.maxSizeBytes ?? HARD_QUOTAS.messageMimeBytes;
  const maxRecipients = options.maxRecipients ?? HARD_QUOTAS.recipientsPerMessage;
  const newSubmissionId = options.newSubmissionId ?? (() => randomBytes(16).toString('hex'));
  const logger = deps.logger ?? silentLogger;
  const allowPlaintextAuth = options.allowPlaintextAuth ?? false;

  const server = new SMTPServer({
    name: options.hostname ?? 'mailwright.local',
    banner: 'Mailwright SMTP submission',
    secure: options.secure,
    key: options.tls.key,
    cert: options.tls.cert,
    minVersion: 'TLSv1.2',
    authMethods: ['PLAIN', 'LOGIN'],
    // Without it smtp-server hides AUTH until STARTTLS and refuses it with 538; loopback is then checked in onAuth.
    allowInsecureAuth: allowPlaintextAuth,
    authRequiredMessage: AUTHENTICATION_REQUIRED,
    size: maxSizeBytes,
    disableReverseLookup: true,
    logger: false,
    onAuth(auth, session, callback) {
      if (!session.secure && !(allowPlaintextAuth && isLoopback(session.remoteAddress)))
        return callback(encryptionRequired());
      deps.authenticator
        .signInWithPassword(auth.username ?? '', auth.password ?? '', {
          sourceAddress: session.remoteAddress,
          protocol: 'SMTP',
        })
        .then(
          (result) => {
            if (result.ok && result.user.impersonation?.readOnly) return callback(readOnlyRole());
            if (result.ok) return callback(null, { user: result.user });
            logger.info('Submission sign-in refused', { reason: result.reason });
            callback(signInReply(result));
          },
          (error: unknown) => {
            logger.error('Submission sign-in failed', { error: errorName(error) });
            callback(temporaryAuthenticationFailure(error));
          },
        );
    },
    onRcptTo(address, session, callback) {
      const rcpt = address.address.toLowerCase();
      const accepted = session.envelope.rcptTo;
      if (accepted.length >= maxRecipients && !accepted.some((r) => r.address.toLowerCase() === rcpt))
        return callback(tooManyRecipients(maxRecipients));
      callback(isEnvelopeAddress(address.address) ? undefined : invalidRecipient());
    },
    onData(stream, session, callback) {
      const submissionId = newSubmissionId();
      readAtMost(stream, maxSizeBytes)
        .then(async (raw) => {
          if (!raw) throw messageTooLarge(maxSizeBytes);
          const user = session.user as AuthenticatedUser;
          const outcome = await deps.submit({
            user: { organizationId: user.organizationId, userId: user.userId, email: user.email },
            mailboxId: user.userId,
            raw,
            envelope: envelopeOf(session),
            submissionId,
          });
          if (!outcome.ok) {
            logger.info('Submission refused', { submissionId, refusal: outcome.refusal.type });
            throw refusalReply(outcome.refusal);
          }
          const { recipients } = outcome.value;
          logger.info('Submission accepted', {
            submissionId,
            recipients: recipients.length,
            bounced: recipients.filter((recipient) => recipient.status === 'bounced').length,
          });
          callback(null, acceptedReply(submissionId, outcome.value));
        })
        .catch((error: unknown) => {
          if (error instanceof SmtpReplyError) return callback(error);
          const outbound = errorName(error) === 'OutboundSendError';
          logger.error('Submission failed', { submissionId, error: errorName(error) });
          callback(outbound ? outboundSendFailed(error) : temporaryFailure(error));
        });
    },
  });
  // A client that drops the connection mid-handshake is the client's problem, not the server's.
  server.on('error', (error) => logger.warn('Submission connection error', { error: errorName(error) }));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  return {
    host,
    port: typeof address === 'object' && address ? address.port : options.port,
    secure: options.secure,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The client's envelope: MAIL FROM (`''` for the null sender) and every accepted RCPT TO. */
function envelopeOf(session: SMTPServerSession): { mailFrom: string; rcptTo: string[] } {
  return {
    mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
    rcptTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
  };
}

/** Whether a client address is on this machine's loopback interface. */
function isLoopback(address: string): boolean {
  const plain = address.replace(/^::ffff:/i, '');
  return plain === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(plain);
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'Unknown';
}
