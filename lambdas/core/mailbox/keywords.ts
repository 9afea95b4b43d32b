/**
 * Message keywords (RFC 8621 §4.1.1; IMAP flags, RFC 9051 §2.3.2): case-insensitive, stored lower case. The IMAP
 * system flags map to `$seen`, `$flagged`, `$answered`, `$draft`; `\Deleted` and `\Recent` have no keyword (a
 * message lives in one folder and is destroyed at once, Exchange-style).
 */

/** A message carries at most this many keywords. */
export const MAX_KEYWORDS = 100;

// RFC 8621: 1-255 characters of %x21-%x7E, none of ( ) { ] % * " \ (IMAP atom-specials).
const KEYWORD = /^[\x21-\x7e]{1,255}$/;
const FORBIDDEN = /[(){\]%*"\\]/;

/**
 * The normal form of a keyword, or undefined when it is not a valid keyword.
 * @example
 * normalizeKeyword('$Seen'); // '$seen'
 */
export function normalizeKeyword(keyword: string): string | undefined {
  return KEYWORD.test(keyword) && !FORBIDDEN.test(keyword) ? keyword.toLowerCase() : undefined;
}

/** A keyword change: replace the whole set, or add and remove some. */
export type KeywordChange =
  | { readonly set: readonly string[] }
  | { readonly add?: readonly string[]; readonly remove?: readonly string[] };

/**
 * Applies a keyword change to a message's keywords.
 * @returns the sorted new set, the first invalid keyword, or `tooMany` past {@link MAX_KEYWORDS}
 * @example
 * applyKeywordChange(['$seen'], { add: ['$Flagged'] }); // { keywords: ['$flagged', '$seen'] }
 */
export function applyKeywordChange(
  current: readonly string[],
  change: KeywordChange,
): { readonly keywords: readonly string[] } | { readonly invalid: string } | { readonly tooMany: true } {
  const named = 'set' in change ? change.set : [...(change.add ?? []), ...(change.remove ?? [])];
  for (const keyword of named) if (normalizeKeyword(keyword) === undefined) return { invalid: keyword };
  const normal = (list: readonly string[] | undefined) =>
    (list ?? []).map((k) => normalizeKeyword(k) as string);
  let result: Set<string>;
  if ('set' in change) {
    result = new Set(normal(change.set));
  } else {
    result = new Set(current);
    for (const keyword of normal(change.add)) result.add(keyword);
    for (const keyword of normal(change.remove)) result.delete(keyword);
  }
  const keywords = [...result].sort();
  if (keywords.length > MAX_KEYWORDS) return { tooMany: true };
  return { keywords };
}

/**
 * Whether two normalized keyword lists are the same (same keywords in the same order).
 * @example
 * sameKeywords(['$seen'], ['$seen']); // true
 */
export function sameKeywords(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((keyword, index) => keyword === b[index]);
}
