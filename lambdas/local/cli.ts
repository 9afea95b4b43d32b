import { parseArgs } from 'node:util';
import { DynamoDbLocalUnavailableError } from './dynamodb-local';
import { startRuntime, type RunningRuntime, type RuntimeOptions } from './runtime';
import { InvalidAdminCredentialsError } from '../core/auth/errors';

/** The `--help` text of `npm start` / `mailwright`. */
export const USAGE = `Usage: npm start -- [options]

Runs Mailwright on this machine: the WorkMail-compatible admin API on DynamoDB Local and a local S3.

Options:
  --port N                 HTTP port of the API (default 8080)
  --smtp-port N            SMTP port for inbound mail (default 2525; used once SMTP ingress is wired)
  --data DIR               where data persists (default .mailwright/)
  --memory                 keep nothing: throwaway databases and keys
  --test-domain-suffix S   test mail domains are <alias>.S (default mailwright.localhost)
  --help                   show this text

Environment:
  MAILWRIGHT_ADMIN_KEY_ID, MAILWRIGHT_ADMIN_SECRET   bootstrap admin credentials (generated when unset)
  AWS_REGION                                         the region to report (default us-east-1)
`;

/** Parsed command line: runtime options, or a request for help. */
export type CliCommand =
  | { readonly help: true }
  | { readonly help: false; readonly options: RuntimeOptions; readonly smtpPort: number };

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
        data: { type: 'string' },
        memory: { type: 'boolean' },
        'test-domain-suffix': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message, { cause: error });
  }
  if (values.help) return { help: true };
  return {
    help: false,
    smtpPort: port(values['smtp-port'] ?? '2525', '--smtp-port'),
    options: {
      port: port(values.port ?? '8080', '--port'),
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
    runtime.dataDir ? `Data directory: ${runtime.dataDir}` : 'Data: in memory (removed on exit)',
    `Custom domains are treated as verified locally (no DNS checks); test domains end in .${runtime.settings.testDomainSuffix}`,
    '',
    'Admin credentials (unscoped bootstrap key):',
    `  export AWS_ACCESS_KEY_ID=${accessKeyId}`,
    `  export AWS_SECRET_ACCESS_KEY=${secretAccessKey}`,
    `  export AWS_REGION=${runtime.region}`,
    '',
    'Try:',
    `  aws workmail list-organizations --endpoint-url ${runtime.endpoint} --region ${runtime.region}`,
    '',
    'Mailwright ready (Ctrl-C to stop)',
  ].join('\n');
}

/**
 * Runs the local runtime until SIGINT/SIGTERM; returns the process exit code.
 * @example
 * process.exitCode = await main(process.argv.slice(2), process.env);
 */
export async function main(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Promise<number> {
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
  let runtime: RunningRuntime;
  try {
    runtime = await startRuntime(command.options);
  } catch (error) {
    if (error instanceof DynamoDbLocalUnavailableError || error instanceof InvalidAdminCredentialsError) {
      console.error(`Cannot start Mailwright: ${error.message}`);
      return 1;
    }
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(
        `Cannot start Mailwright: port ${command.options.port} is in use; choose another with --port.`,
      );
      return 1;
    }
    throw error;
  }
  console.log(formatBanner(runtime));
  await new Promise<void>((resolve) => {
    const shutdown = () => {
      process.off('SIGINT', shutdown);
      process.off('SIGTERM', shutdown);
      resolve();
    };
    process.on('SIGINT', shutdown);
    process.on('SIGTERM', shutdown);
  });
  console.log('Stopping Mailwright…');
  await runtime.stop();
  return 0;
}
