import type { ImapDeps } from '../imap/deps';
import { startImapServer } from '../imap/server';
import { startSubmissionServer, type SubmissionServerDeps } from '../submission';
import { MAIL_ACCESS_METRIC, type MailAccessTls } from './mail-access-config';

/** What the container serves: the IMAP session's ports and the submission server's. */
export interface MailAccessServiceDeps {
  readonly imap: ImapDeps;
  readonly submission: SubmissionServerDeps;
  /** Told about failures that end an IMAP connection: error names only. */
  readonly onImapError?: (error: unknown) => void;
}

/** Where the container listens and under which certificate. */
export interface MailAccessServiceOptions {
  /** '0.0.0.0' in the container. */
  readonly host: string;
  /** 0 picks a free port (tests). */
  readonly ports: {
    readonly imap: number;
    readonly imapTls: number;
    readonly submission: number;
    readonly submissionTls: number;
  };
  readonly tls: MailAccessTls;
  /** The mail host name: the SMTP greeting names it. */
  readonly mailHost: string;
  /** How often mailboxes with IDLE sessions are checked. @default 1000 */
  readonly pollMs?: number;
}

/** The running listeners. */
export interface MailAccessService {
  readonly ports: MailAccessServiceOptions['ports'];
  /** Open IMAP connections now. */
  readonly imapConnections: () => number;
  /** Stops accepting, ends IMAP sessions with a BYE, and resolves once submissions in progress have ended. */
  stop(): Promise<void>;
}

/**
 * Serves IMAP (STARTTLS and implicit TLS) and SMTP submission (STARTTLS and implicit TLS) with the certificate in the
 * process: the same servers `npm start` runs. No password is accepted before TLS, from any address.
 * @param deps - the mailbox model, sign-in and the sending core, as the container's wiring builds them
 * @param options - host, ports, certificate
 * @example
 * const service = await startMailAccessService(deps, { host: '0.0.0.0', ports, tls, mailHost: 'mail.example.com' });
 */
export async function startMailAccessService(
  deps: MailAccessServiceDeps,
  options: MailAccessServiceOptions,
): Promise<MailAccessService> {
  const { host, ports, tls } = options;
  const common = { host, tls, hostname: options.mailHost };
  const started: { stop(): Promise<void> }[] = [];
  try {
    const starttls = await startSubmissionServer(deps.submission, {
      ...common,
      port: ports.submission,
      secure: false,
    });
    started.push(starttls);
    const implicit = await startSubmissionServer(deps.submission, {
      ...common,
      port: ports.submissionTls,
      secure: true,
    });
    started.push(implicit);
    const imap = await startImapServer({
      deps: deps.imap,
      host,
      port: ports.imap,
      tlsPort: ports.imapTls,
      tls,
      ...(options.pollMs !== undefined ? { pollMs: options.pollMs } : {}),
      ...(deps.onImapError ? { onError: deps.onImapError } : {}),
    });
    return {
      ports: {
        imap: imap.port,
        imapTls: imap.tlsPort as number,
        submission: starttls.port,
        submissionTls: implicit.port,
      },
      imapConnections: imap.connections,
      stop: async () => {
        await Promise.all([imap.stop(), starttls.stop(), implicit.stop()]);
      },
    };
  } catch (error) {
    await Promise.all(started.map((server) => server.stop()));
    throw error;
  }
}

/**
 * One CloudWatch embedded-metric-format line: the task's open IMAP connections, which CloudWatch Logs turns into the
 * `Mailwright/ImapConnections` metric the service scales on.
 * @param connections - open IMAP connections of this task
 * @param timestamp - milliseconds since the epoch
 * @example
 * process.stdout.write(`${connectionMetricLine(service.imapConnections(), Date.now())}\n`);
 */
export function connectionMetricLine(connections: number, timestamp: number): string {
  const { namespace, name, dimensions } = MAIL_ACCESS_METRIC;
  return JSON.stringify({
    _aws: {
      Timestamp: timestamp,
      CloudWatchMetrics: [
        {
          Namespace: namespace,
          Dimensions: [Object.keys(dimensions)],
          Metrics: [{ Name: name, Unit: 'Count' }],
        },
      ],
    },
    ...dimensions,
    [name]: connections,
  });
}
