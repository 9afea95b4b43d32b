/**
 * ENVELOPE (RFC 9051 §7.5.2, RFC 3501 §7.4.2), with Dovecot's choices where the RFCs leave room: the last occurrence
 * of a field counts; values are sent as written (encoded words stay encoded), unfolded; the subject and display
 * names have their whitespace runs collapsed (`imap_append_string_for_humans`); an address field that is present but
 * holds no address counts as absent (so an empty Sender: falls back to From:); unreadable addresses keep
 * placeholders (see `address-list.ts`).
 */
import type { ImapValue } from '../protocol/types';
import { readAddressList, type EnvelopeAddress } from './address-list';
import { foldedValue, lastField, unfoldedValue } from './header-fields';
import { forHumans, nstring } from './imap-text';
import type { MessagePart } from './message-part';

function addressValue(address: EnvelopeAddress): ImapValue {
  const name = address.name === undefined ? null : forHumans(address.name);
  return [name, nstring(address.route), nstring(address.mailbox), nstring(address.domain)];
}

function addresses(part: MessagePart, raw: Buffer, name: string): ImapValue {
  const field = lastField(raw, part.fields, name);
  if (field === undefined) return null;
  const list = readAddressList(foldedValue(raw, field));
  return list.length === 0 ? null : list.map(addressValue);
}

function text(part: MessagePart, raw: Buffer, name: string): string | undefined {
  const field = lastField(raw, part.fields, name);
  return field === undefined ? undefined : unfoldedValue(raw, field);
}

/**
 * The ENVELOPE of a message: the root, or the `message` of a message/rfc822 part.
 * @param part - the message whose header is read
 * @param raw - the raw message the offsets point into
 * @example
 * envelope(parseMessage(raw), raw); // ['Mon, 2 Nov 2026 ...', 'Hello', [['Ana', null, 'ana', 'example.com']], ...]
 */
export function envelope(part: MessagePart, raw: Buffer): ImapValue {
  const subject = text(part, raw, 'subject');
  const from = addresses(part, raw, 'from');
  return [
    nstring(text(part, raw, 'date')),
    subject === undefined ? null : forHumans(subject),
    from,
    addresses(part, raw, 'sender') ?? from,
    addresses(part, raw, 'reply-to') ?? from,
    addresses(part, raw, 'to'),
    addresses(part, raw, 'cc'),
    addresses(part, raw, 'bcc'),
    nstring(text(part, raw, 'in-reply-to')),
    nstring(text(part, raw, 'message-id')),
  ];
}
