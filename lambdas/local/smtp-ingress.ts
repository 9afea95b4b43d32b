import { randomBytes } from 'node:crypto';
import type { DNSResolver } from 'mailauth';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import { HARD_QUOTAS } from '../core/config/quotas';
import type { DeliveryLogger, OutboundRawMessage, SesReceiptEvent } from '../core/delivery';
import { sesReceiptEvent, type Envelope } from './ses-receipt-event';
import { readAtMost } from '../submission/read-at-most';

/** Options of {@link startSmtpIngress}. */
export interface SmtpIngressOptions {
  /** TCP port; 0 picks a free one. */
  readonly port: number;
  /** @default - '127.0.0.1' */
  readonly host?: string;
  /** Whether a recipient domain is registered to an organization; others are refused at RCPT with 550 5.7.1. */
  readonly isLocalDomain: (domain: string) => Promise<boolean>;
  /**
   * Whether an address in a registered domain belongs to a user, group, resource or alias; others are refused at
   * RCPT with 550 5.1.1, so the pipeline never bounces them (no DSN, no backscatter).
   */
  readonly isKnownAddress: (address: string) => Promise<boolean>;
  /** Where SES's S3 action would write: the inbound bucket, key `incoming/<messageId>`. */
  readonly rawStore: { put(messageId: string, raw: Buffer): Promise<void> };
  /** The inbound pipeline (the same core function the Lambda handler calls). */
  readonly invoke: (event: SesReceiptEvent) => Promise<unknown>;
  /** DNS for SPF/DKIM/DMARC; the runtime passes {@link offlineResolver} unless it is given a resolver. */
  readonly resolver: DNSResolver;
  /** Bytes a message may have; DATA beyond it is read and discarded, then refused with 552 5.3.4. @default - 40 MB */
  readonly maxSizeBytes?: number;
  /** Recipients a message may have; further RCPTs get 452 4.5.3. @default - 500, as WorkMail */
  readonly maxRecipients?: number;
  /** The server's name in the greeting and in Authentication-Results. @default - 'mailwright.local' */
  readonly hostname?: string;
  /** Delays of the ingress's own retries of a failed invoke. @default - [1000, 5000, 30000] ms */
  readonly retryDelaysMs?: readonly number[];
  readonly logger?: DeliveryLogger;
}

/** A running SMTP ingress. */
export interface SmtpIngress {
  readonly host: string;
  readonly port: number;
  /** Accepts a message as if it had arrived over SMTP from 127.0.0.1 (local delivery of DSNs); returns its id. */
  inject(message: OutboundRawMessage): Promise<string>;
  /** Resolves when no invoke retry is waiting. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/** An SMTP reply carrying its status code, as smtp-server expects. */
export class SmtpRejectionError extends Error {
  public readonly responseCode: number;
  public constructor(responseCode: number, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SmtpRejectionError';
    this.responseCode = responseCode;
  }
}

/**
 * A resolver that answers every query with ENOTFOUND without touching the network (SPF and DMARC become `none`,
 * DKIM signatures `neutral`/`temperror`). Used unless the local runtime is started with `--dns`.
 * @example
 * await startSmtpIngress({ ...options, resolver: offlineResolver });
 */
export const offlineResolver: DNSResolver = async (name) => {
  throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND', hostname: name });
};

const silentLogger: DeliveryLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Starts the local stand-in for SES inbound: an SMTP server on loopback (no AUTH, no STARTTLS, SIZE advertised).
 * Primary course for each message:
 * 1. RCPT: beyond `maxRecipients` → 452 4.5.3; outside registered domains → 550 5.7.1; an address nobody holds →
 *    550 5.1.1 (SES cannot refuse at RCPT; the cloud relies on DSN suppression instead, see docs/security.md);
 * 2. DATA: read the message; past the size limit the rest is read and discarded, never held, then 552 5.3.4;
 * 3. compute SPF/DKIM/DMARC with mailauth (injected resolver), the spam and the virus verdict;
 * 4. write the raw message where SES's S3 action would (failure → 451 4.3.0, the client retries);
 * 5. invoke the inbound pipeline with an SES-shaped event;
 * 6. reply 250 — the message is safely written. A failed invoke is retried by the ingress after
 *    `retryDelaysMs`, like Lambda retries an async invoke; after the last retry it is logged and the raw message
 *    stays in the inbound store under its message id (nothing is lost; the log line names the id, never addresses).
 * @example
 * const ingress = await startSmtpIngress({ port: 2525, isLocalDomain, rawStore, invoke, resolver: offlineResolver });
 */
export async function startSmtpIngress(options: SmtpIngressOptions): Promise<SmtpIngress> {
  const host = options.host ?? '127.0.0.1';
  const hostname = options.hostname ?? 'mailwright.local';
  const maxSizeBytes = options.maxSizeBytes ?? HARD_QUOTAS.messageMimeBytes;
  const maxRecipients = options.maxRecipients ?? HARD_QUOTAS.recipientsPerMessage;
  const logger = options.logger ?? silentLogger;
  const retryDelays = options.retryDelaysMs ?? [1000, 5000, 30_000];
  const retries = new Set<Promise<void>>();
  const timers = new Set<NodeJS.Timeout>();

  const invokeWithRetries = async (event: SesReceiptEvent): Promise<void> => {
    for (let attempt = 0; ; attempt++) {
      try {
        await options.invoke(event);
        return;
      } catch (error) {
        const messageId = event.Records[0]?.ses.mail.messageId;
        if (attempt >= retryDelays.length) {
          logger.error(
            'inbound invoke failed after every retry; the raw message stays in the inbound store',
            {
              messageId,
              error,
            },
          );
          return;
        }
        logger.warn('inbound invoke failed; retrying', { messageId, attempt, error });
        await new Promise<void>((resolve) => timers.add(setTimeout(resolve, retryDelays[attempt])));
      }
    }
  };

  const accept = async (raw: Buffer, envelope: Envelope): Promise<string> => {
    const messageId = sesMessageId();
    const event = await sesReceiptEvent(raw, envelope, messageId, {
      hostname,
      resolver: options.resolver,
      logger,
    });
    try {
      await options.rawStore.put(messageId, raw);
    } catch (error) {
      throw new SmtpRejectionError(451, '4.3.0 Could not store the message, try again later', {
        cause: error,
      });
    }
    try {
      await options.invoke(event);
    } catch (error) {
      logger.warn('inbound invoke failed; the ingress retries it', { messageId, error });
      const retry = invokeWithRetries(event).finally(() => retries.delete(retry));
      retries.add(retry);
    }
    return messageId;
  };

  const checkRecipient = async (address: string, domain: string): Promise<void> => {
    if (!(await options.isLocalDomain(domain)))
      throw new SmtpRejectionError(550, `5.7.1 ${domain} is not a domain served here`);
    if (!(await options.isKnownAddress(address)))
      throw new SmtpRejectionError(550, '5.1.1 No such recipient here');
  };

  const server = new SMTPServer({
    name: hostname,
    banner: 'Mailwright local SMTP ingress',
    size: maxSizeBytes,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    hideSTARTTLS: true,
    logger: false,
    onRcptTo(address, session, callback) {
      const rcpt = address.address.toLowerCase();
      const accepted = session.envelope.rcptTo;
      if (accepted.length >= maxRecipients && !accepted.some((r) => r.address.toLowerCase() === rcpt))
        return callback(new SmtpRejectionError(452, `4.5.3 Too many recipients (at most ${maxRecipients})`));
      const domain = rcpt.slice(rcpt.lastIndexOf('@') + 1);
      checkRecipient(rcpt, domain).then(
        () => callback(),
        (error: unknown) =>
          callback(
            error instanceof SmtpRejectionError
              ? error
              : new SmtpRejectionError(451, '4.3.0 Directory unavailable', { cause: error }),
          ),
      );
    },
    onData(stream, session, callback) {
      readAtMost(stream, maxSizeBytes)
        .then(async (raw) => {
          if (!raw) throw new SmtpRejectionError(552, `5.3.4 Message exceeds ${maxSizeBytes} bytes`);
          const messageId = await accept(raw, envelopeOf(session));
          callback(null, `2.6.0 Message accepted as ${messageId}`);
        })
        .catch((error: unknown) => {
          callback(
            error instanceof SmtpRejectionError
              ? error
              : new SmtpRejectionError(451, '4.3.0 Temporary failure', { cause: error }),
          );
        });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    host,
    port,
    inject: (message) =>
      accept(message.raw, {
        mailFrom: message.envelopeFrom,
        recipients: [...message.recipients],
        ip: '127.0.0.1',
        helo: hostname,
      }),
    idle: async () => {
      while (retries.size > 0) await Promise.all([...retries]);
    },
    stop: async () => {
      for (const timer of timers) clearTimeout(timer);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function envelopeOf(session: SMTPServerSession): Envelope {
  return {
    mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
    recipients: session.envelope.rcptTo.map((rcpt) => rcpt.address),
    ip: session.remoteAddress.replace(/^::ffff:/, ''),
    helo: session.hostNameAppearsAs,
  };
}

/** SES message ids are lower-case alphanumerics; the Message Flow API accepts `[a-z0-9-]`. */
function sesMessageId(): string {
  return randomBytes(20).toString('hex');
}
