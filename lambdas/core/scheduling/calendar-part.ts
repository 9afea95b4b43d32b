import { parseContentType, readFields } from '../delivery/header-block';
import { decodeBody, decodeText, parseMime, type MimeEntity } from '../message';

/**
 * Whether a message may carry an iMIP part, from its top-level Content-Type alone: text/calendar itself, or a
 * multipart (whose parts are then looked at). Everything else is passed by without reading further.
 * @param rawHeaderBlock - the message's raw header block
 * @example
 * mayCarryCalendar('Content-Type: text/plain\r\n'); // false
 */
export function mayCarryCalendar(rawHeaderBlock: string): boolean {
  const type = parseContentType(readFields(rawHeaderBlock, ['content-type']).get('content-type')).mediaType;
  return type === 'text/calendar' || type.startsWith('multipart/');
}

/**
 * The text of the message's first text/calendar part that names an iTIP method (RFC 6047 §2.4: the `method`
 * parameter), transfer encoding and charset undone; `undefined` when there is none. Messages attached to the
 * message (message/rfc822, a forwarded invitation) are not looked into: they speak for someone else.
 * @example
 * const text = findCalendarPart(raw); // 'BEGIN:VCALENDAR\r\nMETHOD:REQUEST…'
 */
export function findCalendarPart(raw: Buffer): string | undefined {
  const pending: MimeEntity[] = [parseMime(raw).root];
  for (let entity = pending.shift(); entity; entity = pending.shift()) {
    if (entity.type === 'text/calendar' && entity.parameters.has('method'))
      return decodeText(decodeBody(raw, entity), entity.parameters.get('charset')).text;
    pending.push(...entity.subParts);
  }
  return undefined;
}
