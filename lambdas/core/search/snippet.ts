import { forEachText, SearchField } from './message-terms';
import { searchTerms, wordSegments } from './terms';

/**
 * Search snippets (JMAP SearchSnippet): where a message matched, with the matching words marked. Computed from the
 * message itself, decrypted in the request that asks, never stored.
 */

/** Most octets of a preview snippet as sent, marks and escapes included (RFC 8621 §5.1: at most 255). */
const PREVIEW_OCTETS = 255;
/** Characters kept before the first match, so that it reads in context. */
const LEAD_CHARACTERS = 40;

/** The subject and a body excerpt with the query's words in `<mark>`, HTML-escaped; `null` where nothing matched. */
export interface Snippet {
  readonly subject: string | null;
  readonly preview: string | null;
}

/**
 * The snippet of one message for a set of query words (as `searchTerms` returns them).
 * @example
 * snippetOf(raw, new Set(['invoice'])).subject; // 'Your <mark>invoice</mark> for May'
 */
export function snippetOf(raw: Buffer, words: ReadonlySet<string>): Snippet {
  let subject: string | null = null;
  let preview: string | null = null;
  forEachText(raw, (text, field) => {
    if (field === SearchField.SUBJECT && subject === null) subject = highlight(text, words, Infinity);
    else if (field === SearchField.BODY && preview === null)
      preview = highlight(text.replace(/\s+/g, ' ').trim(), words, PREVIEW_OCTETS);
  });
  return { subject, preview };
}

/**
 * The text with matching words marked, cut to `maxOctets` (of UTF-8 output) from a little before the first match;
 * `null` without a match.
 */
function highlight(text: string, words: ReadonlySet<string>, maxOctets: number): string | null {
  const pieces: { text: string; marked: boolean }[] = [];
  for (const { segment, isWordLike } of wordSegments(text))
    pieces.push({
      text: segment,
      marked: isWordLike && searchTerms(segment).some((term) => words.has(term)),
    });
  const first = pieces.findIndex((piece) => piece.marked);
  if (first < 0) return null;
  let start = pieces.slice(0, first).reduce((length, piece) => length + piece.text.length, 0);
  start = maxOctets === Infinity ? 0 : Math.max(0, start - LEAD_CHARACTERS);
  let offset = 0;
  let used = 0;
  let out = '';
  for (const piece of pieces) {
    offset += piece.text.length;
    if (offset <= start || (out === '' && piece.text.trim() === '')) continue;
    const html = piece.marked ? `<mark>${escapeHtml(piece.text)}</mark>` : escapeHtml(piece.text);
    const octets = Buffer.byteLength(html);
    if (used + octets > maxOctets) break;
    used += octets;
    out += html;
  }
  return out.trimEnd();
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
