import { sendEventTags } from '../../core/send-events/tags';
import { randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MailSender, OutboundRawMessage } from '../../core/delivery/ports';

/**
 * The local runtime's stand-in for SES outbound: every message becomes `<time>-<uuid>.eml` in a directory, with
 * `X-Mailwright-Envelope-From` / `X-Mailwright-Envelope-To` lines prepended so the envelope is visible, and an
 * `X-Mailwright-Tags` line with the message tags SES would repeat in its sending events (`name=value; …`), so a test
 * can play SES's part.
 * Files appear atomically (written under a temporary name, then renamed).
 * @example
 * const outbox = new OutboxMailSender({ directory: '/data/outbox' });
 */
export class OutboxMailSender implements MailSender {
  private readonly directory: string;

  public constructor(options: { readonly directory: string }) {
    this.directory = options.directory;
  }

  public async sendRaw(message: OutboundRawMessage): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID()}.eml`;
    const tags = message.reportTo ? sendEventTags(message.reportTo) : [];
    const envelope = Buffer.from(
      `X-Mailwright-Envelope-From: <${message.envelopeFrom}>\r\n` +
        `X-Mailwright-Envelope-To: ${message.recipients.map((to) => `<${to}>`).join(', ')}\r\n` +
        (tags.length > 0
          ? `X-Mailwright-Tags: ${tags.map(({ name, value }) => `${name}=${value}`).join('; ')}\r\n`
          : ''),
      'utf8',
    );
    const temporary = join(this.directory, `.${name}.tmp`);
    await writeFile(temporary, Buffer.concat([envelope, message.raw]));
    await rename(temporary, join(this.directory, name));
  }
}

/** Options of {@link SplitMailSender}. */
export interface SplitMailSenderOptions {
  readonly isLocalDomain: (domain: string) => Promise<boolean>;
  /** Receives messages for local recipients (the local SMTP ingress's `inject`). */
  readonly local: MailSender;
  /** Receives messages for every other recipient (the outbox). */
  readonly remote: MailSender;
}

/**
 * Local SES outbound: recipients in a registered domain are delivered locally, all others go to `remote`.
 * @example
 * const sender = new SplitMailSender({ isLocalDomain, local: { sendRaw: (m) => ingress.inject(m) }, remote: outbox });
 */
export class SplitMailSender implements MailSender {
  public constructor(private readonly options: SplitMailSenderOptions) {}

  public async sendRaw(message: OutboundRawMessage): Promise<void> {
    const local: string[] = [];
    const remote: string[] = [];
    for (const recipient of message.recipients) {
      const domain = recipient.slice(recipient.lastIndexOf('@') + 1).toLowerCase();
      ((await this.options.isLocalDomain(domain)) ? local : remote).push(recipient);
    }
    if (local.length > 0) await this.options.local.sendRaw({ ...message, recipients: local });
    if (remote.length > 0) await this.options.remote.sendRaw({ ...message, recipients: remote });
  }
}
