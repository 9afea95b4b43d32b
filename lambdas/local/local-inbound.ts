import type { InboundDeps, MailSender } from '../core/delivery';

/** The inbound path of the local runtime: what the SMTP ingress needs. */
export interface LocalInbound {
  /** The pipeline's ports (the same core the inbound Lambda runs); `deps.logger` redacts every line. */
  readonly deps: InboundDeps;
  /** Where the ingress writes raw messages (the inbound bucket under `incoming/`). */
  readonly rawStore: { put(messageId: string, raw: Buffer): Promise<void> };
  /** Whether a domain is registered to an organization (the ingress refuses others at RCPT). */
  isLocalDomain(domain: string): Promise<boolean>;
  /** Whether an address reaches a mailbox or group here (the ingress refuses others at RCPT with 550 5.1.1). */
  isKnownAddress(address: string): Promise<boolean>;
  /** Routes DSNs for local recipients back into the ingress once it listens. */
  connectLocalDelivery(sender: MailSender): void;
  readonly outboxDir: string;
}
