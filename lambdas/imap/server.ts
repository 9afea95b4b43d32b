import { createServer, type Server, type Socket } from 'node:net';
import { createSecureContext, createServer as createTlsServer, type SecureContext } from 'node:tls';
import { serveConnection } from './connection';
import type { ImapDeps } from './deps';
import { DEFAULT_POLL_MS, MailboxWatcher } from './mailbox-watcher';

/** Where and how the IMAP server listens. */
export interface ImapServerOptions {
  readonly deps: ImapDeps;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** Port for plaintext connections upgraded with STARTTLS (143 in the cloud); 0 picks a free one. */
  readonly port: number;
  /** Port for implicit TLS (993); needs `tls`. */
  readonly tlsPort?: number;
  /** PEM key and certificate; without them neither STARTTLS nor implicit TLS is offered. */
  readonly tls?: { readonly key: string; readonly cert: string };
  /** Whether a client at this address may send a password without TLS. @default - never */
  readonly allowPlaintextLogin?: (remoteAddress: string) => boolean;
  /** How often mailboxes with IDLE sessions are checked for changes. @default 1000 */
  readonly pollMs?: number;
  /** @default 1 800 000 (30 minutes, RFC 9051 §5.4) */
  readonly idleTimeoutMs?: number;
  /** Connections served at once; more are refused with a BYE. @default 10 000 */
  readonly maxConnections?: number;
  /** Told about failures that end a connection (never message content). */
  readonly onError?: (error: unknown) => void;
}

/** A running IMAP server. */
export interface RunningImapServer {
  readonly host: string;
  readonly port: number;
  readonly tlsPort?: number;
  /** Connections open now. */
  readonly connections: () => number;
  /** Stops accepting, ends every connection with a BYE, and resolves once all are closed. */
  stop(): Promise<void>;
}

/**
 * Starts IMAP on a plaintext port (with STARTTLS when a certificate is given) and, optionally, an implicit-TLS port:
 * the same code in the local runtime and in the container the cloud runs (docs/imap.md).
 * @example
 * const imap = await startImapServer({ deps, port: 1143, tlsPort: 1993, tls: { key, cert } });
 */
export async function startImapServer(options: ImapServerOptions): Promise<RunningImapServer> {
  const host = options.host ?? '127.0.0.1';
  const watcher = new MailboxWatcher(options.deps.mail.store, options.pollMs ?? DEFAULT_POLL_MS);
  const secureContext: SecureContext | undefined =
    options.tls && createSecureContext({ ...options.tls, minVersion: 'TLSv1.2' });
  const sockets = new Set<Socket>();
  const maxConnections = options.maxConnections ?? 10_000;
  const accept = (socket: Socket, implicitTls: boolean) => {
    if (sockets.size >= maxConnections) {
      socket.end('* BYE Too many connections; try again later.\r\n');
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serveConnection(socket, options.deps, {
      allowPlaintextLogin: options.allowPlaintextLogin?.(socket.remoteAddress ?? '') ?? false,
      ...(secureContext && !implicitTls ? { startTls: secureContext } : {}),
      watcher,
      idleTimeoutMs: options.idleTimeoutMs ?? 30 * 60_000,
      ...(options.onError ? { onError: options.onError } : {}),
    });
  };
  const plain = createServer((socket) => accept(socket, false));
  const port = await listen(plain, options.port, host);
  let secure: Server | undefined;
  let tlsPort: number | undefined;
  if (options.tlsPort !== undefined && options.tls) {
    secure = createTlsServer({ ...options.tls, minVersion: 'TLSv1.2' }, (socket) => accept(socket, true));
    tlsPort = await listen(secure, options.tlsPort, host);
  }
  return {
    host,
    port,
    ...(tlsPort !== undefined ? { tlsPort } : {}),
    connections: () => sockets.size,
    stop: async () => {
      watcher.stop();
      const closing = [plain, secure].filter((server): server is Server => server !== undefined);
      const closed = closing.map((server) => new Promise<void>((resolve) => server.close(() => resolve())));
      for (const socket of sockets) socket.end('* BYE Server shutting down.\r\n');
      const deadline = setTimeout(() => {
        for (const socket of sockets) socket.destroy();
      }, 5000);
      await Promise.all(closed);
      clearTimeout(deadline);
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
