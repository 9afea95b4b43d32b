/**
 * The byte-level tokenizer over one framed command (RFC 9051 §4, §9): atoms, quoted strings, literals, numbers.
 * A command is framed by the reader as its lines (without CRLF and without the trailing literal announcement) and
 * the literals between them, so a literal is simply "the end of a line that a literal follows".
 */

/** A literal of a framed command: its bytes, and whether it was a `literal8` (`~{n}`). */
export interface FramedLiteral {
  readonly data: Buffer;
  readonly binary: boolean;
}

/** One command as framed by the reader: `literals[i]` follows `lines[i]`; the last line has none. */
export interface FramedCommand {
  readonly lines: readonly Buffer[];
  readonly literals: readonly FramedLiteral[];
}

/** A command that does not follow the grammar; the message is short and never echoes the input. */
export class ImapSyntaxError extends Error {
  override readonly name = 'ImapSyntaxError';
}

const SP = 0x20;
const DQUOTE = 0x22;
const BACKSLASH = 0x5c;
/** atom-specials besides SP, CTL and 8-bit: `(` `)` `{` `%` `*` `"` `\` `]`. */
const ATOM_SPECIALS = new Set([0x28, 0x29, 0x7b, 0x25, 0x2a, 0x22, 0x5c, 0x5d]);

/** ATOM-CHAR. */
export const isAtomChar = (byte: number): boolean => byte > SP && byte < 0x7f && !ATOM_SPECIALS.has(byte);
/** ASTRING-CHAR: an atom char or `]`. */
export const isAstringChar = (byte: number): boolean => isAtomChar(byte) || byte === 0x5d;
/** list-char: an astring char or a wildcard. */
export const isListChar = (byte: number): boolean => isAstringChar(byte) || byte === 0x25 || byte === 0x2a;
/** A tag char: an astring char except `+`. */
export const isTagChar = (byte: number): boolean => isAstringChar(byte) && byte !== 0x2b;
const MAX_MODSEQ = 2n ** 63n - 1n;
const isDigit = (byte: number): boolean => byte >= 0x30 && byte <= 0x39;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes UTF-8 strictly (IMAP4rev2 strings are UTF-8; anything else is a syntax error). */
export function decodeUtf8(bytes: Buffer): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new ImapSyntaxError('Invalid UTF-8 in string');
  }
}

/** A cursor over a framed command. Every reader method consumes what it returns or throws an ImapSyntaxError. */
export class Tokenizer {
  private line = 0;
  private pos = 0;

  constructor(private readonly input: FramedCommand) {}

  /** The next byte, or -1 at the end of a line. */
  peek(): number {
    const bytes = this.input.lines[this.line];
    return this.pos < bytes.length ? bytes[this.pos] : -1;
  }

  /** At the end of a line that a literal follows. */
  atLiteral(): boolean {
    return this.peek() === -1 && this.line < this.input.literals.length;
  }

  /** At the end of the command. */
  atEnd(): boolean {
    return this.peek() === -1 && this.line >= this.input.literals.length;
  }

  /** Consumes `byte` if it is next. */
  accept(byte: number): boolean {
    if (this.peek() !== byte) return false;
    this.pos += 1;
    return true;
  }

  /** Consumes `byte` or fails with `message`. */
  expect(byte: number, message: string): void {
    if (!this.accept(byte)) throw new ImapSyntaxError(message);
  }

  /** One space. */
  sp(): void {
    this.expect(SP, 'Missing space between arguments');
  }

  /** The end of the command. */
  end(): void {
    if (!this.atEnd()) throw new ImapSyntaxError('Unexpected extra arguments');
  }

  /** Zero or more bytes matching `accept`, as ASCII. */
  run(accept: (byte: number) => boolean): string {
    const bytes = this.input.lines[this.line];
    const start = this.pos;
    while (this.pos < bytes.length && accept(bytes[this.pos])) this.pos += 1;
    return bytes.toString('latin1', start, this.pos);
  }

  /** The bytes matching `accept` that come next, as ASCII, without consuming them. */
  lookahead(accept: (byte: number) => boolean): string {
    const start = this.pos;
    const word = this.run(accept);
    this.pos = start;
    return word;
  }

  /** One or more bytes matching `accept`, or fails naming `what`. */
  word(accept: (byte: number) => boolean, what: string): string {
    const word = this.run(accept);
    if (word === '') throw new ImapSyntaxError(`Expected ${what}`);
    return word;
  }

  /** An atom. */
  atom(what = 'an atom'): string {
    return this.word(isAtomChar, what);
  }

  /** A literal, or a literal8 when `allowBinary`. */
  literal(allowBinary = false): FramedLiteral {
    if (!this.atLiteral()) throw new ImapSyntaxError('Expected a literal');
    const literal = this.input.literals[this.line];
    if (literal.binary && !allowBinary) throw new ImapSyntaxError('literal8 is only allowed in APPEND');
    this.line += 1;
    this.pos = 0;
    return literal;
  }

  /** A quoted string (the opening quote next); only `\"` and `\\` are escapes. */
  quoted(): Buffer {
    this.expect(DQUOTE, 'Expected a quoted string');
    const bytes = this.input.lines[this.line];
    const out: number[] = [];
    for (;;) {
      if (this.pos >= bytes.length) throw new ImapSyntaxError('Unterminated quoted string');
      const byte = bytes[this.pos++];
      if (byte === DQUOTE) return Buffer.from(out);
      if (byte === 0) throw new ImapSyntaxError('NUL in quoted string');
      if (byte === BACKSLASH) {
        const escaped = bytes[this.pos++];
        if (escaped !== DQUOTE && escaped !== BACKSLASH)
          throw new ImapSyntaxError('Invalid escape in quoted string');
        out.push(escaped);
      } else {
        out.push(byte);
      }
    }
  }

  /** A string: quoted or literal. */
  string(): Buffer {
    return this.atLiteral() ? this.literal().data : this.quoted();
  }

  /** An astring's bytes: astring chars, or a string. */
  astringBytes(): Buffer {
    if (this.atLiteral() || this.peek() === DQUOTE) return this.string();
    return Buffer.from(this.word(isAstringChar, 'a string'), 'latin1');
  }

  /** An astring as text. */
  astring(): string {
    return decodeUtf8(this.astringBytes());
  }

  /** `NIL` (returns null) or a string. */
  nstring(): string | null {
    if (this.atLiteral() || this.peek() === DQUOTE) return decodeUtf8(this.string());
    if (this.atom('a string or NIL').toUpperCase() !== 'NIL')
      throw new ImapSyntaxError('Expected a string or NIL');
    return null;
  }

  /** A non-negative number up to `max` (default: 32 bits). */
  number(max = 0xffffffff): number {
    const digits = this.word(isDigit, 'a number');
    if (digits.length > 16 || Number(digits) > max) throw new ImapSyntaxError('Number out of range');
    return Number(digits);
  }

  /** A number from 1 up to `max`. */
  nzNumber(max = 0xffffffff): number {
    const value = this.number(max);
    if (value === 0) throw new ImapSyntaxError('Expected a non-zero number');
    return value;
  }

  /**
   * A mod-sequence value (up to 2^63 - 1 on the wire). Mailwright's own stay below 2^53; a larger one loses
   * precision as a number but still compares above every real one, which is all CHANGEDSINCE and friends need.
   */
  modseq(): number {
    const digits = this.word(isDigit, 'a mod-sequence');
    if (digits.length > 19 || BigInt(digits) > MAX_MODSEQ) throw new ImapSyntaxError('Number out of range');
    return Number(digits);
  }

  /** Runs `item` for each element of a parenthesised, space-separated list (the `(` next). */
  list(item: () => void, allowEmpty = false): void {
    this.expect(0x28, 'Expected a list');
    if (this.accept(0x29)) {
      if (!allowEmpty) throw new ImapSyntaxError('Empty list');
      return;
    }
    for (;;) {
      item();
      if (this.accept(0x29)) return;
      this.sp();
    }
  }
}
