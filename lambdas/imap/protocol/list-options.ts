/**
 * LIST arguments (RFC 9051 §6.3.9, RFC 5258 LIST-EXTENDED, RFC 6154 SPECIAL-USE, RFC 5819 LIST-STATUS):
 * `LIST [(selection)] reference (pattern / (patterns)) [RETURN (options)]`.
 */
import { listMailbox, mailbox, type ParseContext } from './arguments';
import { ImapSyntaxError } from './tokenizer';
import type { ListOptions } from './types';

const SELECTION = new Set(['SUBSCRIBED', 'REMOTE', 'RECURSIVEMATCH', 'SPECIAL-USE']);

/** The STATUS data items Mailwright answers (RFC 9051 §6.3.11, RFC 7162 HIGHESTMODSEQ, RFC 3501 RECENT). */
export const STATUS_ITEMS = new Set([
  'MESSAGES',
  'UIDNEXT',
  'UIDVALIDITY',
  'UNSEEN',
  'DELETED',
  'SIZE',
  'RECENT',
  'HIGHESTMODSEQ',
]);

/** `(` item *(SP item) `)` of STATUS items, upper case. */
export function statusItems({ t }: ParseContext): string[] {
  const items: string[] = [];
  t.list(() => {
    const item = t.atom('a status item').toUpperCase();
    if (!STATUS_ITEMS.has(item)) throw new ImapSyntaxError('Unknown status item');
    items.push(item);
  });
  return items;
}

function selection(context: ParseContext): string[] {
  const { t } = context;
  const options: string[] = [];
  t.list(() => {
    const option = t.atom('a selection option').toUpperCase();
    if (!SELECTION.has(option)) throw new ImapSyntaxError('Unknown LIST selection option');
    options.push(option);
  }, true);
  // RFC 5258 §3: RECURSIVEMATCH needs another option it modifies (REMOTE does not count).
  if (options.includes('RECURSIVEMATCH') && !options.some((o) => o !== 'RECURSIVEMATCH' && o !== 'REMOTE')) {
    throw new ImapSyntaxError('RECURSIVEMATCH needs another selection option');
  }
  return options;
}

function returnOptions(context: ParseContext): Omit<ListOptions, 'selection'> {
  const { t } = context;
  let returnSubscribed = false;
  let returnChildren = false;
  let returnSpecialUse = false;
  let returnStatus: string[] | undefined;
  t.list(() => {
    const option = t.atom('a return option').toUpperCase();
    if (option === 'SUBSCRIBED') returnSubscribed = true;
    else if (option === 'CHILDREN') returnChildren = true;
    else if (option === 'SPECIAL-USE') returnSpecialUse = true;
    else if (option === 'STATUS' && returnStatus === undefined) {
      t.sp();
      returnStatus = statusItems(context);
    } else throw new ImapSyntaxError('Unknown or repeated LIST return option');
  }, true);
  const flags = { returnSubscribed, returnChildren, returnSpecialUse };
  return returnStatus === undefined ? flags : { ...flags, returnStatus };
}

/** LIST's arguments after the command name (and its space). */
export function listArguments(context: ParseContext): {
  reference: string;
  patterns: string[];
  options: ListOptions;
} {
  const { t } = context;
  let selected: string[] = [];
  if (t.peek() === 0x28) {
    selected = selection(context);
    t.sp();
  }
  const reference = mailbox(context);
  t.sp();
  const patterns: string[] = [];
  if (t.peek() === 0x28) t.list(() => patterns.push(listMailbox(context)));
  else patterns.push(listMailbox(context));
  let returned: Omit<ListOptions, 'selection'> = {
    returnSubscribed: false,
    returnChildren: false,
    returnSpecialUse: false,
  };
  if (!t.atEnd()) {
    t.sp();
    if (t.atom('RETURN').toUpperCase() !== 'RETURN') throw new ImapSyntaxError('Expected RETURN');
    t.sp();
    returned = returnOptions(context);
  }
  return { reference, patterns, options: { selection: selected, ...returned } };
}
