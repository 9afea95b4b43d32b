/**
 * Email and EmailBodyPart property names (RFC 8621 §4.1, §4.2): the defaults, the `header:{name}[:as{Form}][:all]`
 * syntax, and which parsed forms each header field allows (§4.1.2).
 */

import { JmapMethodError } from '../errors';

/** The parsed forms of §4.1.2. */
export type HeaderForm = 'Raw' | 'Text' | 'Addresses' | 'GroupedAddresses' | 'MessageIds' | 'Date' | 'URLs';

/** A `header:…` property, read. */
export interface HeaderProperty {
  /** The field name as the client wrote it. */
  readonly name: string;
  readonly form: HeaderForm;
  /** `:all`: every instance, in message order, instead of the last one. */
  readonly all: boolean;
}

/** Properties that come from the mailbox index, not from the message's content. */
export const EMAIL_METADATA_PROPERTIES = [
  'id',
  'blobId',
  'threadId',
  'mailboxIds',
  'keywords',
  'size',
  'receivedAt',
];

/** Properties derived from the message's content, other than `header:…`. */
export const EMAIL_CONTENT_PROPERTIES = [
  'headers',
  'messageId',
  'inReplyTo',
  'references',
  'sender',
  'from',
  'to',
  'cc',
  'bcc',
  'replyTo',
  'subject',
  'sentAt',
  'bodyStructure',
  'bodyValues',
  'textBody',
  'htmlBody',
  'attachments',
  'hasAttachment',
  'preview',
];

/** EmailBodyPart properties, other than `header:…`. */
export const BODY_PART_PROPERTIES = [
  'partId',
  'blobId',
  'size',
  'headers',
  'name',
  'type',
  'charset',
  'disposition',
  'cid',
  'language',
  'location',
  'subParts',
];

/** Email/parse's `properties` when the client gives none (§4.9). */
export const DEFAULT_EMAIL_PARSE_PROPERTIES = [
  'messageId',
  'inReplyTo',
  'references',
  'sender',
  'from',
  'to',
  'cc',
  'bcc',
  'replyTo',
  'subject',
  'sentAt',
  'hasAttachment',
  'preview',
  'bodyValues',
  'textBody',
  'htmlBody',
  'attachments',
];

/** Email/get's `properties` when the client gives none (§4.2): the metadata, then Email/parse's default. */
export const DEFAULT_EMAIL_GET_PROPERTIES = [...EMAIL_METADATA_PROPERTIES, ...DEFAULT_EMAIL_PARSE_PROPERTIES];

/** `bodyProperties` when the client gives none (§4.2). */
export const DEFAULT_BODY_PROPERTIES = [
  'partId',
  'blobId',
  'size',
  'name',
  'type',
  'charset',
  'disposition',
  'cid',
  'language',
  'location',
];

const FORMS: readonly HeaderForm[] = [
  'Raw',
  'Text',
  'Addresses',
  'GroupedAddresses',
  'MessageIds',
  'Date',
  'URLs',
];
const ADDRESS_FIELDS = ['from', 'sender', 'reply-to', 'to', 'cc', 'bcc'];
const RESENT_ADDRESS_FIELDS = [
  'resent-from',
  'resent-sender',
  'resent-reply-to',
  'resent-to',
  'resent-cc',
  'resent-bcc',
];
const URL_FIELDS = [
  'list-help',
  'list-unsubscribe',
  'list-subscribe',
  'list-post',
  'list-owner',
  'list-archive',
];
/** Fields RFC 5322 or RFC 2369 define: only the forms listed for them are allowed; any other field allows all. */
const DEFINED_FIELDS = new Set([
  ...ADDRESS_FIELDS,
  ...RESENT_ADDRESS_FIELDS.filter((name) => name !== 'resent-reply-to'),
  ...URL_FIELDS,
  'date',
  'message-id',
  'in-reply-to',
  'references',
  'subject',
  'comments',
  'keywords',
  'resent-date',
  'resent-message-id',
  'return-path',
  'received',
]);
const ALLOWED: Readonly<Record<Exclude<HeaderForm, 'Raw'>, ReadonlySet<string>>> = {
  Text: new Set(['subject', 'comments', 'keywords', 'list-id']),
  Addresses: new Set([...ADDRESS_FIELDS, ...RESENT_ADDRESS_FIELDS]),
  GroupedAddresses: new Set([...ADDRESS_FIELDS, ...RESENT_ADDRESS_FIELDS]),
  MessageIds: new Set(['message-id', 'in-reply-to', 'references', 'resent-message-id']),
  Date: new Set(['date', 'resent-date']),
  URLs: new Set(URL_FIELDS),
};

/**
 * Whether a header field may be fetched in a parsed form (§4.1.2): *Raw* always; the others on the fields they
 * list and on any field RFC 5322 and RFC 2369 do not define.
 * @example
 * isFormAllowed('From', 'Date'); // false
 * isFormAllowed('X-Mailer', 'Date'); // true
 */
export function isFormAllowed(name: string, form: HeaderForm): boolean {
  const lower = name.toLowerCase();
  return form === 'Raw' || !DEFINED_FIELDS.has(lower) || ALLOWED[form].has(lower);
}

/**
 * Reads a `header:{name}[:as{Form}][:all]` property. Returns `undefined` for a property that does not start with
 * `header:`, and a description of the problem when the syntax is wrong or the form is not allowed on the field.
 * @example
 * parseHeaderProperty('header:List-Post:asURLs:all'); // { name: 'List-Post', form: 'URLs', all: true }
 * parseHeaderProperty('header:From:asDate'); // 'header:From:asDate: the Date form is not allowed on From'
 */
export function parseHeaderProperty(property: string): HeaderProperty | string | undefined {
  if (!property.startsWith('header:')) return undefined;
  const [name, ...suffixes] = property.slice('header:'.length).split(':');
  if (!/^[!-9;-~]+$/.test(name))
    return `${property}: a header field name is 1 or more printable ASCII characters`;
  let form: HeaderForm = 'Raw';
  if (suffixes[0]?.startsWith('as')) {
    const given = suffixes.shift()?.slice(2) as HeaderForm;
    if (!FORMS.includes(given)) return `${property}: unknown header form`;
    form = given;
  }
  const all = suffixes[0] === 'all';
  if (all) suffixes.shift();
  if (suffixes.length > 0) return `${property}: expected header:{name}[:as{Form}][:all]`;
  if (!isFormAllowed(name, form)) return `${property}: the ${form} form is not allowed on ${name}`;
  return { name, form, all };
}

function firstProblem(
  properties: readonly unknown[],
  known: readonly string[],
  what: string,
): string | undefined {
  for (const property of properties) {
    if (typeof property !== 'string') return `${what} must be strings`;
    const header = parseHeaderProperty(property);
    if (typeof header === 'string') return header;
    if (header === undefined && !known.includes(property)) return `${what}: unknown property ${property}`;
  }
  return undefined;
}

/**
 * Checks Email/get's or Email/parse's `properties` and `bodyProperties`; `null` or absent means the default.
 * @throws JmapMethodError `invalidArguments` naming the first unknown property or forbidden header form
 * @example
 * assertEmailProperties(['subject', 'header:X-Spam:asText'], ['partId', 'type']);
 */
export function assertEmailProperties(properties: unknown, bodyProperties: unknown): void {
  for (const [value, known, what] of [
    [properties, [...EMAIL_METADATA_PROPERTIES, ...EMAIL_CONTENT_PROPERTIES], 'properties'],
    [bodyProperties, BODY_PART_PROPERTIES, 'bodyProperties'],
  ] as const) {
    if (value === null || value === undefined) continue;
    if (!Array.isArray(value))
      throw new JmapMethodError('invalidArguments', `${what} must be an array or null`);
    const problem = firstProblem(value, known, what);
    if (problem) throw new JmapMethodError('invalidArguments', problem);
  }
}
