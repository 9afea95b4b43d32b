import { MailboxModel } from '../../../lambdas/core/mailbox/mailbox-model';
import { MessageSearch, SearchIndexer } from '../../../lambdas/core/search';
import type { SignInResult } from '../../../lambdas/core/user-auth';
import type { ImapDeps } from '../../../lambdas/imap/deps';
import { MailboxWatcher } from '../../../lambdas/imap/mailbox-watcher';
import { CommandReader } from '../../../lambdas/imap/protocol';
import { ImapSession } from '../../../lambdas/imap/session';
import { MBX, ORG, setup } from '../mailbox/setup';
import { InMemorySearchIndex } from '../search/memory-search-index';

/** Ana's mailbox is the mailbox tests' `MBX`; Ben is a user of another organization. */
export const ANA = { login: 'ana@example.com', secret: 'ana-secret' };
export const BEN = {
  login: 'ben@example.net',
  secret: 'ben-secret',
  organizationId: 'm-ben',
  mailboxId: 'S-2-2',
};

/**
 * The IMAP session over in-memory doubles of the mailbox model, with the real command reader in front: tests send
 * protocol text and read the server's text back.
 * @example
 * const world = await sessionWorld();
 * const ana = world.connect();
 * await ana.send('a LOGIN ana@example.com ana-secret');
 */
export async function sessionWorld() {
  const base = setup();
  const index = new InMemorySearchIndex();
  const indexer = new SearchIndexer({ index, model: base.store, mailboxes: base.service });
  const model = new MailboxModel({ store: base.store, blobs: base.blobs, now: () => base.advance(0) });
  const deps: ImapDeps = {
    mail: {
      model,
      store: base.store,
      mailboxes: base.service,
      quotaBytes: async () => 10_000_000,
      search: new MessageSearch({ index, store: base.store, keys: base.service }),
      now: () => base.advance(0),
    },
    signIn: async (login, secret): Promise<SignInResult> => {
      const user =
        login === ANA.login && secret === ANA.secret
          ? { organizationId: ORG, userId: MBX, email: ANA.login }
          : login === BEN.login && secret === BEN.secret
            ? { organizationId: BEN.organizationId, userId: BEN.mailboxId, email: BEN.login }
            : undefined;
      return user
        ? { ok: true, user: { ...user, method: 'password' } }
        : { ok: false, reason: 'INVALID_CREDENTIALS' };
    },
  };
  await base.service.provision(ORG, MBX);
  await base.service.provision(BEN.organizationId, BEN.mailboxId);
  const watcher = new MailboxWatcher(base.store, 10);

  /** Delivers a message to Ana's Inbox (or another folder) and indexes it for search. */
  const deliver = async (
    messageId: string,
    text: string,
    patch: { folder?: string; keywords?: string[] } = {},
  ) => {
    base.advance(60_000);
    await base.service.deliver({
      ...base.message(messageId, Buffer.from(text.replace(/\r?\n/g, '\r\n'))),
      ...patch,
    });
    await indexer.catchUp(ORG, MBX);
  };

  /** One client connection: `send` writes a command and resolves with everything the server wrote until its tag. */
  const connect = (options: { secure?: boolean } = {}) => {
    const reader = new CommandReader();
    let output = '';
    const lines: string[] = [];
    let lineWaiter: ((line: string | undefined) => void) | undefined;
    const session = new ImapSession(
      deps,
      {
        write: async (data) => {
          output += typeof data === 'string' ? data : data.toString('latin1');
        },
        readLine: () => {
          const next = lines.shift();
          return next !== undefined
            ? Promise.resolve(next)
            : new Promise((resolve) => (lineWaiter = resolve));
        },
        sourceAddress: '192.0.2.1',
        secure: options.secure ?? true,
      },
      { allowPlaintextLogin: false, canStartTls: false, watcher },
    );
    const take = () => {
      const text = output;
      output = '';
      return text;
    };
    return {
      greeting: () => session.greeting(),
      /** Runs one complete command (literals inline, as LITERAL+ lets a client send them). */
      async send(text: string | Buffer): Promise<string> {
        reader.push(
          Buffer.isBuffer(text) ? Buffer.concat([text, Buffer.from('\r\n')]) : Buffer.from(`${text}\r\n`),
        );
        for (let event = reader.next(); event; event = reader.next()) {
          if (event.type === 'command') {
            const utf8 = session.utf8;
            await session.execute(event.command);
            if (!utf8 && session.utf8) reader.enableUtf8();
          } else if (event.type === 'bad') output += `${event.tag ?? '*'} BAD ${event.text}\r\n`;
          else output += `[${event.type}]\r\n`;
        }
        return take();
      },
      /** Starts a command that waits for client lines (IDLE, AUTHENTICATE); `answer` gives it one. */
      start(text: string): { done: Promise<void>; output: () => string; answer: (line: string) => void } {
        reader.push(Buffer.from(`${text}\r\n`));
        const event = reader.next();
        if (event?.type !== 'command') throw new Error(`not a command: ${text}`);
        const done = session.execute(event.command).then(() => undefined);
        return {
          done,
          output: take,
          answer: (line) => {
            if (lineWaiter) {
              const waiter = lineWaiter;
              lineWaiter = undefined;
              waiter(line);
            } else lines.push(line);
          },
        };
      },
    };
  };

  /** A signed-in connection of Ana's with INBOX selected. */
  const anaInInbox = async () => {
    const client = connect();
    await client.send(`a LOGIN ${ANA.login} ${ANA.secret}`);
    await client.send('s SELECT INBOX');
    return client;
  };

  return { ...base, model, deps, indexer, watcher, deliver, connect, anaInInbox };
}
