import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { authenticate, type DNSResolver } from 'mailauth';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import { HARD_QUOTAS } from '../core/config/quotas';
import { parseMessageHeaders, spamVerdict, toVerdict, virusVerdict } from '../core/delivery';
import type { DeliveryLogger, OutboundRawMessage, SesReceiptEvent, VerdictStatus } from '../core/delivery';

/** Options of {@link startSmtpIngress}. */
export interface SmtpIngressOptions {
  /** TCP port; 0 picks a free one. */
  readonly port: number;
  /** @default - '127.0.0.1' */
  readonly host?: string;
  /** Whether a recipient domain is registered to an organization; others are refused at RCPT with 550 5.7.1. */
  readonly isLocalDomain: (domain: string) => Promise<boolean>;
  /** Where SES's S3 action would write: the inbound bucket, key `incoming/<messageId>`. */
  readonly rawStore: { put(messageId: string, raw: Buffer): Promise<void> };
  /** The inbound pipeline (the same core function the Lambda handler calls). */
  readonly invoke: (event: SesReceiptEvent) => Promise<unknown>;
  /** DNS for SPF/DKIM/DMARC; {@link offlineResolver} unless the runtime runs with `--dns`. */
  readonly resolver: DNSResolver;
  /** @default - 40 MB, advertised with SIZE */
  readonly maxSizeBytes?: number;
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
 * 1. RCPT: refuse recipients outside registered domains with 550 5.7.1;
 * 2. DATA: read the message (over the size limit → 552 5.3.4);
 * 3. compute SPF/DKIM/DMARC with mailauth (injected resolver), the spam and the virus verdict;
 * 4. write the raw message where SES's S3 action would (failure → 451 4.3.0, the client retries);
 * 5. invoke the inbound pipeline with an SES-shaped event;
 * 6. reply 250 — the message is safely written. A failed invoke is retried by the ingress after
 *    `retryDelaysMs`, like Lambda retries an async invoke; after the last retry it is logged and the raw message
 *    stays in the inbound store (nothing is lost; re-invoke with the logged event).
 * @example
 * const ingress = await startSmtpIngress({ port: 2525, isLocalDomain, rawStore, invoke, resolver: offlineResolver });
 */
export async function startSmtpIngress(options: SmtpIngressOptions): Promise<SmtpIngress> {
  const host = options.host ?? '127.0.0.1';
  const hostname = options.hostname ?? 'mailwright.local';
  const maxSizeBytes = options.maxSizeBytes ?? HARD_QUOTAS.messageMimeBytes;
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
              event,
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
    const event = await buildEvent(raw, envelope, messageId, {
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

  const server = new SMTPServer({
    name: hostname,
    banner: 'Mailwright local SMTP ingress',
    size: maxSizeBytes,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    hideSTARTTLS: true,
    logger: false,
    onRcptTo(address, _session, callback) {
      const domain = address.address.slice(address.address.lastIndexOf('@') + 1).toLowerCase();
      options.isLocalDomain(domain).then(
        (local) =>
          callback(local ? null : new SmtpRejectionError(550, `5.7.1 ${domain} is not a domain served here`)),
        (error: unknown) =>
          callback(new SmtpRejectionError(451, '4.3.0 Directory unavailable', { cause: error })),
      );
    },
    onData(stream, session, callback) {
      readStream(stream)
        .then(async (raw) => {
          if (stream.sizeExceeded)
            throw new SmtpRejectionError(552, `5.3.4 Message exceeds ${maxSizeBytes} bytes`);
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

interface Envelope {
  readonly mailFrom: string;
  readonly recipients: string[];
  readonly ip: string;
  readonly helo: string;
}

function envelopeOf(session: SMTPServerSession): Envelope {
  return {
    mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
    recipients: session.envelope.rcptTo.map((rcpt) => rcpt.address),
    ip: session.remoteAddress.replace(/^::ffff:/, ''),
    helo: session.hostNameAppearsAs,
  };
}

async function readStream(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** SES message ids are lower-case alphanumerics; the Message Flow API accepts `[a-z0-9-]`. */
function sesMessageId(): string {
  return randomBytes(20).toString('hex');
}

/** Step 3 and the event: verdicts computed the way SES reports them, in an SES receipt event. */
async function buildEvent(
  raw: Buffer,
  envelope: Envelope,
  messageId: string,
  context: { hostname: string; resolver: DNSResolver; logger: DeliveryLogger },
): Promise<SesReceiptEvent> {
  const auth = await authenticate(raw, {
    ip: envelope.ip,
    helo: envelope.helo,
    sender: envelope.mailFrom,
    mta: context.hostname,
    resolver: context.resolver,
    disableArc: true,
    disableBimi: true,
  }).catch((error: unknown) => {
    context.logger.warn('mailauth failed; authentication verdicts are PROCESSING_FAILED', {
      messageId,
      error,
    });
    return undefined;
  });
  const dkimResults = (auth?.dkim.results ?? []).map((result) => toVerdict(result.status.result));
  const dkim: VerdictStatus = !auth
    ? 'PROCESSING_FAILED'
    : dkimResults.includes('PASS')
      ? 'PASS'
      : (dkimResults[0] ?? 'GRAY');
  const spf = auth ? toVerdict(auth.spf ? auth.spf.status.result : undefined) : 'PROCESSING_FAILED';
  const dmarc = auth ? toVerdict(auth.dmarc ? auth.dmarc.status.result : undefined) : 'PROCESSING_FAILED';
  const headers = parseMessageHeaders(raw);
  const timestamp = new Date().toISOString();
  const verdict = (status: VerdictStatus) => ({ status });
  return {
    Records: [
      {
        eventSource: 'aws:ses',
        ses: {
          mail: {
            timestamp,
            source: envelope.mailFrom,
            messageId,
            destination: envelope.recipients,
            commonHeaders: { subject: headers.subject, from: headers.from ? [headers.from] : [] },
          },
          receipt: {
            timestamp,
            recipients: envelope.recipients,
            spamVerdict: verdict(spamVerdict(raw, { spf, dkim, dmarc })),
            virusVerdict: verdict(virusVerdict(raw)),
            spfVerdict: verdict(spf),
            dkimVerdict: verdict(dkim),
            dmarcVerdict: verdict(dmarc),
            dmarcPolicy: dmarc === 'FAIL' && auth?.dmarc ? auth.dmarc.policy : undefined,
            action: { type: 'Lambda' },
          },
        },
      },
    ],
  };
}
