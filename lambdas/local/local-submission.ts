import type { DeliveryLogger } from '../core/delivery';
import { submit, type SendingDeps } from '../core/sending';
import type { UserAuthenticator } from '../core/user-auth';
import { startSubmissionServer } from '../submission';
import type { TlsCertificate } from './tls-certificate';

/** What {@link startLocalSubmission} needs from the runtime. */
export interface LocalSubmissionOptions {
  /** STARTTLS port (587 in the cloud); 0 picks a free one. */
  readonly port: number;
  /** Implicit-TLS port (465 in the cloud); 0 picks a free one. */
  readonly tlsPort: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** The runtime's certificate (see `tls-certificate.ts`). */
  readonly tls: TlsCertificate;
  /** The runtime's mail host: the greeting name. */
  readonly mailHost: string;
  readonly authenticator: Pick<UserAuthenticator, 'signInWithPassword'>;
  readonly sending: SendingDeps;
  readonly logger?: DeliveryLogger;
}

/** The local submission listeners. */
export interface LocalSubmission {
  readonly host: string;
  /** STARTTLS. */
  readonly port: number;
  /** Implicit TLS. */
  readonly tlsPort: number;
  stop(): Promise<void>;
}

/**
 * Serves SMTP submission on this machine: STARTTLS on `port` and implicit TLS on `tlsPort`, with the runtime's
 * self-signed certificate. AUTH without TLS is accepted from loopback clients only, and only when the runtime
 * listens on loopback (so `swaks`-style scripts work locally, and nothing crosses a network in the clear).
 * @example
 * const submission = await startLocalSubmission({ port: 1587, tlsPort: 1465, mailHost, authenticator, sending });
 */
export async function startLocalSubmission(options: LocalSubmissionOptions): Promise<LocalSubmission> {
  const host = options.host ?? '127.0.0.1';
  const { tls } = options;
  const deps = {
    authenticator: options.authenticator,
    submit: (request: Parameters<typeof submit>[1]) => submit(options.sending, request),
    logger: options.logger,
  };
  const common = { host, tls, hostname: options.mailHost, allowPlaintextAuth: isLoopbackHost(host) };
  const starttls = await startSubmissionServer(deps, { ...common, port: options.port, secure: false });
  const implicit = await startSubmissionServer(deps, {
    ...common,
    port: options.tlsPort,
    secure: true,
  }).catch(async (error: unknown) => {
    await starttls.stop();
    throw error;
  });
  return {
    host,
    port: starttls.port,
    tlsPort: implicit.port,
    stop: async () => {
      await Promise.all([starttls.stop(), implicit.stop()]);
    },
  };
}

function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}
