/**
 * Parses one framed command into the syntax tree of `types.ts`. Hand-written over a byte-level tokenizer: no
 * maintained, licence-compatible Node IMAP server library exists (WildDuck's parser is EUPL), and the grammar
 * (literals inside arguments, case-insensitive names, per-command argument shapes) wants a real parser anyway.
 * Every failure is an ImapSyntaxError with a short text that never echoes the client's input.
 */
import { dateTime, flag, flagList, listMailbox, mailbox, sequenceSet, type ParseContext } from './arguments';
import { fetchItems, fetchModifiers } from './fetch-items';
import { listArguments, statusItems } from './list-options';
import { searchArguments } from './search-keys';
import { ImapSyntaxError, isAtomChar, isTagChar, Tokenizer, type FramedCommand } from './tokenizer';
import type { AppendMessage, Command, QresyncParameters } from './types';

type Body = Record<string, unknown> & { readonly name: string };
type Handler = (context: ParseContext, uid: boolean) => Body;

const NO_ARGUMENTS = [
  'CAPABILITY',
  'NOOP',
  'LOGOUT',
  'STARTTLS',
  'CHECK',
  'CLOSE',
  'UNSELECT',
  'IDLE',
  'NAMESPACE',
];
/** Commands that may follow `UID`. */
const UID_COMMANDS = new Set(['FETCH', 'STORE', 'SEARCH', 'COPY', 'MOVE', 'EXPUNGE']);
const MAX_ID_PAIRS = 30;

const one =
  (name: 'CREATE' | 'DELETE' | 'SUBSCRIBE' | 'UNSUBSCRIBE'): Handler =>
  (context) => ({ name, mailbox: mailbox(context) });

const HANDLERS: Record<string, Handler> = {
  ...Object.fromEntries(NO_ARGUMENTS.map((name): [string, Handler] => [name, () => ({ name })])),
  EXPUNGE: ({ t }, uid) => (uid ? { name: 'EXPUNGE', uidSet: sequenceSet(t) } : { name: 'EXPUNGE' }),
  LOGIN: (context) => {
    const user = context.t.astring();
    context.t.sp();
    return { name: 'LOGIN', user, password: context.t.astring() };
  },
  AUTHENTICATE: authenticate,
  ID: id,
  ENABLE: ({ t }) => {
    const capabilities = [t.atom('a capability').toUpperCase()];
    while (t.accept(0x20)) capabilities.push(t.atom('a capability').toUpperCase());
    return { name: 'ENABLE', capabilities };
  },
  SELECT: (context) => select('SELECT', context),
  EXAMINE: (context) => select('EXAMINE', context),
  CREATE: one('CREATE'),
  DELETE: one('DELETE'),
  SUBSCRIBE: one('SUBSCRIBE'),
  UNSUBSCRIBE: one('UNSUBSCRIBE'),
  RENAME: (context) => {
    const from = mailbox(context);
    context.t.sp();
    return { name: 'RENAME', from, to: mailbox(context) };
  },
  LIST: (context) => ({ name: 'LIST', ...listArguments(context) }),
  LSUB: (context) => {
    const reference = mailbox(context);
    context.t.sp();
    return { name: 'LSUB', reference, pattern: listMailbox(context) };
  },
  STATUS: (context) => {
    const name = mailbox(context);
    context.t.sp();
    return { name: 'STATUS', mailbox: name, items: statusItems(context) };
  },
  APPEND: append,
  FETCH: ({ t }, uid) => {
    const set = sequenceSet(t);
    t.sp();
    const items = fetchItems(t);
    const modifiers = t.accept(0x20) ? fetchModifiers(t) : { vanished: false };
    if (modifiers.vanished && (!uid || modifiers.changedSince === undefined)) {
      throw new ImapSyntaxError('VANISHED needs UID FETCH with CHANGEDSINCE');
    }
    return { name: 'FETCH', uid, set, items, ...modifiers };
  },
  STORE: store,
  SEARCH: ({ t }, uid) => ({ name: 'SEARCH', uid, ...searchArguments(t) }),
  COPY: (context, uid) => copyOrMove('COPY', context, uid),
  MOVE: (context, uid) => copyOrMove('MOVE', context, uid),
};

/** The tag and command name of a command's first line, or why the command cannot be run at all. */
export interface CommandHead {
  readonly tag?: string;
  readonly name?: string;
  readonly headError?: string;
}

/**
 * Reads the tag and command name from a command's first line (for the reader, before any literal is accepted).
 *
 * @example commandHead(Buffer.from('a1 uid fetch 1 FLAGS')) // { tag: 'a1', name: 'UID FETCH' }
 * @param line - the first line, without CRLF
 */
export function commandHead(line: Buffer): CommandHead {
  const t = new Tokenizer({ lines: [line], literals: [] });
  const tag = t.run(isTagChar);
  if (tag === '' || t.peek() !== 0x20) return { headError: 'Missing or invalid tag' };
  t.sp();
  const name = t.run(isAtomChar).toUpperCase();
  if (name === 'UID') {
    const sub = t.accept(0x20) ? t.run(isAtomChar).toUpperCase() : '';
    if (!UID_COMMANDS.has(sub)) return { tag, headError: 'Unknown UID command' };
    return { tag, name: `UID ${sub}` };
  }
  if (HANDLERS[name] === undefined)
    return { tag, headError: name === '' ? 'Missing command' : 'Unknown command' };
  return { tag, name };
}

/**
 * Parses a framed command.
 *
 * @example parseCommand({ lines: [Buffer.from('A1 NOOP')], literals: [] }, { utf8: false }) // { tag: 'A1', name: 'NOOP' }
 * @param framed - the command's lines and literals, as the reader framed them
 * @param options - `utf8`: mailbox names are UTF-8 (RFC 6855) instead of modified UTF-7
 * @throws ImapSyntaxError when the command does not follow the grammar
 */
export function parseCommand(framed: FramedCommand, options: { readonly utf8: boolean }): Command {
  const t = new Tokenizer(framed);
  const tag = t.word(isTagChar, 'a tag');
  t.sp();
  let name = t.atom('a command').toUpperCase();
  const uid = name === 'UID';
  if (uid) {
    t.sp();
    name = t.atom('a command').toUpperCase();
    if (!UID_COMMANDS.has(name)) throw new ImapSyntaxError('Unknown UID command');
  }
  const handler = HANDLERS[name];
  if (handler === undefined) throw new ImapSyntaxError('Unknown command');
  if (!NO_ARGUMENTS.includes(name) && (name !== 'EXPUNGE' || uid)) t.sp();
  const body = handler({ t, utf8: options.utf8 }, uid);
  t.end();
  return { tag, ...body } as unknown as Command;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function authenticate({ t }: ParseContext): Body {
  const mechanism = t.atom('a SASL mechanism').toUpperCase();
  if (!t.accept(0x20)) return { name: 'AUTHENTICATE', mechanism };
  const initialResponse = t.atom('an initial response');
  if (initialResponse !== '=' && !BASE64.test(initialResponse)) throw new ImapSyntaxError('Invalid base64');
  return { name: 'AUTHENTICATE', mechanism, initialResponse };
}

function id({ t }: ParseContext): Body {
  if (t.peek() !== 0x28) {
    if (t.atom('NIL or a list').toUpperCase() !== 'NIL') throw new ImapSyntaxError('Expected NIL or a list');
    return { name: 'ID', parameters: null };
  }
  const parameters: Record<string, string | null> = {};
  let pairs = 0;
  t.list(() => {
    const field = t.nstring();
    if (field === null) throw new ImapSyntaxError('ID field names are strings');
    t.sp();
    parameters[field] = t.nstring();
    pairs += 1;
    if (pairs > MAX_ID_PAIRS) throw new ImapSyntaxError('Too many ID fields');
  });
  return { name: 'ID', parameters };
}

function select(name: 'SELECT' | 'EXAMINE', context: ParseContext): Body {
  const { t } = context;
  const box = mailbox(context);
  let condstore = false;
  let qresync: QresyncParameters | undefined;
  if (t.accept(0x20)) {
    t.list(() => {
      const parameter = t.atom('a select parameter').toUpperCase();
      if (parameter === 'CONDSTORE' && !condstore) condstore = true;
      else if (parameter === 'QRESYNC' && qresync === undefined) {
        t.sp();
        qresync = qresyncParameters(t);
      } else throw new ImapSyntaxError('Unknown or repeated select parameter');
    });
  }
  return qresync === undefined
    ? { name, mailbox: box, condstore }
    : { name, mailbox: box, condstore, qresync };
}

function qresyncParameters(t: Tokenizer): QresyncParameters {
  t.expect(0x28, 'Expected QRESYNC parameters');
  const uidValidity = t.nzNumber();
  t.sp();
  const modseq = t.modseq();
  let knownUids: QresyncParameters['knownUids'];
  let sequenceMatch: QresyncParameters['sequenceMatch'];
  if (t.accept(0x20) && t.peek() !== 0x28) knownUids = sequenceSet(t);
  if (knownUids === undefined ? t.peek() === 0x28 : t.accept(0x20)) {
    t.expect(0x28, 'Expected known sequence set');
    const sequences = sequenceSet(t);
    t.sp();
    const uids = sequenceSet(t);
    t.expect(0x29, 'Expected )');
    sequenceMatch = { sequences, uids };
  }
  t.expect(0x29, 'Expected )');
  return {
    uidValidity,
    modseq,
    ...(knownUids === undefined ? {} : { knownUids }),
    ...(sequenceMatch === undefined ? {} : { sequenceMatch }),
  };
}

function append(context: ParseContext): Body {
  const { t } = context;
  const box = mailbox(context);
  const messages: AppendMessage[] = [];
  do {
    t.sp();
    let flags: string[] = [];
    if (t.peek() === 0x28) {
      flags = flagList(t);
      t.sp();
    }
    let internalDate: number | undefined;
    if (t.peek() === 0x22) {
      internalDate = dateTime(t);
      t.sp();
    }
    const { data, binary } = t.literal(true);
    messages.push({ flags, ...(internalDate === undefined ? {} : { internalDate }), content: data, binary });
  } while (!t.atEnd());
  return { name: 'APPEND', mailbox: box, messages };
}

function store({ t }: ParseContext, uid: boolean): Body {
  const set = sequenceSet(t);
  t.sp();
  let unchangedSince: number | undefined;
  if (t.peek() === 0x28) {
    t.list(() => {
      if (t.atom('a store modifier').toUpperCase() !== 'UNCHANGEDSINCE' || unchangedSince !== undefined) {
        throw new ImapSyntaxError('Unknown or repeated store modifier');
      }
      t.sp();
      unchangedSince = t.modseq();
    });
    t.sp();
  }
  const sign = t.accept(0x2b) ? 'add' : t.accept(0x2d) ? 'remove' : 'replace';
  const item = t.atom('FLAGS').toUpperCase();
  if (item !== 'FLAGS' && item !== 'FLAGS.SILENT') throw new ImapSyntaxError('Expected FLAGS');
  t.sp();
  const listed = t.peek() === 0x28;
  const flags = listed ? flagList(t) : [flag(t)];
  while (!listed && t.accept(0x20)) flags.push(flag(t));
  const body = { name: 'STORE', uid, set, mode: sign, silent: item === 'FLAGS.SILENT', flags };
  return unchangedSince === undefined ? body : { ...body, unchangedSince };
}

function copyOrMove(name: 'COPY' | 'MOVE', context: ParseContext, uid: boolean): Body {
  const set = sequenceSet(context.t);
  context.t.sp();
  return { name, uid, set, mailbox: mailbox(context) };
}
