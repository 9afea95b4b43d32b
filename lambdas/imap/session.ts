import { reportMailboxAccess } from '../core/audit-logs/mailbox-access';
import { imapOperations } from './access-audit';
import { capabilities } from './capabilities';
import type { ImapDeps } from './deps';
import { fetch } from './fetch-command';
import type { MailboxWatcher } from './mailbox-watcher';
import { create, list, remove, rename, status, subscribe } from './mailbox-commands';
import { append, close, copy, expunge, move } from './message-commands';
import type { Command } from './protocol/types';
import { search } from './search-command';
import { select } from './select-command';
import {
  bad,
  no,
  ok,
  SessionContext,
  type Completion,
  type Enabled,
  type SessionIo,
} from './session-context';
import { signIn, type SignInOptions } from './sign-in';
import { store } from './store-command';

/** Commands that change a mailbox, refused to a READ_ONLY impersonation role (its CLOSE, on an EXAMINEd view, expunges nothing). */
const CHANGING_COMMANDS: ReadonlySet<Command['name']> = new Set([
  'CREATE',
  'DELETE',
  'RENAME',
  'SUBSCRIBE',
  'UNSUBSCRIBE',
  'APPEND',
  'EXPUNGE',
  'STORE',
  'COPY',
  'MOVE',
]);
/** How a connection goes on after a command. */
export type NextStep = 'continue' | 'logout' | 'starttls';

/** What a session may do besides what its deps give. */
export interface SessionOptions extends SignInOptions {
  /** The connection can still be upgraded with STARTTLS. */
  readonly canStartTls: boolean;
  /** Wakes IDLE sessions when their mailbox changes. */
  readonly watcher: MailboxWatcher;
}

type State = 'notAuthenticated' | 'authenticated' | 'selected';

/** Commands by the states they are valid in (RFC 9051 §6). */
const ANY: readonly State[] = ['notAuthenticated', 'authenticated', 'selected'];
const SIGNED_IN: readonly State[] = ['authenticated', 'selected'];
const STATES: Readonly<Record<Command['name'], readonly State[]>> = {
  CAPABILITY: ANY,
  NOOP: ANY,
  LOGOUT: ANY,
  ID: ANY,
  STARTTLS: ['notAuthenticated'],
  LOGIN: ['notAuthenticated'],
  AUTHENTICATE: ['notAuthenticated'],
  ENABLE: SIGNED_IN,
  SELECT: SIGNED_IN,
  EXAMINE: SIGNED_IN,
  CREATE: SIGNED_IN,
  DELETE: SIGNED_IN,
  RENAME: SIGNED_IN,
  SUBSCRIBE: SIGNED_IN,
  UNSUBSCRIBE: SIGNED_IN,
  LIST: SIGNED_IN,
  LSUB: SIGNED_IN,
  STATUS: SIGNED_IN,
  APPEND: SIGNED_IN,
  NAMESPACE: SIGNED_IN,
  IDLE: SIGNED_IN,
  CHECK: ['selected'],
  CLOSE: ['selected'],
  UNSELECT: ['selected'],
  EXPUNGE: ['selected'],
  SEARCH: ['selected'],
  FETCH: ['selected'],
  STORE: ['selected'],
  COPY: ['selected'],
  MOVE: ['selected'],
};

/** Extensions ENABLE turns on (RFC 5161); QRESYNC implies CONDSTORE. */
const ENABLEABLE = new Set<string>(['CONDSTORE', 'QRESYNC', 'IMAP4REV2', 'UTF8=ACCEPT']);

/**
 * One IMAP session: checks that a command is valid in the session's state, runs it against the mailbox model and
 * writes its tagged completion. Command handlers live in their own modules; this one holds sign-in state, ENABLE,
 * IDLE and the commands that are a line each.
 * @example
 * const session = new ImapSession(deps, io, { allowPlaintextLogin: false, canStartTls: true, watcher });
 * await io.write(session.greeting());
 * const next = await session.execute(command);
 */
export class ImapSession {
  private readonly context: SessionContext;
  private canStartTls: boolean;
  /** The client's name and version from ID (RFC 2971): IMAP's user agent, for the mailbox access audit log. */
  private clientId?: string;

  constructor(
    private readonly deps: ImapDeps,
    private readonly io: SessionIo,
    private readonly options: SessionOptions,
  ) {
    this.context = new SessionContext(deps.mail, io);
    this.canStartTls = options.canStartTls;
  }

  /** The server greeting, with the capabilities so that clients need not ask. */
  greeting(): string {
    return `* OK [CAPABILITY ${this.capabilities()}] Mailwright IMAP ready.\r\n`;
  }

  /** Whether UTF-8 mailbox names and quoted strings are on (the reader must know). */
  get utf8(): boolean {
    return this.context.utf8;
  }

  /** Runs one command and writes its responses. */
  async execute(command: Command): Promise<NextStep> {
    const state: State = this.context.selected
      ? 'selected'
      : this.context.user
        ? 'authenticated'
        : 'notAuthenticated';
    let completion: Completion;
    let next: NextStep = 'continue';
    if (!STATES[command.name].includes(state)) {
      completion = bad(
        `${command.name} is not valid ${state === 'notAuthenticated' ? 'before sign-in' : 'now'}.`,
      );
    } else if (command.name === 'LOGOUT') {
      await this.context.untagged('BYE Mailwright IMAP signing off.');
      completion = ok('LOGOUT completed.');
      next = 'logout';
    } else if (command.name === 'STARTTLS') {
      completion = this.canStartTls
        ? ok('Begin TLS negotiation now.')
        : bad('TLS is already on or not offered.');
      if (this.canStartTls) next = 'starttls';
    } else {
      completion = await this.run(command);
      await this.reportAccess(command, completion);
    }
    await this.context.flush();
    await this.io.write(completionLine(command.tag, completion));
    return next;
  }

  /** STARTTLS succeeded: the connection is encrypted from now on. */
  tlsStarted(): void {
    this.canStartTls = false;
  }

  /** Reports what a signed-in command attempted on mailbox data (imapOperations). */
  private async reportAccess(command: Command, completion: Completion): Promise<void> {
    const user = this.context.user;
    if (!user || !this.deps.audit) return;
    const folderId = this.context.selected?.folder.folderId;
    const scope = { ownerId: user.userId, ...(folderId === undefined ? {} : { folderId }) };
    const origin = this.clientId && user.origin ? { ...user.origin, userAgent: this.clientId } : user.origin;
    const operations = imapOperations(command, completion, scope);
    await reportMailboxAccess(this.deps.audit, { ...user, origin }, 'IMAP', operations);
  }

  private async run(command: Command): Promise<Completion> {
    const context = this.context;
    if (context.user?.impersonation?.readOnly) {
      // A READ_ONLY impersonation role reads: folders open as with EXAMINE, and every change is refused.
      if (command.name === 'SELECT') return select(context, { ...command, name: 'EXAMINE' });
      if (CHANGING_COMMANDS.has(command.name))
        return no('A read-only impersonation role changes nothing.', 'NOPERM');
    }
    switch (command.name) {
      case 'CAPABILITY':
        await context.untagged(`CAPABILITY ${this.capabilities()}`);
        return ok('CAPABILITY completed.');
      case 'NOOP':
      case 'CHECK':
        await context.reportUpdates(true);
        return ok(`${command.name} completed.`);
      case 'ID': {
        const { name, version } = command.parameters ?? {};
        if (name) this.clientId = (version ? `${name}/${version}` : name).slice(0, 256);
        await context.untagged('ID', ['name', 'Mailwright', 'vendor', 'Mailwright']);
        return ok('ID completed.');
      }
      case 'LOGIN':
      case 'AUTHENTICATE': {
        const signedIn = await signIn(context, this.deps, command, { mayLogin: this.mayLogin() });
        return signedIn.status === 'OK' ? ok(signedIn.text, `CAPABILITY ${this.capabilities()}`) : signedIn;
      }
      case 'ENABLE':
        return this.enable(command.capabilities);
      case 'NAMESPACE':
        await context.untagged('NAMESPACE (("" "/")) NIL NIL');
        return ok('NAMESPACE completed.');
      case 'IDLE':
        return this.idle();
      case 'SELECT':
      case 'EXAMINE':
        return select(context, command);
      case 'CREATE':
        return create(context, command.mailbox);
      case 'DELETE':
        return remove(context, command.mailbox);
      case 'RENAME':
        return rename(context, command);
      case 'SUBSCRIBE':
      case 'UNSUBSCRIBE':
        return subscribe(context, command.mailbox, command.name === 'SUBSCRIBE');
      case 'LIST':
      case 'LSUB':
        return list(context, command);
      case 'STATUS':
        return status(context, command);
      case 'APPEND':
        return append(context, command);
      case 'CLOSE':
      case 'UNSELECT':
        return close(context, command.name === 'CLOSE');
      case 'EXPUNGE':
        return expunge(context, command);
      case 'SEARCH':
        return search(context, command);
      case 'FETCH':
        return fetch(context, command);
      case 'STORE':
        return store(context, command);
      case 'COPY':
        return copy(context, command);
      case 'MOVE':
        return move(context, command);
      default:
        return bad('Unknown command.');
    }
  }

  private async enable(names: readonly string[]): Promise<Completion> {
    const turnedOn = names
      .map((name) => name.toUpperCase())
      .filter((name) => ENABLEABLE.has(name)) as Enabled[];
    const fresh = turnedOn.filter((name) => !this.context.enabled.has(name));
    for (const name of fresh) this.context.enabled.add(name);
    if (fresh.includes('QRESYNC')) this.context.enabled.add('CONDSTORE');
    await this.context.untagged(
      ['ENABLED', ...fresh.map((name) => (name === 'IMAP4REV2' ? 'IMAP4rev2' : name))].join(' '),
    );
    return ok('ENABLE completed.');
  }

  /** IDLE (RFC 2177): reports changes as they happen until the client sends DONE. */
  private async idle(): Promise<Completion> {
    const context = this.context;
    await context.flush();
    await this.io.write('+ idling\r\n');
    const report = () => context.reportUpdates(true).then(() => context.flush());
    let reporting = report();
    const selected = context.selected;
    const stop = selected
      ? this.options.watcher.watch(selected.organizationId, selected.mailboxId, selected.modseq, () => {
          reporting = reporting.then(report);
        })
      : () => {};
    const line = await this.io.readLine();
    stop();
    await reporting;
    if (line === undefined) return ok('IDLE ended.');
    if (line.trim().toUpperCase() !== 'DONE') return bad('Expected DONE.');
    return ok('IDLE terminated.');
  }

  private mayLogin(): boolean {
    return this.io.secure || this.options.allowPlaintextLogin;
  }

  private capabilities(): string {
    return capabilities({
      authenticated: this.context.user !== undefined,
      canStartTls: this.canStartTls,
      mayLogin: this.mayLogin(),
    });
  }
}

/** `tag OK [code] text`. */
function completionLine(tag: string, completion: Completion): string {
  const code = completion.code ? `[${completion.code}] ` : '';
  return `${tag} ${completion.status} ${code}${completion.text}\r\n`;
}
