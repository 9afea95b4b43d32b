import { authenticate, type DNSResolver } from 'mailauth';
import { parseMessageHeaders, spamVerdict, toVerdict, virusVerdict } from '../core/delivery';
import type { DeliveryLogger, SesReceiptEvent, VerdictStatus } from '../core/delivery';

/** The SMTP envelope of a received message and where it came from. */
export interface Envelope {
  readonly mailFrom: string;
  readonly recipients: string[];
  readonly ip: string;
  readonly helo: string;
}

/**
 * Step 3 of the SMTP ingress: the SES receipt event for a received message, with SPF/DKIM/DMARC computed by
 * mailauth (through `resolver`), and the spam and virus verdicts, reported the way SES reports them.
 * @param raw - the message as received
 * @param envelope - MAIL FROM, the accepted recipients, the client's address and HELO name
 * @param messageId - the SES-style id the raw message is stored under
 * @param context - the ingress's host name, DNS resolver and logger (a mailauth failure is logged, not thrown)
 * @example
 * const event = await sesReceiptEvent(raw, envelope, messageId, { hostname, resolver, logger });
 */
export async function sesReceiptEvent(
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
