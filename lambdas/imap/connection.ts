import type { Socket } from 'node:net';
import { TLSSocket, type SecureContext } from 'node:tls';
import type { ImapDeps } from './deps';
import type { MailboxWatcher } from './mailbox-watcher';
import { CommandReader, type ReaderEvent } from './protocol';
import { ImapSession } from './session';
import type { SessionIo } from './session-context';

/** Bytes a client may send ahead of the server before the socket is paused (pipelining, floods). */
const MAX_BUFFERED_BYTES = 1024 * 1024;

/** How one connection is served. */
export interface ConnectionOptions {
  /** Passwords may be sent without TLS (loopback in the local runtime). */
  readonly allowPlaintextLogin: boolean;
  /** The certificate for STARTTLS; undefined when the connection is already TLS or none is configured. */
  readonly startTls?: SecureContext;
  readonly watcher: MailboxWatcher;
  /** Ends a connection idle this long (RFC 9051 §5.4: at least 30 minutes once signed in). */
  readonly idleTimeoutMs: number;
  /** Told about failures that end a connection (never message content). */
  readonly onError?: (error: unknown) => void;
}

/**
 * Serves one IMAP connection: frames the byte stream into commands, runs them one at a time in order, writes the
 * responses with back-pressure, pauses the socket while a client is far ahead, and switches to TLS on STARTTLS
 * (anything the client sent before the handshake is discarded, RFC 9051 §6.2.1).
 * @example
 * server.on('connection', (socket) => serveConnection(socket, deps, options));
 */
export function serveConnection(socket: Socket, deps: ImapDeps, options: ConnectionOptions): void {
  let current: Socket = socket;
  let reader = new CommandReader();
  let wake: (() => void) | undefined;
  let closed = false;
  const sourceAddress = socket.remoteAddress ?? '';

  const attach = (target: Socket) => {
    target.on('data', (chunk: Buffer) => {
      reader.push(chunk);
      if (reader.bufferedBytes > MAX_BUFFERED_BYTES) target.pause();
      wake?.();
    });
    target.on('close', () => {
      closed = true;
      wake?.();
    });
    target.on('error', () => target.destroy());
    target.setTimeout(options.idleTimeoutMs, () => {
      void write('* BYE Idle for too long.\r\n').finally(() => target.end());
    });
  };

  const write = (data: string | Buffer): Promise<void> =>
    new Promise((resolve) => {
      if (closed || current.destroyed) return resolve();
      if (current.write(data)) resolve();
      else current.once('drain', resolve);
    });

  const nextEvent = async (): Promise<ReaderEvent | undefined> => {
    for (;;) {
      const event = reader.next();
      if (event) return event;
      if (closed) return undefined;
      if (current.isPaused()) current.resume();
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
  };

  const io: SessionIo = {
    write,
    readLine: async () => {
      reader.expectLine();
      const event = await nextEvent();
      return event?.type === 'line' ? event.text : undefined;
    },
    sourceAddress,
    get secure() {
      return current instanceof TLSSocket;
    },
  };
  const session = new ImapSession(deps, io, {
    allowPlaintextLogin: options.allowPlaintextLogin,
    canStartTls: options.startTls !== undefined && !(socket instanceof TLSSocket),
    watcher: options.watcher,
  });

  const run = async () => {
    await write(session.greeting());
    for (;;) {
      const event = await nextEvent();
      if (!event) return;
      if (event.type === 'continue') await write('+ Ready for literal data\r\n');
      else if (event.type === 'bad') await write(`${event.tag ?? '*'} BAD ${event.text}\r\n`);
      else if (event.type === 'tooBig') await write(`${event.tag} NO [TOOBIG] ${event.text}\r\n`);
      else if (event.type === 'fatal') {
        await write(`* BYE ${event.text}\r\n`);
        return;
      } else if (event.type === 'command') {
        const utf8 = session.utf8;
        const next = await session.execute(event.command);
        if (!utf8 && session.utf8) reader.enableUtf8();
        if (next === 'logout') return;
        if (next === 'starttls') {
          current.removeAllListeners('data');
          current.setTimeout(0);
          const tls = new TLSSocket(current, { isServer: true, secureContext: options.startTls });
          reader = new CommandReader();
          current = tls;
          attach(tls);
          session.tlsStarted();
        }
      }
    }
  };

  attach(socket);
  run()
    .catch((error: unknown) => {
      options.onError?.(error);
      return write('* BYE Internal server error.\r\n');
    })
    .finally(() => current.end());
}
