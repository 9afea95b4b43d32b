import type { MailAccessSettings } from '../core/autoconfig';
import { startLocalImap } from './imap-service';
import { startLocalSubmission } from './local-submission';
import { localTlsCertificate } from './tls-certificate';
import type { LocalWiring } from './wiring';

/** The local runtime's IMAP and submission ports: unprivileged stand-ins for 143, 993, 587 and 465. */
export const LOCAL_MAIL_PORTS = { imap: 1143, imapTls: 1993, submission: 1587, submissionTls: 1465 } as const;

/** Ports asked for (0 picks a free one; absent takes {@link LOCAL_MAIL_PORTS}). */
export interface MailAccessPorts {
  readonly imap?: number;
  readonly imapTls?: number;
  readonly submission?: number;
  readonly submissionTls?: number;
}

/** Where mail apps reach the local runtime. */
export interface LocalMailAccess {
  readonly imap: { readonly host: string; readonly port: number; readonly tlsPort: number };
  readonly submission: { readonly host: string; readonly port: number; readonly tlsPort: number };
  /** The ports in use, as autoconfiguration publishes them. */
  readonly settings: MailAccessSettings;
  stop(): Promise<void>;
}

/**
 * Serves mail apps: IMAP and SMTP submission, each with STARTTLS and implicit TLS, under one self-signed
 * certificate kept in `<data>/tls` (in memory without a data directory).
 * @example
 * const access = await startLocalMailAccess(wiring, { host: '127.0.0.1', dataDir, mailHost, ports: {} });
 */
export async function startLocalMailAccess(
  wiring: Pick<LocalWiring, 'mail' | 'userAuth' | 'sending' | 'inbound' | 'audit'>,
  options: { host: string; dataDir?: string; mailHost: string; ports: MailAccessPorts },
): Promise<LocalMailAccess> {
  const { host, mailHost, ports } = options;
  const wildcard = host === '0.0.0.0' || host === '::';
  const tls = await localTlsCertificate(options.dataDir, wildcard ? [mailHost] : [mailHost, host]);
  const submission = await startLocalSubmission({
    port: ports.submission ?? LOCAL_MAIL_PORTS.submission,
    tlsPort: ports.submissionTls ?? LOCAL_MAIL_PORTS.submissionTls,
    host,
    tls,
    mailHost,
    authenticator: wiring.userAuth.authenticator,
    sending: wiring.sending.sending,
    logger: wiring.inbound.deps.logger,
  });
  const imap = await startLocalImap(wiring, {
    host,
    port: ports.imap ?? LOCAL_MAIL_PORTS.imap,
    tlsPort: ports.imapTls ?? LOCAL_MAIL_PORTS.imapTls,
    tls,
  }).catch(async (error: unknown) => {
    await submission.stop();
    throw error;
  });
  const imapTlsPort = imap.tlsPort as number;
  return {
    imap: { host: imap.host, port: imap.port, tlsPort: imapTlsPort },
    submission: { host: submission.host, port: submission.port, tlsPort: submission.tlsPort },
    settings: {
      hostName: host,
      imapPort: imap.port,
      imapTlsPort,
      submissionPort: submission.port,
      submissionTlsPort: submission.tlsPort,
    },
    stop: async () => {
      await Promise.all([imap.stop(), submission.stop()]);
    },
  };
}
