import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseFunctionTargets } from '../adapters/local/module-function-invoker';
import type { DeliveryLogger } from '../core/delivery';
import { createTokenCommand } from './create-token';
import { readMessageCommand } from './read-message';
import { importMailboxCommand } from './import-mailbox';
import { migrateCommand } from './migrate';
import { DynamoDbLocalUnavailableError } from './dynamodb-local';
import {
  BootstrapKeyRevokedError,
  SettingsMismatchError,
  startRuntime,
  type RunningRuntime,
  type RuntimeOptions,
} from './runtime';
import { InvalidAdminCredentialsError } from '../core/auth/errors';
import { parseAdminSignInSettings } from '../core/sso/admin-grants';

/** The `--help` text of `npm start` / `mailwright`. */
export const USAGE = `Usage: npm start -- [options]

Runs Mailwright on this machine: the WorkMail-compatible admin API on DynamoDB Local and a local S3.

Options:
  --port N                 HTTP port of the API (default 8080)
  --smtp-port N            SMTP port for inbound mail (default 2525)
  --imap-port N            IMAP port for mail clients, STARTTLS (default 1143)
  --imap-tls-port N        IMAP port for mail clients, implicit TLS (default 1993)
  --submission-port N      SMTP submission port for mail clients, STARTTLS (default 1587)
  --submissions-port N     SMTP submission port for mail clients, implicit TLS (default 1465)
  --data DIR               where data persists (default .mailwright/)
  --memory                 keep nothing: throwaway databases and keys
  --test-domain-suffix S   test mail domains are <alias>.S (default mailwright.localhost)
  --functions FILE         JSON map of flow-rule and availability-provider Lambda ARNs to local modules or URLs
                           (format: docs/lambda-actions.md; example: examples/local-functions.json)
  --account-id ID          account id in ARNs; flow-rule Lambda ARNs must name it (default 111122223333)
  --admin-sign-in FILE     JSON settings of the admin console's single sign-on through an OpenID Connect
                           issuer (format: docs/single-sign-on.md#admin-console-sign-in)
  --help                   show this text

Commands:
  npm start -- read-message --user ADDRESS [--message-id ID] [--folder INBOX|JUNK_EMAIL] [--data DIR]
                           list a mailbox's messages, or print one message's original bytes
  npm start -- create-token --user ADDRESS --name NAME [--scope SCOPE]... [--lifetime-days N] [--data DIR]
                           sign in with the user's password (prompted, or the first line of stdin) and
                           print a new personal access token, once (scope default: mail; lifetime 365 days)
  npm start -- import-mailbox --user ADDRESS (--file ZIP | --bucket BUCKET --key KEY) [--data DIR]
                           read a mailbox export zip (WorkMail's or Mailwright's) into a mailbox; a second
                           run stores nothing twice (docs/export.md)
  npm start -- migrate STEP --source-organization-id ID [--target-endpoint URL] [...]
                           move an organization off WorkMail: plan, directory, cutover, check, run
                           (npm start -- migrate --help; docs/migration.md)

Environment:
  MAILWRIGHT_ADMIN_KEY_ID, MAILWRIGHT_ADMIN_SECRET   bootstrap admin credentials (generated when unset)
  AWS_REGION                                         the region to report (default us-east-1)
`;

/** Parsed command line: runtime options, or a request for help. */
export type CliCommand = { readonly help: true } | { readonly help: false; readonly options: RuntimeOptions };

/** Raised for a command line that cannot be run; the message says what is wrong. */
export class UsageError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UsageError';
  }
}

/**
 * Turns argv and the environment into runtime options.
 * @param argv - arguments after the script name
 * @param env - the process environment
 * @example
 * const command = parseCommandLine(['--memory', '--port', '0'], {});
 */
export function parseCommandLine(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): CliCommand {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' },
        'smtp-port': { type: 'string' },
        'imap-port': { type: 'string' },
        'imap-tls-port': { type: 'string' },
        'submission-port': { type: 'string' },
        'submissions-port': { type: 'string' },
        data: { type: 'string' },
        memory: { type: 'boolean' },
        'test-domain-suffix': { type: 'string' },
        functions: { type: 'string' },
        'account-id': { type: 'string' },
        'admin-sign-in': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message, { cause: error });
  }
  if (values.help) return { help: true };
  const accountId = values['account-id'] ?? '111122223333';
  if (!/^\d{12}$/.test(accountId)) throw new UsageError(`--account-id must be 12 digits, not '${accountId}'`);
  return {
    help: false,
    options: {
      port: port(values.port ?? '8080', '--port'),
      smtpPort: port(values['smtp-port'] ?? '2525', '--smtp-port'),
      imapPort: port(values['imap-port'] ?? '1143', '--imap-port'),
      imapTlsPort: port(values['imap-tls-port'] ?? '1993', '--imap-tls-port'),
      submissionPort: port(values['submission-port'] ?? '1587', '--submission-port'),
      submissionsPort: port(values['submissions-port'] ?? '1465', '--submissions-port'),
      accountId,
      functionTargets: values.functions ? readFunctionTargets(values.functions) : undefined,
      adminSignIn: values['admin-sign-in'] ? readAdminSignIn(values['admin-sign-in']) : undefined,
      dataDir: values.data ?? '.mailwright',
      memory: values.memory ?? false,
      region: env.AWS_REGION || 'us-east-1',
      testDomainSuffix: values['test-domain-suffix'] ?? 'mailwright.localhost',
      admin: {
        accessKeyId: env.MAILWRIGHT_ADMIN_KEY_ID || undefined,
        secret: env.MAILWRIGHT_ADMIN_SECRET || undefined,
      },
    },
  };
}

function readFunctionTargets(file: string) {
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`--functions: cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
  try {
    return parseFunctionTargets(document, dirname(resolve(file)));
  } catch (error) {
    throw new UsageError(`--functions: ${(error as Error).message}`, { cause: error });
  }
}

function readAdminSignIn(file: string) {
  try {
    return parseAdminSignInSettings(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    throw new UsageError(`--admin-sign-in: cannot use ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

function port(value: string, flag: string): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed > 65_535)
    throw new UsageError(`${flag} must be a port number (0-65535), not '${value}'`);
  return parsed;
}

/** The lines printed once the runtime is up; the only place the bootstrap secret is shown. */
export function formatBanner(runtime: RunningRuntime): string {
  const { accessKeyId, secretAccessKey } = runtime.credentials;
  return [
    `Mailwright admin API: ${runtime.endpoint}   (OpenAPI: ${runtime.endpoint}/openapi.json)`,
    `Webmail: ${runtime.endpoint}/   Admin console: ${runtime.endpoint}/admin`,
    `SMTP ingress: ${runtime.smtp.host}:${runtime.smtp.port}   (DSNs to other domains go to ${runtime.outboxDir})`,
    runtime.dataDir ? `Data directory: ${runtime.dataDir}` : 'Data: in memory (removed on exit)',
    `Metrics (WorkMail's nine, as CloudWatch EMF lines): ${runtime.metrics.file}`,
    `Local S3 (keys S3RVER/S3RVER, path-style): ${runtime.engines.s3Endpoint}`,
    `Custom domains are treated as verified locally (no DNS checks); test domains end in .${runtime.settings.testDomainSuffix}`,
    '',
    'Admin credentials (bootstrap key):',
    `  export AWS_ACCESS_KEY_ID=${accessKeyId}`,
    `  export AWS_SECRET_ACCESS_KEY=${secretAccessKey}`,
    `  export AWS_REGION=${runtime.region} AWS_DEFAULT_REGION=${runtime.region}`,
    '',
    ...mailClientSettings(runtime),
    'Try:',
    `  aws workmail list-organizations --endpoint-url ${runtime.endpoint} --region ${runtime.region}`,
    '',
    'Mailwright ready (Ctrl-C to stop)',
  ].join('\n');
}

/** What to type into a mail client's account settings. */
function mailClientSettings({ imap, submission, dataDir }: RunningRuntime): string[] {
  const certificate = dataDir ? ` (${join(dataDir, 'tls', 'cert.pem')})` : '';
  return [
    'Mail clients (Thunderbird, Apple Mail, Outlook, mutt, …):',
    `  incoming (IMAP): server ${imap.host}, port ${imap.port} with STARTTLS or port ${imap.tlsPort} with SSL/TLS`,
    `  outgoing (SMTP): server ${submission.host}, port ${submission.port} with STARTTLS or port ${submission.tlsPort} with SSL/TLS`,
    '  user name = your e-mail address, password = your password or a personal access token',
    `  the certificate is self-signed: accept it once in the client${certificate}`,
    '',
  ];
}

/** Inbound events (deliveries, rule decisions, DSNs) as one line each on the console. */
const consoleLogger: DeliveryLogger = {
  info: (message, attributes) => console.log(`[inbound] ${message} ${JSON.stringify(attributes)}`),
  warn: (message, attributes) => console.warn(`[inbound] ${message} ${JSON.stringify(attributes)}`),
  error: (message, attributes) => console.error(`[inbound] ${message} ${JSON.stringify(attributes)}`),
};

/**
 * Runs the local runtime until SIGINT/SIGTERM; returns the process exit code.
 * @example
 * process.exitCode = await main(process.argv.slice(2), process.env);
 */
export async function main(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Promise<number> {
  if (argv[0] === 'read-message') return readMessageCommand(argv.slice(1), process.stdout);
  if (argv[0] === 'create-token') return createTokenCommand(argv.slice(1), process);
  if (argv[0] === 'import-mailbox') return importMailboxCommand(argv.slice(1), process.stdout);
  if (argv[0] === 'migrate') return migrateCommand(argv.slice(1), { ...process, env });
  let command: CliCommand;
  try {
    command = parseCommandLine(argv, env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (command.help) {
    console.log(USAGE);
    return 0;
  }
  // Listening before the engines start: a signal during start-up stops them once they run, instead of ending
  // the process and leaving DynamoDB Local behind.
  const stopRequested = new Promise<void>((resolve) => {
    const shutdown = () => {
      process.off('SIGINT', shutdown);
      process.off('SIGTERM', shutdown);
      resolve();
    };
    process.on('SIGINT', shutdown);
    process.on('SIGTERM', shutdown);
  });
  let runtime: RunningRuntime;
  try {
    runtime = await startRuntime({ ...command.options, inboundLogger: consoleLogger });
  } catch (error) {
    if (
      error instanceof DynamoDbLocalUnavailableError ||
      error instanceof InvalidAdminCredentialsError ||
      error instanceof BootstrapKeyRevokedError ||
      error instanceof SettingsMismatchError
    ) {
      console.error(`Cannot start Mailwright: ${error.message}`);
      return 1;
    }
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      const port = (error as { port?: number }).port ?? command.options.port;
      console.error(
        `Cannot start Mailwright: port ${port} is in use; choose another with --port, --smtp-port, ` +
          '--imap-port, --imap-tls-port, --submission-port or --submissions-port.',
      );
      return 1;
    }
    throw error;
  }
  console.log(formatBanner(runtime));
  await stopRequested;
  console.log('Stopping Mailwright…');
  await runtime.stop();
  return 0;
}
