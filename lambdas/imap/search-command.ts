import { ANY_FIELD, queryTerms, SearchField } from '../core/search';
import { keywordOf } from './flags';
import { formatSequenceSet, sequenceSetHas } from './protocol';
import type { SearchKey, SequenceSet } from './protocol/types';
import type { SelectedFolder, ViewMessage } from './selected-folder';
import { no, ok, type CommandOf, type Completion, type SessionContext } from './session-context';

type SearchCommand = CommandOf<'SEARCH'>;

/** Header fields the search index knows (other HEADER keys would need every message decrypted). */
const INDEXED_HEADERS: Readonly<Record<string, number>> = {
  from: SearchField.FROM,
  to: SearchField.TO,
  cc: SearchField.CC,
  bcc: SearchField.BCC,
  subject: SearchField.SUBJECT,
};
const CHARSETS = new Set(['UTF-8', 'US-ASCII']);

/** A key answered from the search index: which fields, which text. */
interface WordKey {
  readonly fields: number;
  readonly text: string;
}

/**
 * SEARCH / UID SEARCH (RFC 9051 §6.4.4) with ESEARCH and SEARCHRES: flags, dates, sizes, UIDs, sequence numbers and
 * MODSEQ are checked on the session's view; FROM/TO/CC/BCC/SUBJECT/BODY/TEXT come from the encrypted search index
 * (whole words, not substrings — docs/imap.md), never from decrypting the folder. SENTBEFORE/SENTON/SENTSINCE use
 * the internal date.
 */
export async function search(context: SessionContext, command: SearchCommand): Promise<Completion> {
  const selected = context.selected as SelectedFolder;
  if (command.charset && !CHARSETS.has(command.charset.toUpperCase()))
    return no('Unsupported charset.', 'BADCHARSET (UTF-8 US-ASCII)');
  const wordKeys = collectWordKeys(command.criteria);
  if (wordKeys === 'unindexed')
    return no('Only From, To, Cc, Bcc and Subject headers are searchable.', 'CANNOT');
  if (command.criteria.type === 'modseq' || usesModseq(command.criteria)) context.enabled.add('CONDSTORE');
  await context.reportUpdates(command.uid);
  const words = new Map<string, ReadonlySet<string>>();
  for (const key of wordKeys) {
    const found = await matchingIds(context, selected, key);
    if (found === 'tooManyWords') return no('Too many words in one search.', 'LIMIT');
    words.set(wordKeyId(key), found);
  }
  const now = (context.deps.now ?? Date.now)();
  const evaluation: Evaluation = { selected, words, savedUids: context.savedUids, now };
  const matches = selected.all
    .map((message, index) => ({ message, sequence: index + 1 }))
    .filter(
      ({ message, sequence }) =>
        !selected.isGone(message.uid) && test(command.criteria, message, sequence, evaluation),
    );
  const numbers = matches.map(({ message, sequence }) => (command.uid ? message.uid : sequence));
  const highest =
    usesModseq(command.criteria) && matches.length > 0
      ? Math.max(...matches.map(({ message }) => message.modseq))
      : undefined;
  const returns = command.returns ?? (context.enabled.has('IMAP4REV2') ? ['ALL' as const] : undefined);
  if (returns) {
    if (returns.includes('SAVE')) context.savedUids = matches.map(({ message }) => message.uid);
    const asked = returns.filter((option) => option !== 'SAVE');
    const options = asked.length === 0 && !returns.includes('SAVE') ? ['ALL' as const] : asked;
    const parts = [`ESEARCH (TAG "${command.tag}")`, ...(command.uid ? ['UID'] : [])];
    if (numbers.length > 0) {
      if (options.includes('MIN')) parts.push(`MIN ${numbers[0]}`);
      if (options.includes('MAX')) parts.push(`MAX ${numbers[numbers.length - 1]}`);
      if (options.includes('ALL')) parts.push(`ALL ${formatSequenceSet(numbers)}`);
    }
    if (options.includes('COUNT')) parts.push(`COUNT ${numbers.length}`);
    if (highest !== undefined) parts.push(`MODSEQ ${highest}`);
    if (options.length > 0) await context.untagged(parts.join(' '));
  } else {
    const list = numbers.length > 0 ? ` ${numbers.join(' ')}` : '';
    await context.untagged(`SEARCH${list}${highest !== undefined ? ` (MODSEQ ${highest})` : ''}`);
  }
  return ok(`${command.uid ? 'UID SEARCH' : 'SEARCH'} completed.`);
}

interface Evaluation {
  readonly selected: SelectedFolder;
  readonly words: ReadonlyMap<string, ReadonlySet<string>>;
  readonly savedUids: readonly number[];
  readonly now: number;
}

function test(key: SearchKey, message: ViewMessage, sequence: number, evaluation: Evaluation): boolean {
  const recurse = (inner: SearchKey) => test(inner, message, sequence, evaluation);
  const { selected } = evaluation;
  switch (key.type) {
    case 'all':
      return true;
    case 'and':
      return key.keys.every(recurse);
    case 'or':
      return recurse(key.left) || recurse(key.right);
    case 'not':
      return !recurse(key.key);
    case 'flag': {
      const keyword = keywordOf(key.flag);
      return (keyword !== undefined && message.keywords.includes(keyword)) === key.set;
    }
    case 'recent':
      return !key.set;
    case 'header':
    case 'body':
    case 'text': {
      return evaluation.words.get(wordKeyId(wordKeyOf(key) as WordKey))?.has(message.messageId) ?? false;
    }
    case 'date':
      return compareDay(message.receivedAt, key.date, key.op);
    case 'size':
      return key.op === 'larger' ? message.sizeBytes > key.bytes : message.sizeBytes < key.bytes;
    case 'uid':
      return inSet(key.set, message.uid, selected.all.at(-1)?.uid ?? 0, evaluation.savedUids, message.uid);
    case 'seq':
      return inSet(key.set, sequence, selected.exists, evaluation.savedUids, message.uid);
    case 'modseq':
      return message.modseq >= key.modseq;
    case 'age': {
      const limit = evaluation.now - key.seconds * 1000;
      return key.op === 'older' ? message.receivedAt <= limit : message.receivedAt >= limit;
    }
  }
}

function inSet(
  set: SequenceSet,
  value: number,
  largest: number,
  saved: readonly number[],
  uid: number,
): boolean {
  return set === '$' ? saved.includes(uid) : sequenceSetHas(set, value, largest);
}

/** RFC 9051 compares dates only, disregarding time: the internal date's UTC day against `YYYY-MM-DD`. */
function compareDay(epochMs: number, date: string, op: 'before' | 'on' | 'since'): boolean {
  const day = new Date(epochMs).toISOString().slice(0, 10);
  if (op === 'on') return day === date;
  return op === 'before' ? day < date : day >= date;
}

function wordKeyOf(key: SearchKey): WordKey | 'unindexed' | undefined {
  if (key.type === 'body') return { fields: SearchField.BODY, text: key.value };
  if (key.type === 'text') return { fields: ANY_FIELD, text: key.value };
  if (key.type !== 'header') return undefined;
  const field = INDEXED_HEADERS[key.field.toLowerCase()];
  return field === undefined ? 'unindexed' : { fields: field, text: key.value };
}

const wordKeyId = (key: WordKey) => `${key.fields}\u0000${key.text}`;

function collectWordKeys(key: SearchKey): WordKey[] | 'unindexed' {
  const own = wordKeyOf(key);
  if (own === 'unindexed') return own;
  if (own) return [own];
  const inner =
    key.type === 'and'
      ? key.keys
      : key.type === 'or'
        ? [key.left, key.right]
        : key.type === 'not'
          ? [key.key]
          : [];
  const keys: WordKey[] = [];
  for (const each of inner) {
    const found = collectWordKeys(each);
    if (found === 'unindexed') return found;
    keys.push(...found);
  }
  return keys;
}

function usesModseq(key: SearchKey): boolean {
  if (key.type === 'modseq') return true;
  if (key.type === 'and') return key.keys.some(usesModseq);
  if (key.type === 'or') return usesModseq(key.left) || usesModseq(key.right);
  return key.type === 'not' && usesModseq(key.key);
}

/** Message ids in the folder whose `fields` contain every word of the text; a text without words matches all. */
async function matchingIds(
  context: SessionContext,
  selected: SelectedFolder,
  key: WordKey,
): Promise<ReadonlySet<string> | 'tooManyWords'> {
  if (queryTerms(key.text).length === 0) return new Set(selected.all.map((message) => message.messageId));
  const { organizationId, mailboxId } = context.mailbox;
  const result = await context.deps.search.search(organizationId, mailboxId, {
    kind: 'and',
    conditions: [
      { kind: 'inFolder', folderId: selected.folderId },
      { kind: 'words', text: key.text, fields: key.fields },
    ],
  });
  if (!result.ok) return result.refusal.type === 'tooManyWords' ? 'tooManyWords' : new Set();
  return new Set(result.matches.map((entry) => entry.messageId));
}
