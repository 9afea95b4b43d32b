import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { HARD_QUOTAS } from '../../core/config/quotas';
import type { MailSender, OutboundRawMessage } from '../../core/delivery/ports';
import { sendEventTags } from '../../core/send-events/tags';

/** SES's limit on recipients per message (To, Cc and Bcc together). */
const SES_MAX_RECIPIENTS = 50;

/** Options of {@link SesV2MailSender}. */
export interface SesV2MailSenderOptions {
  readonly client: SESv2Client;
  /**
   * SES configuration set whose event destination sends bounces, complaints and delays back (`lib/send-events.ts`).
   * @default - none: SES publishes no events of these sends
   */
  readonly configurationSetName?: string;
}

/** A raw message above SES v2's 40 MB limit. */
export class OutboundMessageTooLargeError extends Error {
  public readonly sizeBytes: number;
  public constructor(sizeBytes: number) {
    super(`message of ${sizeBytes} bytes exceeds the ${HARD_QUOTAS.messageMimeBytes} byte limit of SES v2`);
    this.name = 'OutboundMessageTooLargeError';
    this.sizeBytes = sizeBytes;
  }
}

/**
 * Sends raw MIME through SES v2 `SendEmail` (Content.Raw, up to 40 MB). The From header's domain must be a verified
 * SES identity. SES picks the envelope sender itself, so an empty `envelopeFrom` (null sender) needs no mapping. A
 * message's `reportTo` becomes message tags (ids only), which SES repeats in the configuration set's events.
 * @example
 * const sender = new SesV2MailSender({ client: new SESv2Client({}) });
 */
export class SesV2MailSender implements MailSender {
  private readonly client: SESv2Client;
  private readonly configurationSetName?: string;

  public constructor(options: SesV2MailSenderOptions) {
    this.client = options.client;
    this.configurationSetName = options.configurationSetName;
  }

  public async sendRaw(message: OutboundRawMessage): Promise<void> {
    if (message.raw.length > HARD_QUOTAS.messageMimeBytes)
      throw new OutboundMessageTooLargeError(message.raw.length);
    const tags = message.reportTo ? sendEventTags(message.reportTo) : [];
    // SES takes at most 50 recipients per message: a longer list goes out in several sends of the same bytes.
    for (let start = 0; start < message.recipients.length; start += SES_MAX_RECIPIENTS) {
      await this.client.send(
        new SendEmailCommand({
          Destination: { ToAddresses: message.recipients.slice(start, start + SES_MAX_RECIPIENTS) },
          Content: { Raw: { Data: message.raw } },
          ConfigurationSetName: this.configurationSetName,
          EmailTags:
            tags.length > 0 ? tags.map(({ name, value }) => ({ Name: name, Value: value })) : undefined,
        }),
      );
    }
  }
}
