import { normalizeKeyword } from '../../../core/mailbox/keywords';
import { ANY_FIELD, SearchField, type MessageFilter } from '../../../core/search';
import { JmapMethodError } from '../errors';
import { isObject, isStringArray } from './arguments';

/**
 * Translates Email/query's FilterOperator and FilterCondition (RFC 8621 §4.4.1) to the core's message filter. A
 * malformed filter is `invalidArguments`; a well-formed one the index cannot answer (thread keywords, attachments,
 * arbitrary header fields) is `unsupportedFilter`.
 */

/** The fields each text condition searches. `text` also searches attachment names (§4.4.1 allows it). */
const WORD_FIELDS: Readonly<Record<string, number>> = {
  text: ANY_FIELD,
  from: SearchField.FROM,
  to: SearchField.TO,
  cc: SearchField.CC,
  bcc: SearchField.BCC,
  subject: SearchField.SUBJECT,
  body: SearchField.BODY,
};

const UNSUPPORTED = new Set([
  'allInThreadHaveKeyword',
  'someInThreadHaveKeyword',
  'noneInThreadHaveKeyword',
  'hasAttachment',
  'header',
]);

/** Nesting depth of operators a filter may use. */
const MAX_DEPTH = 8;

/**
 * The core filter for a JMAP filter.
 * @example
 * emailFilter({ inMailbox: 'INBOX', from: 'alice' }); // { kind: 'and', conditions: [inFolder, words] }
 */
export function emailFilter(filter: unknown, depth = 0): MessageFilter {
  if (!isObject(filter)) throw new JmapMethodError('invalidArguments', 'filter must be an object.');
  if (depth > MAX_DEPTH)
    throw new JmapMethodError('unsupportedFilter', `Filters nest at most ${MAX_DEPTH} deep.`);
  if ('operator' in filter) {
    const { operator, conditions } = filter;
    if ((operator !== 'AND' && operator !== 'OR' && operator !== 'NOT') || !Array.isArray(conditions))
      throw new JmapMethodError(
        'invalidArguments',
        'A FilterOperator has an operator (AND, OR, NOT) and conditions.',
      );
    const kind = operator === 'AND' ? 'and' : operator === 'OR' ? 'or' : 'not';
    return { kind, conditions: conditions.map((condition) => emailFilter(condition, depth + 1)) };
  }
  const conditions = Object.entries(filter).map(([name, value]) => condition(name, value));
  return conditions.length === 1 ? conditions[0] : { kind: 'and', conditions };
}

function condition(name: string, value: unknown): MessageFilter {
  const fields = WORD_FIELDS[name];
  if (fields !== undefined) return { kind: 'words', text: text(name, value), fields };
  switch (name) {
    case 'inMailbox':
      return { kind: 'inFolder', folderId: text(name, value) };
    case 'inMailboxOtherThan':
      if (!isStringArray(value)) throw invalid(name, 'a list of Mailbox ids');
      return { kind: 'notInFolders', folderIds: value };
    case 'before':
    case 'after': {
      const time = typeof value === 'string' ? Date.parse(value) : NaN;
      if (!Number.isFinite(time)) throw invalid(name, 'a UTCDate');
      return { kind: name, time };
    }
    case 'minSize':
    case 'maxSize':
      if (!Number.isSafeInteger(value) || (value as number) < 0) throw invalid(name, 'an UnsignedInt');
      return { kind: name, bytes: value as number };
    case 'hasKeyword':
    case 'notKeyword': {
      const keyword = normalizeKeyword(text(name, value));
      if (keyword === undefined) throw invalid(name, 'a valid keyword');
      return { kind: name, keyword };
    }
  }
  if (UNSUPPORTED.has(name))
    throw new JmapMethodError('unsupportedFilter', `The ${name} condition is not supported.`);
  throw new JmapMethodError('unsupportedFilter', `Unknown filter condition ${name}.`);
}

function text(name: string, value: unknown): string {
  if (typeof value !== 'string') throw invalid(name, 'a string');
  return value;
}

function invalid(name: string, what: string): JmapMethodError {
  return new JmapMethodError('invalidArguments', `filter ${name} must be ${what}.`);
}
