import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import type { TestRuntime } from './local-runtime';
import type { MailUser } from './mail-organization';

/** Opens signed-in imapflow clients to a runtime's IMAP server and logs out the ones still open. */
export interface ImapflowClients {
  /** A signed-in client: STARTTLS on the plain port, or implicit TLS with `secure`; certificate checks off. */
  connect(user: MailUser, options?: Partial<ImapFlowOptions>): Promise<ImapFlow>;
  /** Logs out every client still usable. */
  logoutAll(): Promise<void>;
}

/**
 * imapflow clients for e2e tests, quiet and without automatic IDLE (a test IDLEs when it means to).
 * @param mw - a function returning the runtime (it starts in `beforeAll`)
 * @example
 * const clients = imapflowClients(() => mw);
 * afterEach(() => clients.logoutAll());
 * const client = await clients.connect(ana, { secure: true });
 */
export function imapflowClients(mw: () => TestRuntime): ImapflowClients {
  const open: ImapFlow[] = [];
  return {
    async connect(user, options = {}) {
      const { imap } = mw();
      const client = new ImapFlow({
        host: imap.host,
        port: options.secure ? imap.tlsPort : imap.port,
        tls: { rejectUnauthorized: false },
        auth: { user: user.email, pass: user.pass },
        logger: false,
        disableAutoIdle: true,
        ...options,
      });
      open.push(client);
      // Failures surface from the calls; without a listener an 'error' event would end the test process.
      client.on('error', () => {});
      await client.connect();
      return client;
    },
    async logoutAll() {
      for (const client of open.splice(0)) if (client.usable) await client.logout();
    },
  };
}
