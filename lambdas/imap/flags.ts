import { normalizeKeyword } from '../core/mailbox/keywords';

/**
 * IMAP flags ↔ the model's keywords (RFC 8621 §4.1.1): the system flags map to `$seen`, `$answered`, `$flagged`,
 * `$draft`, and `\Deleted` to `$deleted` (marked for EXPUNGE; JMAP clients see the keyword). Other keywords are
 * IMAP keywords as they are; `\Recent` is never set (no session "owns" new mail here).
 */
const SYSTEM_FLAGS: ReadonlyMap<string, string> = new Map([
  ['\\seen', '$seen'],
  ['\\answered', '$answered'],
  ['\\flagged', '$flagged'],
  ['\\draft', '$draft'],
  ['\\deleted', '$deleted'],
]);
const FLAG_OF = new Map([...SYSTEM_FLAGS].map(([flag, keyword]) => [keyword, flag]));
const DISPLAY: ReadonlyMap<string, string> = new Map([
  ['\\seen', '\\Seen'],
  ['\\answered', '\\Answered'],
  ['\\flagged', '\\Flagged'],
  ['\\draft', '\\Draft'],
  ['\\deleted', '\\Deleted'],
]);

/** The keyword marking a message for EXPUNGE. */
export const DELETED_KEYWORD = '$deleted';
/** The keyword of `\Seen`. */
export const SEEN_KEYWORD = '$seen';

/** FLAGS of SELECT: the system flags. PERMANENTFLAGS adds `\*` (any keyword may be set). */
export const SYSTEM_FLAG_NAMES = ['\\Answered', '\\Flagged', '\\Deleted', '\\Seen', '\\Draft'] as const;

/**
 * The keyword a flag sets, or undefined for a flag that cannot be stored (`\Recent`, another `\` flag, a bad atom).
 * @example
 * keywordOf('\\Seen'); // '$seen'
 */
export function keywordOf(flag: string): string | undefined {
  const lower = flag.toLowerCase();
  if (lower.startsWith('\\')) return SYSTEM_FLAGS.get(lower);
  return normalizeKeyword(flag);
}

/**
 * The flags of a message's keywords, system flags in their usual spelling.
 * @example
 * flagsOf(['$seen', 'work']); // ['\\Seen', 'work']
 */
export function flagsOf(keywords: readonly string[]): string[] {
  return keywords.map((keyword) => {
    const flag = FLAG_OF.get(keyword);
    return flag ? (DISPLAY.get(flag) as string) : keyword;
  });
}
