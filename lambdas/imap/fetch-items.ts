import { binaryBytes, bodyStructure, envelope, parseMessage, sectionBytes } from './mime';
import { flagsOf } from './flags';
import type { FetchItem, ImapValue, Partial, SectionSpec } from './protocol/types';
import type { ViewMessage } from './selected-folder';

/** Fetch items that need the message's bytes (decrypted in memory, one message at a time). */
const CONTENT_ITEMS = new Set([
  'ENVELOPE',
  'BODYSTRUCTURE',
  'BODY',
  'BODY[]',
  'BINARY[]',
  'BINARY.SIZE',
  'RFC822',
  'RFC822.HEADER',
  'RFC822.TEXT',
]);

/** Whether any of the items needs the message's content. */
export function needsContent(items: readonly FetchItem[]): boolean {
  return items.some((item) => CONTENT_ITEMS.has(item.type));
}

/** Whether every content item is about the message's header (ENVELOPE, its header fields): the body is not read. */
export function needsOnlyHeader(items: readonly FetchItem[]): boolean {
  return items.every(
    (item) =>
      !CONTENT_ITEMS.has(item.type) ||
      item.type === 'ENVELOPE' ||
      item.type === 'RFC822.HEADER' ||
      (item.type === 'BODY[]' &&
        item.section.part.length === 0 &&
        item.section.text?.startsWith('HEADER') === true),
  );
}

/** Whether fetching the items sets `\Seen` (RFC 9051 §6.4.5: BODY[…] and BINARY[…] without PEEK, RFC822, RFC822.TEXT). */
export function setsSeen(items: readonly FetchItem[]): boolean {
  return items.some(
    (item) =>
      ((item.type === 'BODY[]' || item.type === 'BINARY[]') && !item.peek) ||
      item.type === 'RFC822' ||
      item.type === 'RFC822.TEXT',
  );
}

/** What a FETCH response of one message is made from. */
export interface FetchSource {
  readonly message: ViewMessage;
  /** The message bytes, when an item needs them. */
  readonly raw?: Buffer;
  /** Include MODSEQ (CONDSTORE is on). */
  readonly modseq: boolean;
}

/** A refusal while building a response: the part has a transfer encoding BINARY cannot undo. */
export class UnknownTransferEncodingError extends Error {
  constructor() {
    super('Unknown Content-Transfer-Encoding');
    this.name = 'UnknownTransferEncodingError';
  }
}

/**
 * The `att-name value` pairs of one message's FETCH response, in the order asked; UID first when not asked (UID
 * FETCH always reports it), FLAGS and MODSEQ as CONDSTORE wants them.
 */
export function fetchValues(items: readonly FetchItem[], source: FetchSource): ImapValue[] {
  const { message, raw } = source;
  const root = raw ? parseMessage(raw) : undefined;
  // The caller reads the message whenever needsContent(items) says so.
  const content = () => {
    if (!raw || !root) throw new TypeError('A content item was fetched without the message');
    return { raw, root };
  };
  const values: ImapValue[] = [];
  const add = (name: string, value: ImapValue) => values.push({ atom: name }, value);
  for (const item of items) {
    switch (item.type) {
      case 'UID':
        add('UID', message.uid);
        break;
      case 'FLAGS':
        add(
          'FLAGS',
          flagsOf(message.keywords).map((flag) => ({ atom: flag })),
        );
        break;
      case 'INTERNALDATE':
        add('INTERNALDATE', internalDate(message.receivedAt));
        break;
      case 'RFC822.SIZE':
        add('RFC822.SIZE', message.sizeBytes);
        break;
      case 'MODSEQ':
        add('MODSEQ', [message.modseq]);
        break;
      case 'ENVELOPE':
        add('ENVELOPE', envelope(content().root, content().raw));
        break;
      case 'BODYSTRUCTURE':
        add('BODYSTRUCTURE', bodyStructure(content().root, content().raw, true));
        break;
      case 'BODY':
        add('BODY', bodyStructure(content().root, content().raw, false));
        break;
      case 'RFC822':
        add('RFC822', { literal: content().raw });
        break;
      case 'RFC822.HEADER':
        add('RFC822.HEADER', {
          literal:
            sectionBytes(content().root, content().raw, { part: [], text: 'HEADER' }) ?? Buffer.alloc(0),
        });
        break;
      case 'RFC822.TEXT':
        add('RFC822.TEXT', {
          literal: sectionBytes(content().root, content().raw, { part: [], text: 'TEXT' }) ?? Buffer.alloc(0),
        });
        break;
      case 'BODY[]': {
        const bytes = sectionBytes(content().root, content().raw, item.section) ?? Buffer.alloc(0);
        add(`BODY[${sectionName(item.section)}]${origin(item.partial)}`, partialLiteral(bytes, item.partial));
        break;
      }
      case 'BINARY[]': {
        const bytes = binaryBytes(content().root, content().raw, item.part);
        if (bytes === 'unknownEncoding') throw new UnknownTransferEncodingError();
        add(`BINARY[${item.part.join('.')}]${origin(item.partial)}`, {
          ...(partialLiteral(bytes ?? Buffer.alloc(0), item.partial) as { literal: Buffer }),
          binary: true,
        });
        break;
      }
      case 'BINARY.SIZE': {
        const bytes = binaryBytes(content().root, content().raw, item.part);
        if (bytes === 'unknownEncoding') throw new UnknownTransferEncodingError();
        add(`BINARY.SIZE[${item.part.join('.')}]`, bytes?.length ?? 0);
        break;
      }
    }
  }
  return values;
}

/** The section as the response names it, e.g. `1.2.HEADER.FIELDS (FROM TO)`. */
function sectionName(section: SectionSpec): string {
  const part = section.part.join('.');
  const text = section.text ?? '';
  const fields = section.fields ? ` (${section.fields.join(' ')})` : '';
  return `${part}${part && text ? '.' : ''}${text}${fields}`;
}

/** `<start>` of a partial fetch's response name (RFC 9051 §7.5.2). */
function origin(partial: Partial | undefined): string {
  return partial ? `<${partial.start}>` : '';
}

function partialLiteral(bytes: Buffer, partial: Partial | undefined): ImapValue {
  if (!partial) return { literal: bytes };
  return { literal: bytes.subarray(Math.min(partial.start, bytes.length), partial.start + partial.length) };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `"17-Jul-1996 02:44:25 +0000"`: the internal date, in UTC. */
export function internalDate(epochMs: number): string {
  const date = new Date(epochMs);
  const two = (value: number) => String(value).padStart(2, '0');
  return (
    `${two(date.getUTCDate())}-${MONTHS[date.getUTCMonth()]}-${date.getUTCFullYear()} ` +
    `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`
  );
}
