/**
 * A lexical reader for structured header values (RFC 5322 §3.2, RFC 2045 §5.1), lenient the way Dovecot's
 * `rfc822-parser.c` is, so that addresses and Content-* fields come out as Dovecot reports them. Values are latin1
 * strings: one character per byte, so 8-bit bytes pass through unchanged.
 *
 * Each `read*` method returns 1 when more input follows, 0 at the end of input and -1 on a syntax error, and appends
 * what it read to `out.text`.
 */

/** A growable text the reader appends to (Dovecot's `string_t`). */
export interface TextSink {
  text: string;
}

const ATEXT = 1;
const TSPECIAL = 4;

/** Per byte: 0 not atext, 1 atext, 2 alphanumeric or 8-bit, 4 atext but a MIME tspecial (`/`, `=`, `?`). */
const CHAR_CLASS = new Uint8Array(256);
for (let c = 33; c < 256; c++)
  CHAR_CLASS[c] = c >= 127 || /[A-Za-z0-9]/.test(String.fromCharCode(c)) ? 2 : ATEXT;
CHAR_CLASS[127] = 0;
for (const c of '"(),.:;<>@[\\]') CHAR_CLASS[c.charCodeAt(0)] = 0;
for (const c of '/=?') CHAR_CLASS[c.charCodeAt(0)] = TSPECIAL;

/** Whether a byte is `atext` (RFC 5322 §3.2.3, with 8-bit bytes allowed). */
export function isAtext(c: number): boolean {
  return c < 256 && CHAR_CLASS[c] !== 0;
}

function isMimeTokenChar(c: number): boolean {
  return c < 256 && ((CHAR_CLASS[c] & 3) !== 0 || c === 0x2e);
}

/** Text with each NUL as U+FFFD (UTF-8 bytes, as latin1 characters), as Dovecot reads quoted strings and comments. */
function withoutNul(text: string): string {
  return text.replace(/\0/g, '\xef\xbf\xbd');
}

/** A cursor over one header value. */
export class Rfc822Reader {
  pos = 0;
  /** The text of the last comment skipped, when comments are recorded (addresses use it as a display name). */
  lastComment = '';

  constructor(
    readonly input: string,
    readonly end = input.length,
  ) {}

  /** The byte at the cursor, or -1 at the end. */
  peek(): number {
    return this.pos < this.end ? this.input.charCodeAt(this.pos) : -1;
  }

  atEnd(): boolean {
    return this.pos >= this.end;
  }

  /** Skips a (nested) comment at the cursor, remembering its text. */
  private skipComment(): number {
    let level = 1;
    let text = '';
    let start = ++this.pos;
    for (; this.pos < this.end; this.pos++) {
      const c = this.input[this.pos];
      if (c === '(') level++;
      else if (c === ')') {
        if (--level === 0) {
          this.lastComment = withoutNul(text + this.input.slice(start, this.pos));
          this.pos++;
          return this.pos < this.end ? 1 : 0;
        }
      } else if (c === '\\') {
        text += this.input.slice(start, this.pos);
        start = this.pos + 1;
        if (++this.pos >= this.end) return -1;
      }
    }
    return -1;
  }

  /** Skips whitespace, line breaks and comments. */
  skipLwsp(): number {
    while (this.pos < this.end) {
      const c = this.input[this.pos];
      if (c === ' ' || c === '\t' || c === '\r' || c === '\n') this.pos++;
      else if (c === '(') {
        if (this.skipComment() < 0) return -1;
      } else break;
    }
    return this.pos < this.end ? 1 : 0;
  }

  private takeWhile(accept: (c: number) => boolean, out: TextSink): number {
    const start = this.pos;
    while (this.pos < this.end && accept(this.input.charCodeAt(this.pos))) this.pos++;
    out.text += this.input.slice(start, this.pos);
    return this.pos < this.end ? this.skipLwsp() : 0;
  }

  readAtom(out: TextSink): number {
    if (!isAtext(this.peek())) return -1;
    return this.takeWhile(isAtext, out);
  }

  /** `dot-atom`, allowing whitespace around the dots (RFC 822). */
  readDotAtom(out: TextSink): number {
    if (!isAtext(this.peek())) return -1;
    for (;;) {
      const ret = this.takeWhile(isAtext, out);
      if (ret <= 0 || this.peek() !== 0x2e) return ret;
      this.pos++;
      out.text += '.';
      const next = this.skipLwsp();
      if (next <= 0) return next;
    }
  }

  /** A MIME `token` (RFC 2045), dots allowed. */
  readMimeToken(out: TextSink): number {
    return this.takeWhile(isMimeTokenChar, out);
  }

  /** A quoted string at the cursor, unescaped, with folding line breaks removed. */
  readQuotedString(out: TextSink): number {
    let start = ++this.pos;
    for (; this.pos < this.end; this.pos++) {
      const c = this.input[this.pos];
      if (c === '"') {
        out.text += withoutNul(this.input.slice(start, this.pos));
        this.pos++;
        return this.skipLwsp();
      }
      if (c === '\n') {
        const stop = this.pos > start && this.input[this.pos - 1] === '\r' ? this.pos - 1 : this.pos;
        out.text += withoutNul(this.input.slice(start, stop));
        start = this.pos + 1;
      } else if (c === '\\') {
        if (++this.pos >= this.end) return -1;
        out.text += withoutNul(this.input.slice(start, this.pos - 1));
        start = this.pos;
      }
    }
    return -1;
  }

  /** `phrase` / `obs-phrase`: words joined by one space, dots allowed. */
  readPhrase(out: TextSink): number {
    if (this.atEnd()) return 0;
    if (this.peek() === 0x2e) return -1;
    for (;;) {
      const ret =
        this.peek() === 0x22
          ? this.readQuotedString(out)
          : this.takeWhile((c) => isAtext(c) || c === 0x2e, out);
      if (ret <= 0) return ret;
      const c = this.peek();
      if (!isAtext(c) && c !== 0x22 && c !== 0x2e) break;
      out.text += ' ';
    }
    return this.skipLwsp();
  }

  /** `domain` after the `@` at the cursor: a dot-atom or a domain literal. */
  readDomain(out: TextSink): number {
    this.pos++;
    if (this.skipLwsp() <= 0) return -1;
    if (this.peek() !== 0x5b) return this.readDotAtom(out);
    const start = this.pos;
    for (; this.pos < this.end; this.pos++) {
      const c = this.input[this.pos];
      if (c === '\\') {
        if (++this.pos >= this.end) break;
      } else if (c === ']') {
        this.pos++;
        out.text += this.input.slice(start, this.pos);
        return this.skipLwsp();
      }
    }
    return -1;
  }
}
