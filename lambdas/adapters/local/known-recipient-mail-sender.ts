import type { MailSender, OutboundRawMessage } from '../../core/delivery/ports';

/** A local recipient that does not exist: the local stand-in for a receiving server's `550 5.1.1` at RCPT. */
export class UnknownLocalRecipientError extends Error {
  constructor(options?: ErrorOptions) {
    super('550 5.1.1 The recipient does not exist here', options);
    this.name = 'UnknownLocalRecipientError';
  }
}

/** Options of {@link KnownRecipientMailSender}. */
export interface KnownRecipientMailSenderOptions {
  readonly isLocalDomain: (domain: string) => Promise<boolean>;
  readonly isKnownAddress: (address: string) => Promise<boolean>;
  /** Sends what passes. */
  readonly next: MailSender;
}

/**
 * Refuses, before sending anything, a message with a recipient in this deployment's domains that no entity holds,
 * as a receiving server refuses an unknown RCPT TO; the caller (journal delivery) retries. Outside recipients pass.
 * @example
 * const sender = new KnownRecipientMailSender({ isLocalDomain, isKnownAddress, next: splitSender });
 */
export class KnownRecipientMailSender implements MailSender {
  constructor(private readonly options: KnownRecipientMailSenderOptions) {}

  async sendRaw(message: OutboundRawMessage): Promise<void> {
    for (const recipient of message.recipients) {
      const domain = recipient.slice(recipient.lastIndexOf('@') + 1).toLowerCase();
      if ((await this.options.isLocalDomain(domain)) && !(await this.options.isKnownAddress(recipient)))
        throw new UnknownLocalRecipientError();
    }
    await this.options.next.sendRaw(message);
  }
}
