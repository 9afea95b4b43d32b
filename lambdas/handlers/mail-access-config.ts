import { ConfigurationError } from './config';

/** The variables the IMAP/submission container reads beside the functions' (`CONFIG_ENV`). */
export const MAIL_ACCESS_ENV = {
  /** PEM private key of the mail host name (ECS injects it from the TLS secret's `key` field). */
  tlsKey: 'MAILWRIGHT_TLS_KEY',
  /** PEM certificate chain, leaf first (the secret's `cert` field). */
  tlsCert: 'MAILWRIGHT_TLS_CERT',
  /** Or files holding them, for container hosts that mount secrets as files. */
  tlsKeyFile: 'MAILWRIGHT_TLS_KEY_FILE',
  tlsCertFile: 'MAILWRIGHT_TLS_CERT_FILE',
} as const;

/**
 * The ports the container listens on: unprivileged (the process runs as the image's `node` user), the load balancer
 * maps the published 143, 993, 587 and 465 to them.
 */
export const MAIL_ACCESS_CONTAINER_PORTS = {
  imap: 1143,
  imapTls: 1993,
  submission: 1587,
  submissionTls: 1465,
} as const;

/** The server's TLS key and certificate (PEM). */
export interface MailAccessTls {
  readonly key: string;
  readonly cert: string;
}

/**
 * Reads the TLS key and certificate from the environment (PEM text, as ECS injects a Secrets Manager secret) or from
 * the files it names, failing fast with the variable's name; never echoes either value.
 * @param env - the environment, e.g. `process.env`
 * @param readFile - reads a file as UTF-8 text
 * @example
 * const tls = await loadMailAccessTls(process.env, (path) => readFile(path, 'utf8'));
 */
export async function loadMailAccessTls(
  env: Readonly<Record<string, string | undefined>>,
  readFile: (path: string) => Promise<string>,
): Promise<MailAccessTls> {
  const read = async (inline: string, file: string, marker: RegExp): Promise<string> => {
    const value = env[inline] || (env[file] ? await readFile(env[file]) : undefined);
    if (!value) throw new ConfigurationError(`Environment variable ${inline} or ${file} is not set`, inline);
    if (!marker.test(value)) throw new ConfigurationError(`${inline} is not PEM text`, inline);
    return value;
  };
  return {
    key: await read(MAIL_ACCESS_ENV.tlsKey, MAIL_ACCESS_ENV.tlsKeyFile, /-----BEGIN [A-Z ]*PRIVATE KEY-----/),
    cert: await read(MAIL_ACCESS_ENV.tlsCert, MAIL_ACCESS_ENV.tlsCertFile, /-----BEGIN CERTIFICATE-----/),
  };
}

/**
 * The connection metric the container publishes (CloudWatch embedded metric format, one line a minute) and the
 * service scales on: open IMAP connections per task. IMAP sessions are the long-lived load (IDLE); submissions are
 * short and show in CPU.
 */
export const MAIL_ACCESS_METRIC = {
  namespace: 'Mailwright',
  name: 'ImapConnections',
  dimensions: { Service: 'mail-access' },
} as const;
