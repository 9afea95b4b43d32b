/** Lexical helpers for header field values: unfolding and removing RFC 5322 comments. */

/**
 * Unfolds a field value (RFC 5322 §2.2.3): removes every line break, keeping the white space that follows it.
 * @example
 * unfold(' a\r\n b'); // ' a b'
 */
export function unfold(value: string): string {
  return /[\r\n]/.test(value) ? value.replace(/\r?\n|\r/g, '') : value;
}

/**
 * Removes the comments (nested, with quoted-pairs) outside quoted strings, each replaced by one space.
 * An unclosed comment runs to the end of the value.
 * @example
 * stripComments('text/plain (plain text); charset="a (b)"'); // 'text/plain  ; charset="a (b)"'
 */
export function stripComments(value: string): string {
  if (!value.includes('(')) return value;
  let out = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const char = value[i];
    if (char === '\\') {
      if (depth === 0) out += value.slice(i, i + 2);
      i++;
    } else if (depth > 0) {
      if (char === '(') depth++;
      else if (char === ')' && --depth === 0) out += ' ';
    } else if (char === '"') {
      quoted = !quoted;
      out += char;
    } else if (char === '(' && !quoted) depth = 1;
    else out += char;
  }
  return out;
}
