import { parseArgs } from 'node:util';
import { isCallError, MigrationSetupError, type DnsLookup } from '../core/migration';
import { MigrationSteps } from './migration-steps';
import { wireMigration } from './migration-wiring';

/** The `migrate` usage text. */
export const MIGRATE_USAGE = `Usage: npm start -- migrate STEP --source-organization-id ID [options]

Moves an organization from WorkMail (or another Mailwright) to a Mailwright (docs/migration.md).

Steps:
  plan        read the source (read-only); write migration-plan.md and migration-plan.json
  directory   recreate domains, users, groups, resources, aliases, permissions and policies on the target
  mailboxes   export each mailbox on the source, verify it, import it on the target (docs/migration-mailboxes.md)
  cutover     print the DNS records to publish per domain, and the ones they replace
  check       look the cut-over records up in the DNS: which already point at Mailwright
  run         plan, directory, mailboxes (when the buckets are given) and cutover, in order

Options:
  --source-endpoint URL     a Mailwright as the source (default: WorkMail, standard AWS credentials)
  --source-region REGION    (default: AWS_REGION, else us-east-1)
  --target-endpoint URL     the Mailwright to migrate to (credentials: MAILWRIGHT_TARGET_ACCESS_KEY_ID and
                            MAILWRIGHT_TARGET_SECRET_ACCESS_KEY, an admin key)
  --target-region REGION    (default us-east-1)
  --state FILE              the resumable state: source -> target ids (default migration-state.json)
  --report DIR              where reports go (default .)
  --passwords csv|none      csv: temporary passwords in --passwords-file (mode 0600); none: set none (default csv)
  --passwords-file FILE     (default migration-passwords.csv)
  --dry-run                 print every call that would change the target; change nothing
  --dns-server IP           DNS server for check (repeatable; default: the system's)

Mailbox step:
  --export-bucket B --export-role-arn ARN --export-kms-key-arn ARN
                            where StartMailboxExportJob writes (the role WorkMail writes with, the key)
  --export-prefix P         (default mailwright-migration)
  --import-bucket B         where verified copies go for the target to import (read with your credentials)
  --import-prefix P         (default mailwright-migration-import)
  --import-role-arn ARN     the role the target reads the import bucket with (default: none)
  --export-s3-endpoint URL, --import-s3-endpoint URL   a local S3 (npm start's) instead of AWS S3
  --concurrency N           mailboxes moved at once (default 4)
  --delta                   export again and import only messages the target does not hold yet
`;

const STEPS = new Set(['plan', 'directory', 'mailboxes', 'cutover', 'check', 'run']);

/** Streams and, for tests, the DNS the `check` step asks. */
export interface MigrateIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** @default - Node's resolver */
  readonly dns?: DnsLookup;
}

/**
 * `npm start -- migrate STEP`: runs one step of a migration (or all with `run`), resumably through the state
 * file. Returns the exit code: 0 done, 1 done with problems (reported) or refused, 2 usage.
 * @example
 * process.exitCode = await migrateCommand(['plan', '--source-organization-id', 'm-…'], { ...process, env });
 */
export async function migrateCommand(argv: readonly string[], io: MigrateIo): Promise<number> {
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        'source-organization-id': { type: 'string' },
        'source-endpoint': { type: 'string' },
        'source-region': { type: 'string' },
        'target-endpoint': { type: 'string' },
        'target-region': { type: 'string' },
        state: { type: 'string', default: 'migration-state.json' },
        report: { type: 'string', default: '.' },
        passwords: { type: 'string', default: 'csv' },
        'passwords-file': { type: 'string', default: 'migration-passwords.csv' },
        'dry-run': { type: 'boolean', default: false },
        'dns-server': { type: 'string', multiple: true },
        'export-bucket': { type: 'string' },
        'export-prefix': { type: 'string', default: 'mailwright-migration' },
        'export-role-arn': { type: 'string' },
        'export-kms-key-arn': { type: 'string' },
        'export-s3-endpoint': { type: 'string' },
        'import-bucket': { type: 'string' },
        'import-prefix': { type: 'string', default: 'mailwright-migration-import' },
        'import-role-arn': { type: 'string' },
        'import-s3-endpoint': { type: 'string' },
        concurrency: { type: 'string', default: '4' },
        delta: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n\n${MIGRATE_USAGE}`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(MIGRATE_USAGE);
    return 0;
  }
  const step = positionals[0] ?? '';
  const organizationId = values['source-organization-id'];
  const problem = !STEPS.has(step)
    ? `Unknown step '${step}'.`
    : !organizationId
      ? '--source-organization-id is required.'
      : step !== 'plan' && !values['target-endpoint']
        ? `--target-endpoint is required for ${step}.`
        : !['csv', 'none'].includes(values.passwords)
          ? `--passwords must be csv or none, not '${values.passwords}'.`
          : !/^([1-9]|[1-9]\d)$/.test(values.concurrency)
            ? `--concurrency must be 1-99, not '${values.concurrency}'.`
            : step === 'mailboxes' && !mailboxOptions(values)
              ? 'The mailbox step needs --export-bucket, --export-role-arn, --export-kms-key-arn and --import-bucket.'
              : undefined;
  if (problem) {
    io.stderr.write(`${problem}\n\n${MIGRATE_USAGE}`);
    return 2;
  }
  const say = (line: string) => void io.stdout.write(`${line}\n`);
  const dryRun = values['dry-run'];
  const wiring = await wireMigration(
    {
      sourceEndpoint: values['source-endpoint'],
      sourceRegion: values['source-region'] ?? (io.env.AWS_REGION || 'us-east-1'),
      targetEndpoint: values['target-endpoint'],
      targetRegion: values['target-region'] ?? 'us-east-1',
      statePath: values.state,
      passwordsPath: values.passwords === 'csv' && !dryRun ? values['passwords-file'] : undefined,
      dnsServers: values['dns-server'],
      exportS3Endpoint: values['export-s3-endpoint'],
      importS3Endpoint: values['import-s3-endpoint'],
    },
    io.env,
    say,
  );
  try {
    const run = new MigrationSteps(wiring, {
      organizationId: organizationId!,
      reportDir: values.report,
      dryRun,
      withPasswords: values.passwords === 'csv',
      mailboxes: mailboxOptions(values),
      dns: io.dns ?? wiring.dns,
      say,
      progress: io.stderr,
    });
    return await run.step(step);
  } catch (error) {
    if (!(error instanceof MigrationSetupError) && !isCallError(error)) throw error;
    io.stderr.write(`Migration stopped: ${error.message}\n(re-run the same command to continue)\n`);
    return 1;
  } finally {
    wiring.close();
  }
}

/** The mailbox step's options, when the command line gives the export and import buckets and the export's role and key. */
function mailboxOptions(values: {
  readonly 'export-bucket'?: string;
  readonly 'export-prefix': string;
  readonly 'export-role-arn'?: string;
  readonly 'export-kms-key-arn'?: string;
  readonly 'import-bucket'?: string;
  readonly 'import-prefix': string;
  readonly 'import-role-arn'?: string;
  readonly concurrency: string;
  readonly delta: boolean;
}) {
  const bucket = values['export-bucket'];
  const roleArn = values['export-role-arn'];
  const kmsKeyArn = values['export-kms-key-arn'];
  const importBucket = values['import-bucket'];
  if (!bucket || !roleArn || !kmsKeyArn || !importBucket) return undefined;
  return {
    exportDestination: { bucket, prefix: values['export-prefix'], roleArn, kmsKeyArn },
    importLocation: {
      bucket: importBucket,
      prefix: values['import-prefix'],
      ...(values['import-role-arn'] ? { roleArn: values['import-role-arn'] } : {}),
    },
    concurrency: Number(values.concurrency),
    delta: values.delta,
  };
}
