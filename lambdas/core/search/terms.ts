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
 * once, in order of first appearance; words longer than {@link MAX_TERM_CHARACTERS} are left out.
 * @example
 * searchTerms('Café déjà-vu, ALICE@Example.com'); // ['cafe', 'deja', 'vu', 'alice', 'example', 'com']
 */
export function searchTerms(text: string): string[] {
  return wordsOf(text).terms;
}

/**
 * The words a query condition looks up: as {@link searchTerms}, but none when one of them is too long to have been
 * indexed — such a condition finds nothing rather than every message with its other words.
 * @example
 * queryTerms(`invoice ${'x'.repeat(70)}`); // []
 */
export function queryTerms(text: string): string[] {
  const { terms, tooLong } = wordsOf(text);
  return tooLong ? [] : terms;
}

function wordsOf(text: string): { terms: string[]; tooLong: boolean } {
  const terms = new Set<string>();
  let tooLong = false;
  const normalised = text.normalize('NFKD').replace(MARKS, '').toLowerCase();
  for (const { segment, isWordLike } of wordSegments(normalised)) {
    if (!isWordLike) continue;
    for (const [word] of segment.matchAll(WORD)) {
      if (word.length <= MAX_TERM_CHARACTERS) terms.add(word);
      else tooLong = true;
    }
  }
  return { terms: [...terms], tooLong };
}

/**
 * ICU's word segments of a text, in order, their concatenation the text: what indexing and snippets split text by.
 * @example
 * [...wordSegments('Hi, you')].map((piece) => piece.segment); // ['Hi', ',', ' ', 'you']
 */
export function* wordSegments(text: string): Generator<{ segment: string; isWordLike: boolean }> {
  for (const piece of pieces(text))
    for (const { segment, isWordLike } of segmenter.segment(piece))
      yield { segment, isWordLike: !!isWordLike };
}

/** Characters segmented at once: V8's segmenter slows down more than linearly on long strings (1 MiB took hours). */
const PIECE_CHARACTERS = 4096;

/**
 * The text in pieces of about {@link PIECE_CHARACTERS}, each ending at whitespace, so that no word is cut (a run of
 * that many characters without whitespace — a script written without spaces, a base64 block — is cut where it must).
 */
function* pieces(text: string): Generator<string> {
  let start = 0;
  while (text.length - start > PIECE_CHARACTERS) {
    const limit = start + PIECE_CHARACTERS;
    let end = limit;
    while (end > start && !/\s/.test(text[end])) end--;
    if (end === start) end = limit;
    yield text.slice(start, end);
    start = end;
  }
  yield text.slice(start);
}
