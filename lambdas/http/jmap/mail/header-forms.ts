/** Header field values in the parsed forms of RFC 8621 §4.1.2, and the header-derived Email properties. */

import {
  decodeEncodedWords,
  parseAddressList,
  parseDateTime,
  parseMessageIds,
  parseUrls,
  unfold,
} from '../../../core/message';
import type { HeaderField } from '../../../core/message';
import type { HeaderForm, HeaderProperty } from './email-properties';

/**
 * The *Text* form (§4.1.2.2): unfolded, leading spaces removed, RFC 2047 encoded words decoded, NFC.
 * @example
 * textForm(' =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r\n again'); // 'Grüße again'
 */
export function textForm(raw: string): string {
  return decodeEncodedWords(unfold(raw).replace(/^ +/, '')).normalize('NFC');
}

/**
 * One field value in a parsed form. Addresses never fail (best effort); MessageIds, Date and URLs are `null`
 * when the value does not parse.
 * @example
 * headerFormValue(' <a@example.com>', 'MessageIds'); // ['a@example.com']
 */
export function headerFormValue(raw: string, form: HeaderForm): unknown {
  switch (form) {
    case 'Raw':
      return raw;
    case 'Text':
      return textForm(raw);
    case 'Addresses':
      return parseAddressList(raw).flatMap((group) => group.addresses);
    case 'GroupedAddresses':
      return parseAddressList(raw);
    case 'MessageIds':
      return parseMessageIds(raw);
    case 'Date':
      return parseDateTime(raw);
    case 'URLs':
      return parseUrls(raw);
  }
}

/**
 * The value of a `header:…` property over an entity's fields: the last instance (or `null`), or with `:all` every
 * instance in order (or `[]`). Names match case-insensitively.
 * @example
 * headerPropertyValue(headers, { name: 'subject', form: 'Text', all: false }); // 'Hello'
 */
export function headerPropertyValue(headers: readonly HeaderField[], property: HeaderProperty): unknown {
  const lower = property.name.toLowerCase();
  const values = headers.filter((field) => field.name.toLowerCase() === lower).map((field) => field.value);
  if (property.all) return values.map((value) => headerFormValue(value, property.form));
  const last = values.at(-1);
  return last === undefined ? null : headerFormValue(last, property.form);
}

/** The Email properties that are shorthands for a header property (§4.1.3). */
export const CONVENIENCE_HEADERS: Readonly<Record<string, HeaderProperty>> = {
  messageId: { name: 'Message-ID', form: 'MessageIds', all: false },
  inReplyTo: { name: 'In-Reply-To', form: 'MessageIds', all: false },
  references: { name: 'References', form: 'MessageIds', all: false },
  sender: { name: 'Sender', form: 'Addresses', all: false },
  from: { name: 'From', form: 'Addresses', all: false },
  to: { name: 'To', form: 'Addresses', all: false },
  cc: { name: 'Cc', form: 'Addresses', all: false },
  bcc: { name: 'Bcc', form: 'Addresses', all: false },
  replyTo: { name: 'Reply-To', form: 'Addresses', all: false },
  subject: { name: 'Subject', form: 'Text', all: false },
  sentAt: { name: 'Date', form: 'Date', all: false },
};

/**
 * The `headers` property: every field in order, `{ name, value }` in *Raw* form.
 * @example
 * emailHeaders(entity.headers); // [{ name: 'Subject', value: ' Hello' }]
 */
export function emailHeaders(headers: readonly HeaderField[]): { name: string; value: string }[] {
  return headers.map((field) => ({ name: field.name, value: field.value }));
}
