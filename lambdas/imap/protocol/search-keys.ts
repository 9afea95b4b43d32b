/**
 * SEARCH arguments (RFC 9051 §6.4.4 and RFC 3501 §6.4.4 keys, RFC 4731 ESEARCH / RFC 5182 SEARCHRES return options,
 * RFC 7162 MODSEQ, RFC 5032 OLDER/YOUNGER). Keys nest through NOT, OR and parentheses, at most
 * {@link MAX_SEARCH_DEPTH} deep so a hostile line cannot exhaust the stack.
 */
import { flag, searchDate, sequenceSet } from './arguments';
import { ImapSyntaxError, isAtomChar, type Tokenizer } from './tokenizer';
import type { SearchKey, SearchReturn } from './types';

/** How deeply NOT, OR and parentheses may nest. */
export const MAX_SEARCH_DEPTH = 64;

const FLAG_KEYS: Record<string, { flag: string; set: boolean }> = {
  ANSWERED: { flag: '\\Answered', set: true },
  DELETED: { flag: '\\Deleted', set: true },
  DRAFT: { flag: '\\Draft', set: true },
  FLAGGED: { flag: '\\Flagged', set: true },
  SEEN: { flag: '\\Seen', set: true },
  UNANSWERED: { flag: '\\Answered', set: false },
  UNDELETED: { flag: '\\Deleted', set: false },
  UNDRAFT: { flag: '\\Draft', set: false },
  UNFLAGGED: { flag: '\\Flagged', set: false },
  UNSEEN: { flag: '\\Seen', set: false },
};
const HEADER_KEYS = new Set(['BCC', 'CC', 'FROM', 'SUBJECT', 'TO']);
const DATE_KEYS: Record<string, { field: 'internal' | 'sent'; op: 'before' | 'on' | 'since' }> = {
  BEFORE: { field: 'internal', op: 'before' },
  ON: { field: 'internal', op: 'on' },
  SINCE: { field: 'internal', op: 'since' },
  SENTBEFORE: { field: 'sent', op: 'before' },
  SENTON: { field: 'sent', op: 'on' },
  SENTSINCE: { field: 'sent', op: 'since' },
};
const WITH_ARGUMENTS = new Set([
  'NOT',
  'OR',
  'KEYWORD',
  'UNKEYWORD',
  'HEADER',
  'BODY',
  'TEXT',
  'LARGER',
  'SMALLER',
  'UID',
  'MODSEQ',
  'OLDER',
  'YOUNGER',
]);
const RETURNS = new Set<string>(['MIN', 'MAX', 'ALL', 'COUNT', 'SAVE']);
const ENTRY_TYPES = new Set(['PRIV', 'SHARED', 'ALL']);

class KeyParser {
  constructor(private readonly t: Tokenizer) {}

  key(depth: number): SearchKey {
    if (depth > MAX_SEARCH_DEPTH) throw new ImapSyntaxError('Search keys nested too deeply');
    const t = this.t;
    const next = t.peek();
    if (next === 0x28) {
      const keys: SearchKey[] = [];
      t.list(() => keys.push(this.key(depth + 1)));
      return keys.length === 1 ? keys[0] : { type: 'and', keys };
    }
    if ((next >= 0x30 && next <= 0x39) || next === 0x2a || next === 0x24)
      return { type: 'seq', set: sequenceSet(t) };
    return this.named(t.atom('a search key').toUpperCase(), depth);
  }

  private named(name: string, depth: number): SearchKey {
    const t = this.t;
    if (name === 'ALL') return { type: 'all' };
    if (FLAG_KEYS[name] !== undefined) return { type: 'flag', ...FLAG_KEYS[name] };
    if (name === 'RECENT' || name === 'OLD') return { type: 'recent', set: name === 'RECENT' };
    if (name === 'NEW') {
      return {
        type: 'and',
        keys: [
          { type: 'recent', set: true },
          { type: 'flag', flag: '\\Seen', set: false },
        ],
      };
    }
    if (!WITH_ARGUMENTS.has(name) && !HEADER_KEYS.has(name) && DATE_KEYS[name] === undefined) {
      throw new ImapSyntaxError('Unknown search key');
    }
    t.sp();
    if (name === 'NOT') return { type: 'not', key: this.key(depth + 1) };
    if (name === 'OR') {
      const left = this.key(depth + 1);
      t.sp();
      return { type: 'or', left, right: this.key(depth + 1) };
    }
    if (name === 'KEYWORD' || name === 'UNKEYWORD') {
      if (t.peek() === 0x5c) throw new ImapSyntaxError('KEYWORD takes a keyword, not a system flag');
      return { type: 'flag', flag: flag(t), set: name === 'KEYWORD' };
    }
    if (HEADER_KEYS.has(name)) return { type: 'header', field: name.toLowerCase(), value: t.astring() };
    if (name === 'HEADER') {
      const field = t.astring().toLowerCase();
      t.sp();
      return { type: 'header', field, value: t.astring() };
    }
    if (name === 'BODY' || name === 'TEXT')
      return { type: name === 'BODY' ? 'body' : 'text', value: t.astring() };
    if (DATE_KEYS[name] !== undefined) return { type: 'date', ...DATE_KEYS[name], date: searchDate(t) };
    if (name === 'LARGER' || name === 'SMALLER') {
      return {
        type: 'size',
        op: name === 'LARGER' ? 'larger' : 'smaller',
        bytes: t.number(Number.MAX_SAFE_INTEGER),
      };
    }
    if (name === 'UID') return { type: 'uid', set: sequenceSet(t) };
    if (name === 'MODSEQ') return this.modseq();
    return { type: 'age', op: name === 'OLDER' ? 'older' : 'younger', seconds: t.nzNumber() };
  }

  /** `MODSEQ ["/flags/<flag>" SP ("priv" / "shared" / "all") SP] n`: the entry is parsed and ignored. */
  private modseq(): SearchKey {
    const t = this.t;
    if (t.peek() === 0x22) {
      const entry = t.quoted().toString('latin1');
      if (!entry.toLowerCase().startsWith('/flags/') || entry.length === 7) {
        throw new ImapSyntaxError('Invalid MODSEQ entry name');
      }
      t.sp();
      if (!ENTRY_TYPES.has(t.atom('an entry type').toUpperCase()))
        throw new ImapSyntaxError('Invalid entry type');
      t.sp();
    }
    return { type: 'modseq', modseq: t.modseq() };
  }
}

/** SEARCH's arguments after the command name (and its space). */
export function searchArguments(t: Tokenizer): {
  charset?: string;
  criteria: SearchKey;
  returns?: SearchReturn[];
} {
  let returns: SearchReturn[] | undefined;
  let charset: string | undefined;
  let word = t.lookahead(isAtomChar).toUpperCase();
  if (word === 'RETURN') {
    t.atom();
    t.sp();
    const options: SearchReturn[] = [];
    t.list(() => {
      const option = t.atom('a return option').toUpperCase();
      if (!RETURNS.has(option)) throw new ImapSyntaxError('Unknown search return option');
      options.push(option as SearchReturn);
    }, true);
    returns = options;
    t.sp();
    word = t.lookahead(isAtomChar).toUpperCase();
  }
  if (word === 'CHARSET') {
    t.atom();
    t.sp();
    charset = t.astring();
    t.sp();
  }
  const parser = new KeyParser(t);
  const keys = [parser.key(0)];
  while (!t.atEnd()) {
    t.sp();
    keys.push(parser.key(0));
  }
  const criteria: SearchKey = keys.length === 1 ? keys[0] : { type: 'and', keys };
  return {
    ...(charset === undefined ? {} : { charset }),
    criteria,
    ...(returns === undefined ? {} : { returns }),
  };
}
