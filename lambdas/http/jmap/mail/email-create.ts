import { randomUUID } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { CreatedIds } from '../created-ids';
import { HARD_QUOTAS } from '../../../core/config/quotas';
import { isObject } from './arguments';
import type { MailMethodDeps, MailTarget } from './context';
import { blobContent, storedEmailFields, storeEmail } from './email-import';
import { EMAIL_CONTENT_PROPERTIES } from './email-properties';
import type { SetError } from './set-errors';

/**
 * Email/set `create` (RFC 8621 §4.6): a new Email (a draft, usually) from its properties. The message is composed by
 * nodemailer's MailComposer (a maintained MIME writer) from the header properties, `textBody`/`htmlBody` with their
 * `bodyValues`, and `attachments` (blobs of this account: uploads, messages, body parts); Bcc is kept, as a draft
 * needs it (sending strips it). `bodyStructure` is not accepted: clients that build their own tree upload the
 * message and use Email/import.
 */

/** Properties a client may set on create (§4.6): the content properties but the derived ones, and three of the index. */
const SETTABLE = new Set<string>([
  ...EMAIL_CONTENT_PROPERTIES.filter(
    (property) => !['headers', 'bodyStructure', 'hasAttachment', 'preview'].includes(property),
  ),
  'mailboxIds',
  'keywords',
  'receivedAt',
]);
const ADDRESS_PROPERTIES = ['from', 'sender', 'to', 'cc', 'bcc', 'replyTo'] as const;
const EMAIL = /^[^\s@<>",;]+@[^\s@<>",;]+$/;
/** `header:<name>`, `header:<name>:asText` or `header:<name>:asRaw`: one extra header field (RFC 8621 §4.6). */
const HEADER_PROPERTY = /^header:([!-9;-~]+?)(?::(asText|asRaw))?$/;
/** Header fields the properties set; `header:…` may not set them again. */
const OWN_HEADERS = new Set([
  'from',
  'sender',
  'to',
  'cc',
  'bcc',
  'reply-to',
  'subject',
  'date',
  'message-id',
  'in-reply-to',
  'references',
  'mime-version',
  'content-type',
  'content-transfer-encoding',
]);

type Created = { id: string; blobId: string; threadId: string; size: number };
type Address = { name: string; address: string };

/**
 * Creates one Email in the target account.
 * @example
 * await createEmail(deps, target, { mailboxIds: { DRAFTS: true }, subject: 'Hi', … }, createdIds);
 */
export async function createEmail(
  deps: MailMethodDeps,
  target: MailTarget,
  spec: unknown,
  createdIds: CreatedIds,
): Promise<Created | SetError> {
  if (!isObject(spec)) return invalid([], 'An Email to create is an object.');
  const unknown = Object.keys(spec).filter(
    (property) => !SETTABLE.has(property) && !HEADER_PROPERTY.test(property),
  );
  if (unknown.length > 0)
    return invalid(unknown, 'These properties are set by the server or not supported on create.');
  const fields = storedEmailFields(spec, createdIds, { keywords: [], receivedAt: Date.now() });
  if ('type' in fields) return fields;
  const addresses: Partial<Record<(typeof ADDRESS_PROPERTIES)[number], Address[]>> = {};
  for (const property of ADDRESS_PROPERTIES) {
    const value = spec[property];
    if (value === undefined || value === null) continue;
    const parsed = addressList(value);
    if (!parsed) return invalid([property], 'A list of { name, email } with valid addresses.');
    addresses[property] = parsed;
  }
  const ids: Record<string, string[]> = {};
  for (const property of ['messageId', 'inReplyTo', 'references'] as const) {
    const value = spec[property];
    if (value === undefined || value === null) continue;
    if (
      !Array.isArray(value) ||
      !value.every((id) => typeof id === 'string' && /^[^\s<>]+@[^\s<>]+$/.test(id))
    )
      return invalid([property], 'A list of message ids without angle brackets.');
    ids[property] = value as string[];
  }
  if (spec.subject !== undefined && spec.subject !== null && typeof spec.subject !== 'string')
    return invalid(['subject']);
  const sentAt =
    spec.sentAt === undefined || spec.sentAt === null ? undefined : Date.parse(String(spec.sentAt));
  if (sentAt !== undefined && !Number.isFinite(sentAt)) return invalid(['sentAt']);
  const headers = extraHeaders(spec);
  if ('invalid' in headers)
    return invalid(
      [headers.invalid],
      'A header field no property sets, content not on the message, one line.',
    );
  const text = bodyText(spec, 'textBody', 'text/plain');
  const html = bodyText(spec, 'htmlBody', 'text/html');
  if (text === null)
    return invalid(['textBody'], 'At most one text/plain part, with its value in bodyValues.');
  if (html === null)
    return invalid(['htmlBody'], 'At most one text/html part, with its value in bodyValues.');
  const attachments = await attachmentsOf(deps, target, spec.attachments);
  if ('type' in attachments) return attachments;
  if (attachments.bytes > HARD_QUOTAS.messageDecodedBytes) return tooLarge();
  const fromDomain = addresses.from?.[0]?.address.split('@')[1] ?? 'mailwright.invalid';
  const composer = new MailComposer({
    ...Object.fromEntries(Object.entries(addresses).map(([key, list]) => [key, list])),
    subject: (spec.subject as string | undefined) ?? undefined,
    messageId: `<${ids.messageId?.[0] ?? `${randomUUID()}@${fromDomain}`}>`,
    ...(ids.inReplyTo ? { inReplyTo: ids.inReplyTo.map((id) => `<${id}>`).join(' ') } : {}),
    ...(ids.references ? { references: ids.references.map((id) => `<${id}>`) } : {}),
    date: new Date(sentAt ?? Date.now()),
    ...(text !== undefined ? { text } : {}),
    ...(html !== undefined ? { html } : {}),
    attachments: attachments.list,
    headers: headers.list.map(({ name, value }) => ({ key: name, value })),
  }).compile();
  composer.keepBcc = true;
  const raw = await composer.build();
  if (raw.length > HARD_QUOTAS.messageMimeBytes) return tooLarge();
  return storeEmail(deps, target, raw, fields);
}

function addressList(value: unknown): Address[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const list: Address[] = [];
  for (const item of value) {
    if (!isObject(item) || typeof item.email !== 'string' || !EMAIL.test(item.email)) return undefined;
    if (item.name !== undefined && item.name !== null && typeof item.name !== 'string') return undefined;
    list.push({ name: (item.name as string | null | undefined) ?? '', address: item.email });
  }
  return list;
}

/** The `header:…` properties as header fields; the first offending property when one is not allowed. */
function extraHeaders(
  spec: Record<string, unknown>,
): { list: { name: string; value: string }[] } | { invalid: string } {
  const list: { name: string; value: string }[] = [];
  for (const [property, value] of Object.entries(spec)) {
    const name = HEADER_PROPERTY.exec(property)?.[1];
    if (name === undefined) continue;
    const lower = name.toLowerCase();
    // Content-* fields describe a body part, not the message (§4.6); the others are set by their own properties.
    if (OWN_HEADERS.has(lower) || lower.startsWith('content-')) return { invalid: property };
    if (typeof value !== 'string' || /[\r\n]/.test(value)) return { invalid: property };
    list.push({ name, value: value.trim() });
  }
  return { list };
}

/** The one body part's text; `undefined` without one; `null` when the property is malformed. */
function bodyText(spec: Record<string, unknown>, property: string, type: string): string | undefined | null {
  const parts = spec[property];
  if (parts === undefined || parts === null) return undefined;
  if (!Array.isArray(parts) || parts.length > 1) return null;
  if (parts.length === 0) return undefined;
  const [part] = parts as unknown[];
  if (!isObject(part) || typeof part.partId !== 'string' || (part.type ?? type) !== type) return null;
  const values = isObject(spec.bodyValues) ? spec.bodyValues : {};
  const value = values[part.partId];
  return isObject(value) && typeof value.value === 'string' ? value.value : null;
}

async function attachmentsOf(
  deps: MailMethodDeps,
  target: MailTarget,
  value: unknown,
): Promise<{ list: Record<string, unknown>[]; bytes: number } | SetError> {
  if (value === undefined || value === null) return { list: [], bytes: 0 };
  if (!Array.isArray(value)) return invalid(['attachments']);
  if (value.length > HARD_QUOTAS.attachmentsPerMessage) return tooLarge();
  let bytes = 0;
  const list: Record<string, unknown>[] = [];
  const missing: string[] = [];
  for (const part of value as unknown[]) {
    if (!isObject(part) || typeof part.blobId !== 'string')
      return invalid(['attachments'], 'Each needs a blobId.');
    const content = await blobContent(deps, target, part.blobId);
    if (!content) {
      missing.push(part.blobId);
      continue;
    }
    bytes += content.length;
    // Stop reading once the attachments alone exceed WorkMail's limit (29 MB decoded).
    if (bytes > HARD_QUOTAS.messageDecodedBytes) return tooLarge();
    list.push({
      content,
      ...(typeof part.name === 'string' ? { filename: part.name } : {}),
      contentType: typeof part.type === 'string' ? part.type : 'application/octet-stream',
      contentDisposition: part.disposition === 'inline' ? 'inline' : 'attachment',
      ...(typeof part.cid === 'string' ? { cid: part.cid } : {}),
    });
  }
  if (missing.length > 0) return { type: 'blobNotFound', notFound: missing };
  return { list, bytes };
}

function tooLarge(): SetError {
  return {
    type: 'tooLarge',
    description: "Over WorkMail's message limits (29 MB of attachments, 40 MB of MIME).",
  };
}

function invalid(properties: string[], description?: string): SetError {
  return { type: 'invalidProperties', properties, ...(description ? { description } : {}) };
}
