/**
 * FETCH arguments (RFC 9051 §6.4.5, RFC 3516 BINARY, RFC 7162 CONDSTORE/QRESYNC): the attributes, with the macros
 * ALL, FAST and FULL expanded, sections like `BODY.PEEK[1.2.HEADER.FIELDS (A B)]<0.100>`, and the modifiers.
 */
import { ImapSyntaxError, type Tokenizer } from './tokenizer';
import type { FetchItem, PartNumbers, Partial, SectionSpec } from './types';

const SIMPLE = new Set([
  'FLAGS',
  'UID',
  'INTERNALDATE',
  'RFC822.SIZE',
  'ENVELOPE',
  'BODYSTRUCTURE',
  'BODY',
  'MODSEQ',
  'RFC822',
  'RFC822.HEADER',
  'RFC822.TEXT',
]);

const simple = (type: string): FetchItem => ({ type }) as FetchItem;
const FAST = ['FLAGS', 'INTERNALDATE', 'RFC822.SIZE'].map(simple);
const MACROS: Record<string, FetchItem[]> = {
  FAST,
  ALL: [...FAST, simple('ENVELOPE')],
  FULL: [...FAST, simple('ENVELOPE'), simple('BODY')],
};

const isNameChar = (byte: number): boolean =>
  (byte >= 0x41 && byte <= 0x5a) ||
  (byte >= 0x61 && byte <= 0x7a) ||
  (byte >= 0x30 && byte <= 0x39) ||
  byte === 0x2e;

/** A section's numbers and text (`1.2.HEADER.FIELDS` → [1, 2] and `HEADER.FIELDS`), as one word of name chars. */
function sectionWord(t: Tokenizer): { part: number[]; text: string } {
  const word = t.run(isNameChar);
  if (word === '') return { part: [], text: '' };
  const segments = word.split('.');
  const part: number[] = [];
  while (segments.length > 0 && /^[1-9][0-9]{0,9}$/.test(segments[0])) part.push(Number(segments.shift()));
  if (segments.some((segment) => segment === '' || /[0-9]/.test(segment))) {
    throw new ImapSyntaxError('Invalid section');
  }
  return { part, text: segments.join('.').toUpperCase() };
}

const TEXTS = new Set(['HEADER', 'HEADER.FIELDS', 'HEADER.FIELDS.NOT', 'TEXT', 'MIME']);

function section(t: Tokenizer): SectionSpec {
  t.expect(0x5b, 'Expected [');
  const { part, text } = sectionWord(t);
  if (text !== '' && (!TEXTS.has(text) || (text === 'MIME' && part.length === 0))) {
    throw new ImapSyntaxError('Invalid section');
  }
  let fields: string[] | undefined;
  if (text.startsWith('HEADER.FIELDS')) {
    t.sp();
    fields = [];
    const names = fields;
    t.list(() => names.push(t.astring()));
  }
  t.expect(0x5d, 'Expected ]');
  if (text === '') return { part };
  return fields === undefined
    ? { part, text: text as SectionSpec['text'] }
    : { part, text: text as SectionSpec['text'], fields };
}

function partial(t: Tokenizer): Partial | undefined {
  if (!t.accept(0x3c)) return undefined;
  const start = t.number();
  t.expect(0x2e, 'Invalid partial');
  const length = t.nzNumber();
  t.expect(0x3e, 'Invalid partial');
  return { start, length };
}

function binaryPart(t: Tokenizer): PartNumbers {
  t.expect(0x5b, 'Expected [');
  const { part, text } = sectionWord(t);
  if (text !== '') throw new ImapSyntaxError('Invalid binary section');
  t.expect(0x5d, 'Expected ]');
  return part;
}

function fetchItem(t: Tokenizer, allowMacro: boolean): FetchItem[] {
  const name = t.word(isNameChar, 'a fetch attribute').toUpperCase();
  if (t.peek() !== 0x5b) {
    if (allowMacro && MACROS[name] !== undefined) return [...MACROS[name]];
    if (!SIMPLE.has(name)) throw new ImapSyntaxError('Unknown fetch attribute');
    return [simple(name)];
  }
  if (name === 'BODY' || name === 'BODY.PEEK') {
    const spec = section(t);
    return [withPartial({ type: 'BODY[]', peek: name === 'BODY.PEEK', section: spec }, partial(t))];
  }
  if (name === 'BINARY' || name === 'BINARY.PEEK') {
    const part = binaryPart(t);
    return [withPartial({ type: 'BINARY[]', peek: name === 'BINARY.PEEK', part }, partial(t))];
  }
  if (name === 'BINARY.SIZE') return [{ type: 'BINARY.SIZE', part: binaryPart(t) }];
  throw new ImapSyntaxError('Unknown fetch attribute');
}

const withPartial = <T extends object>(item: T, range: Partial | undefined): T =>
  range === undefined ? item : { ...item, partial: range };

/** The attributes: a macro (ALL, FAST, FULL), one attribute, or a parenthesised list of attributes. */
export function fetchItems(t: Tokenizer): FetchItem[] {
  if (t.peek() !== 0x28) return fetchItem(t, true);
  const items: FetchItem[] = [];
  t.list(() => items.push(...fetchItem(t, false)));
  return items;
}

/** The modifiers `(CHANGEDSINCE n [VANISHED])`, in either order. */
export function fetchModifiers(t: Tokenizer): { changedSince?: number; vanished: boolean } {
  let changedSince: number | undefined;
  let vanished = false;
  t.list(() => {
    const name = t.atom('a fetch modifier').toUpperCase();
    if (name === 'CHANGEDSINCE' && changedSince === undefined) {
      t.sp();
      changedSince = t.modseq();
    } else if (name === 'VANISHED' && !vanished) {
      vanished = true;
    } else {
      throw new ImapSyntaxError('Unknown or repeated fetch modifier');
    }
  });
  return { changedSince, vanished };
}
