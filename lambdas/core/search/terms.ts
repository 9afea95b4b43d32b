/**
 * Search terms: how text becomes the words the index keeps and a query looks up. Indexing and querying share this
 * one function, so a query finds a message exactly when every word it names was in the message.
 */

/** Longer words are not indexed (hashes, base64 runs, URLs' long paths). */
export const MAX_TERM_CHARACTERS = 64;

/** Words are found by ICU's word segmentation (which splits scripts written without spaces) in any locale. */
const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });
/** Inside a segment, letters and digits make words; `example.com` and `o'clock` are two words each. */
const WORD = /[\p{L}\p{N}]+/gu;
const MARKS = /\p{M}+/gu;

/**
 * The words of a text, normalised: compatibility-decomposed, accents dropped, lower case. Repeated words appear
 * once, in order of first appearance.
 * @example
 * searchTerms('Café déjà-vu, ALICE@Example.com'); // ['cafe', 'deja', 'vu', 'alice', 'example', 'com']
 */
export function searchTerms(text: string): string[] {
  const terms = new Set<string>();
  const normalised = text.normalize('NFKD').replace(MARKS, '').toLowerCase();
  for (const { segment, isWordLike } of segmenter.segment(normalised)) {
    if (!isWordLike) continue;
    for (const [word] of segment.matchAll(WORD)) if (word.length <= MAX_TERM_CHARACTERS) terms.add(word);
  }
  return [...terms];
}
