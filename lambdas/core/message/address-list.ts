/**
 * A best-effort RFC 5322 §3.4 `address-list` parser that keeps groups. It accepts the obsolete syntax and common
 * breakage (missing commas, unclosed quotes and groups, bare display names) and never throws.
 */

import { decodeEncodedWords } from './encoded-words';
import { stripComments, unfold } from './field-value';

/** One mailbox: display name (or `null`) and addr-spec. */
export interface MailboxAddress {
  readonly name: string | null;
  readonly email: string;
}

/** A named group, or (name `null`) a run of consecutive mailboxes outside any group. */
export interface AddressGroup {
  readonly name: string | null;
  readonly addresses: MailboxAddress[];
}

type Token =
  | {
      readonly kind: 'word';
      readonly text: string;
      readonly raw: string;
      readonly quoted: boolean;
      readonly space: boolean;
    }
  | { readonly kind: 'comment'; readonly text: string }
  | { readonly kind: 'angle'; readonly text: string }
  | { readonly kind: ',' | ':' | ';' };

const WORD_END = /[\s"(),:;<>]/;

/** Reads a quoted string or comment body from `from` (just after the opening character); quoted-pairs decoded. */
function readDelimited(
  value: string,
  from: number,
  close: string,
): { text: string; next: number; closed: boolean } {
  let text = '';
  let depth = 1;
  let i = from;
  for (; i < value.length; i++) {
    const char = value[i];
    if (char === '\\') text += value[++i] ?? '';
    else if (close === ')' && char === '(') {
      depth++;
      text += char;
    } else if (char === close && --depth === 0) return { text, next: i + 1, closed: true };
    else text += char;
  }
  return { text, next: i, closed: false };
}

/**
 * Where the `<…>` that starts at `from` ends: at its `>`, or, when that is missing, at the next `<` or at a comma
 * outside a quoted string and outside a source route (`@a,@b:`), so that one unclosed bracket loses one address.
 */
function angleEnd(value: string, from: number): number {
  let quoted = false;
  let inRoute = /^\s*@/.test(value.slice(from, from + 64));
  let i = from;
  for (; i < value.length; i++) {
    const char = value[i];
    if (quoted) {
      if (char === '\\') i++;
      else if (char === '"') quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === ':') inRoute = false;
    else if (char === '>' || char === '<' || (char === ',' && !inRoute)) return i;
  }
  return i;
}

function tokenize(value: string): Token[] {
  const tokens: Token[] = [];
  let space = false;
  // After an unclosed quote no quote closes: later ones are stray, so the rest is not searched again for each.
  let quotesClose = true;
  for (let i = 0; i < value.length;) {
    const char = value[i];
    if (/\s/.test(char) || char === '>') {
      space = true;
      i++;
      continue;
    }
    if (char === '"') {
      const { text, next, closed } = quotesClose
        ? readDelimited(value, i + 1, '"')
        : { text: '', next: i, closed: false };
      if (!closed) {
        quotesClose = false;
        // An unclosed quote is read as a stray character, so the rest of the list still parses.
        i++;
        continue;
      }
      tokens.push({ kind: 'word', text, raw: value.slice(i, next), quoted: true, space });
      i = next;
    } else if (char === '(') {
      const { text, next } = readDelimited(value, i + 1, ')');
      tokens.push({ kind: 'comment', text });
      i = next;
    } else if (char === '<') {
      const end = angleEnd(value, i + 1);
      tokens.push({ kind: 'angle', text: value.slice(i + 1, end) });
      i = value[end] === '>' ? end + 1 : end;
    } else if (char === ',' || char === ':' || char === ';') {
      tokens.push({ kind: char });
      i++;
    } else {
      let end = i + 1;
      while (end < value.length && !WORD_END.test(value[end])) end++;
      tokens.push({
        kind: 'word',
        text: value.slice(i, end),
        raw: value.slice(i, end),
        quoted: false,
        space,
      });
      i = end;
    }
    space = tokens[tokens.length - 1].kind === 'comment';
  }
  return tokens;
}

/** A display name (or comment) as RFC 8621 §4.1.2.3 reads it: unquoted, encoded words decoded, trimmed, NFC. */
function displayName(text: string): string | null {
  const name = decodeEncodedWords(text.replace(/[\r\n]/g, ''))
    .trim()
    .normalize('NFC');
  return name === '' ? null : name;
}

function phrase(words: readonly Extract<Token, { kind: 'word' }>[]): string | null {
  let text = '';
  for (const [index, word] of words.entries()) {
    text += (index > 0 && word.space ? ' ' : '') + (word.quoted ? word.text.trim() : word.text);
  }
  return displayName(text);
}

/** An addr-spec inside `<…>`: comments, a source route and white space outside quoted strings removed. */
function angleAddress(text: string): string {
  const withoutRoute = stripComments(text).replace(/^\s*@[^:"]*:/, '');
  let out = '';
  let quoted = false;
  for (let i = 0; i < withoutRoute.length; i++) {
    const char = withoutRoute[i];
    if (char === '"' && withoutRoute[i - 1] !== '\\') quoted = !quoted;
    if (quoted || !/\s/.test(char)) out += char;
  }
  return out;
}

/**
 * Parses an address-list field value (*Raw* form). Mailboxes outside groups are collected into groups named
 * `null`, one per run. A mailbox without a display name takes the comment that follows its addr-spec as name.
 * @example
 * parseAddressList(' "  James Smythe" <james@example.com>, Friends: jane@example.com;');
 * // [{ name: null, addresses: [{ name: 'James Smythe', email: 'james@example.com' }] },
 * //  { name: 'Friends', addresses: [{ name: null, email: 'jane@example.com' }] }]
 */
export function parseAddressList(raw: string): AddressGroup[] {
  const groups: AddressGroup[] = [];
  let group: AddressGroup | undefined;
  let loose: AddressGroup | undefined;
  let words: Extract<Token, { kind: 'word' }>[] = [];
  let angle: string | undefined;
  let comment: string | undefined;

  const flush = () => {
    let address: MailboxAddress | undefined;
    if (angle !== undefined) {
      address = {
        name: phrase(words) ?? (comment === undefined ? null : displayName(comment)),
        email: angleAddress(angle),
      };
    } else if (words.length > 0) {
      const email = words.map((word, index) => (index > 0 && word.space ? ' ' : '') + word.raw).join('');
      address = {
        name: comment === undefined ? null : displayName(comment),
        email: email.replace(/\s*([@.])\s*/g, '$1'),
      };
    }
    if (address && (address.email !== '' || address.name !== null)) {
      if (!group && !loose) groups.push((loose = { name: null, addresses: [] }));
      (group ?? (loose as AddressGroup)).addresses.push(address);
    }
    words = [];
    angle = undefined;
    comment = undefined;
  };

  for (const token of tokenize(unfold(raw))) {
    if (token.kind === ',') flush();
    else if (token.kind === ';') {
      flush();
      group = undefined;
    } else if (token.kind === ':') {
      if (group || angle !== undefined) continue;
      groups.push((group = { name: phrase(words), addresses: [] }));
      loose = undefined;
      words = [];
      comment = undefined;
    } else if (token.kind === 'comment') {
      if ((angle !== undefined || words.length > 0) && comment === undefined) comment = token.text;
    } else if (token.kind === 'angle') {
      if (angle !== undefined) flush();
      angle = token.text;
    } else if (token.kind === 'word') {
      if (angle !== undefined) flush();
      words.push(token);
    }
  }
  flush();
  return groups;
}
