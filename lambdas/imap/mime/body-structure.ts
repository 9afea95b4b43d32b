/**
 * BODY and BODYSTRUCTURE (RFC 9051 §7.5.2, RFC 3501 §7.4.2), written the way Dovecot's `imap-bodystructure.c`
 * writes them: types, subtypes and parameter names keep the case they were written in; a missing Content-Type is
 * "text" "plain"; a text part without charset gets ("charset" "us-ascii"); a missing encoding is "7bit"; sizes are
 * octets with bare LFs counted as CRLF; a multipart without parts gets one empty text/plain part, one too deep to
 * be split is "application" "octet-stream" (its parameters kept); message/rfc822
 * (and message/global) parts carry the embedded message's ENVELOPE, structure and their line count.
 */
import type { ImapValue } from '../protocol/types';
import type { MimeParameter } from './content-fields';
import { envelope } from './envelope';
import { nstring, withoutLineBreaks } from './imap-text';
import { isText, type MessagePart } from './message-part';

const DEFAULT_CHARSET: MimeParameter = ['charset', 'us-ascii'];

function parameters(params: readonly MimeParameter[], withCharset: boolean): ImapValue {
  const list = [...params];
  if (withCharset && !params.some(([name]) => name.toLowerCase() === 'charset')) list.push(DEFAULT_CHARSET);
  return list.length === 0 ? null : list.flatMap(([name, value]) => [nstring(name), nstring(value)]);
}

/** The extension data shared by all parts: disposition, language, location. */
function commonExtension(part: MessagePart): ImapValue[] {
  const { disposition, dispositionParams, language, location } = part.content;
  return [
    disposition === undefined ? null : [nstring(disposition), parameters(dispositionParams, false)],
    language === undefined ? null : language.map(nstring),
    withoutLineBreaks(location),
  ];
}

function emptyBody(extensible: boolean): ImapValue {
  const basic: ImapValue[] = ['text', 'plain', ['charset', 'us-ascii'], null, null, '7bit', 0, 0];
  return extensible ? [...basic, null, null, null, null] : basic;
}

function multipart(part: MessagePart, raw: Buffer, extensible: boolean): ImapValue {
  const children =
    part.children.length === 0
      ? [emptyBody(extensible)]
      : part.children.map((child) => bodyStructure(child, raw, extensible));
  const subtype = nstring(part.content.subtype ?? '');
  if (!extensible) return [...children, subtype];
  return [...children, subtype, parameters(part.content.params, false), ...commonExtension(part)];
}

function singlePart(part: MessagePart, raw: Buffer, extensible: boolean): ImapValue {
  const { content } = part;
  const text = isText(part);
  let type: ImapValue[];
  if (part.kind === 'message') type = ['message', (content.subtype ?? 'rfc822').toLowerCase()];
  else if (content.type === undefined) type = ['text', 'plain'];
  // A multipart that is not split (too deep) is opaque bytes, as Dovecot says.
  else if (content.type.toLowerCase() === 'multipart') type = ['application', 'octet-stream'];
  else type = [nstring(content.type), nstring(content.subtype ?? '')];
  const fields: ImapValue[] = [
    ...type,
    parameters(content.params, text),
    withoutLineBreaks(content.id),
    withoutLineBreaks(content.description),
    nstring(content.transferEncoding ?? '7bit'),
    part.bodySize,
  ];
  if (text) fields.push(part.bodyLines);
  else if (part.message !== undefined) {
    const inner = part.message;
    fields.push(envelope(inner, raw), bodyStructure(inner, raw, extensible), part.bodyLines);
  }
  if (extensible) fields.push(withoutLineBreaks(content.md5), ...commonExtension(part));
  return fields;
}

/**
 * BODYSTRUCTURE (`extensible`) or BODY of a part: the root, a part, or an embedded message.
 * @param part - the part to describe
 * @param raw - the raw message the offsets point into
 * @param extensible - true for BODYSTRUCTURE (with extension data), false for BODY
 * @example
 * bodyStructure(parseMessage(raw), raw, true); // ['text', 'plain', ['charset', 'utf-8'], null, null, '7bit', 42, 2, ...]
 */
export function bodyStructure(part: MessagePart, raw: Buffer, extensible: boolean): ImapValue {
  return part.kind === 'multipart' ? multipart(part, raw, extensible) : singlePart(part, raw, extensible);
}
