/** The outcome of evaluating a pointer: the value found, or why there is none. */
export type PointerResult =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: string };

const ARRAY_INDEX = /^(0|[1-9][0-9]*)$/;
const BAD_ESCAPE = /~(?![01])/;

/**
 * Evaluates a JSON Pointer (RFC 6901) with JMAP's `*` extension (RFC 8620 §3.7): on an array, `*` applies the rest
 * of the pointer to every item and concatenates the results, flattening results that are arrays by one level.
 * Only own properties are followed, so `/constructor` or `/__proto__` never reach the prototype.
 * @param document - the value to point into
 * @param pointer - `''` (the whole document) or a string starting with `/`
 * @example
 * evaluateJmapPointer({ ids: ['a', 'b'] }, '/ids/1'); // { ok: true, value: 'b' }
 */
export function evaluateJmapPointer(document: unknown, pointer: string): PointerResult {
  if (pointer === '') return { ok: true, value: document };
  if (!pointer.startsWith('/')) return { ok: false, reason: 'the path must be empty or start with "/"' };
  const tokens = pointer.slice(1).split('/');
  if (tokens.some((token) => BAD_ESCAPE.test(token))) {
    return { ok: false, reason: 'the path has a "~" not followed by "0" or "1"' };
  }
  return walk(
    document,
    tokens.map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~')),
  );
}

function walk(document: unknown, tokens: readonly string[]): PointerResult {
  let value = document;
  for (const [index, token] of tokens.entries()) {
    if (Array.isArray(value) && token === '*') return mapOver(value, tokens.slice(index + 1));
    if (Array.isArray(value)) {
      if (!ARRAY_INDEX.test(token) || Number(token) >= value.length) {
        return { ok: false, reason: `'${token}' is not an index of the array there` };
      }
      value = value[Number(token)];
    } else if (value !== null && typeof value === 'object' && Object.hasOwn(value, token)) {
      value = (value as Record<string, unknown>)[token];
    } else {
      return { ok: false, reason: `there is no '${token}' to follow` };
    }
  }
  return { ok: true, value };
}

function mapOver(items: readonly unknown[], rest: readonly string[]): PointerResult {
  const results: unknown[] = [];
  for (const item of items) {
    const result = walk(item, rest);
    if (!result.ok) return result;
    // Pushed one by one: spreading a huge array into push() can exceed the argument limit.
    if (Array.isArray(result.value)) for (const value of result.value) results.push(value);
    else results.push(result.value);
  }
  return { ok: true, value: results };
}
