import { parseAddressList } from '../message/address-list';
import { fieldValues, type SplitMessage } from './header-block';
import type { SmtpEnvelope } from './types';

/** An addr-spec as SMTP accepts it: one `@`, no spaces, brackets, quotes or commas (RFC 5321 §4.1.2, loosely). */
const ADDRESS = /^[^\s@<>()",;:\\[\]]+@[^\s@<>()",;:\\[\]]+\.[^\s@<>()",;:\\[\]]+$/;

/**
 * Whether an address can be used in the SMTP envelope.
 * @example
 * isEnvelopeAddress('ana@example.com'); // true
 */
export function isEnvelopeAddress(address: string): boolean {
  return address.length <= 254 && ADDRESS.test(address);
}

/**
 * The addr-specs of every field with this name (groups flattened), in order.
 * @example
 * headerAddresses(splitMessage(raw), 'from'); // ['ana@example.com']
 */
export function headerAddresses(message: SplitMessage, name: string): string[] {
  return fieldValues(message, name).flatMap((value) =>
    parseAddressList(value).flatMap((group) => group.addresses.map((address) => address.email)),
  );
}

/**
 * The envelope RFC 8621 §7 derives when the client gives none: MAIL FROM is the `Sender:` address, else the
 * `From:` address; RCPT TO is every address of `To:`, `Cc:` and `Bcc:`, each once (case-insensitive), in order.
 * @param message - the message as submitted (Bcc still in it)
 * @example
 * deriveEnvelope(splitMessage(raw)); // { mailFrom: 'ana@example.com', rcptTo: ['ben@example.com'] }
 */
export function deriveEnvelope(message: SplitMessage): SmtpEnvelope {
  const mailFrom = headerAddresses(message, 'sender')[0] ?? headerAddresses(message, 'from')[0] ?? '';
  const seen = new Set<string>();
  const rcptTo = ['to', 'cc', 'bcc']
    .flatMap((name) => headerAddresses(message, name))
    .filter((address) => {
      const key = address.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  return { mailFrom, rcptTo };
}
