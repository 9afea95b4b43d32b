import { isIP } from 'node:net';
import { startImapServer, type RunningImapServer } from '../imap/server';
import type { LocalWiring } from './wiring';

/** How often the local runtime checks mailboxes with IDLE sessions: new mail shows within a quarter second. */
const LOCAL_POLL_MS = 250;

/** Where the local IMAP server listens, and its certificate. */
export interface LocalImapOptions {
  readonly host: string;
  /** STARTTLS port (0 picks a free one). */
  readonly port: number;
  /** Implicit-TLS port (0 picks a free one). */
  readonly tlsPort: number;
  readonly tls: { readonly key: string; readonly cert: string };
}

/**
 * Serves IMAP for the local runtime's users over the same mailbox model and sign-in as JMAP. Passwords may travel
 * without TLS only from loopback addresses (any client elsewhere must use STARTTLS or the TLS port).
 * @example
 * const imap = await startLocalImap(wiring, { host: '127.0.0.1', port: 1143, tlsPort: 1993, tls });
 */
export function startLocalImap(
  wiring: Pick<LocalWiring, 'mail' | 'userAuth' | 'audit'>,
  options: LocalImapOptions,
): Promise<RunningImapServer> {
  return startImapServer({
    deps: {
      mail: wiring.mail,
      signIn: (login, secret, sourceAddress) =>
        wiring.userAuth.authenticator.signInWithPassword(login, secret, { sourceAddress, protocol: 'IMAP' }),
      audit: wiring.audit,
    },
    host: options.host,
    port: options.port,
    tlsPort: options.tlsPort,
    tls: options.tls,
    allowPlaintextLogin: isLoopback,
    pollMs: LOCAL_POLL_MS,
  });
}

/** Whether an address is this machine's (127.0.0.0/8, ::1, or IPv4-mapped loopback). */
export function isLoopback(address: string): boolean {
  const unmapped = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(unmapped) === 4) return unmapped.startsWith('127.');
  return unmapped === '::1';
}
