import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  checkCutover,
  cutoverRecords,
  dryRunApi,
  isCallError,
  migrateDirectory,
  migrationPlan,
  MigrationSetupError,
  planMarkdown,
  readInventory,
  type DnsLookup,
  type Inventory,
  type MigrationStateStore,
} from '../core/migration';
import { wireMigration, type MigrationWiring } from './migration-wiring';

/** The `migrate` usage text. */
export const MIGRATE_USAGE = `Usage: npm start -- migrate STEP --source-organization-id ID [options]

Moves an organization from WorkMail (or another Mailwright) to a Mailwright (docs/migration.md).

Steps:
  plan        read the source (read-only); write migration-plan.md and migration-plan.json
  directory   recreate domains, users, groups, resources, aliases, permissions and policies on the target
  mailboxes   move mailbox content (comes with the mailbox move step; not in this build yet)
  cutover     print the DNS records to publish per domain, and the ones they replace
  check       look the cut-over records up in the DNS: which already point at Mailwright
  run         plan, directory and cutover, in order

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
          : undefined;
  if (problem) {
    io.stderr.write(`${problem}\n\n${MIGRATE_USAGE}`);
    return 2;
  }
  if (step === 'mailboxes') {
    io.stderr.write(
      'The mailbox step is not in this build yet; move mailboxes with StartMailboxExportJob.\n',
    );
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
    },
    io.env,
    say,
  );
  try {
    const run = new MigrationSteps(
      wiring,
      organizationId!,
      values.report,
      say,
      io.dns ?? wiring.dns,
      dryRun,
      values.passwords === 'csv',
    );
    return await run.step(step);
  } catch (error) {
    if (!(error instanceof MigrationSetupError) && !isCallError(error)) throw error;
    io.stderr.write(`Migration stopped: ${error.message}\n(re-run the same command to continue)\n`);
    return 1;
  } finally {
    wiring.close();
  }
}

/** The steps of one command, sharing its wiring and options. */
class MigrationSteps {
  /** Read once per command: `run` plans and recreates from the same reading. */
  private inventory?: Promise<Inventory>;

  constructor(
    private readonly wiring: MigrationWiring,
    private readonly organizationId: string,
    private readonly reportDir: string,
    private readonly say: (line: string) => void,
    private readonly dns: DnsLookup,
    private readonly dryRun: boolean,
    private readonly withPasswords: boolean,
  ) {}

  async step(step: string): Promise<number> {
    if (step === 'plan') return this.plan();
    if (step === 'directory') return this.directory();
    if (step === 'cutover') return this.cutover(false);
    if (step === 'check') return this.cutover(true);
    const codes = [await this.plan(), await this.directory(), await this.cutover(false)];
    return Math.max(...codes);
  }

  private async plan(): Promise<number> {
    const plan = migrationPlan(await this.readSource());
    await mkdir(this.reportDir, { recursive: true });
    await writeFile(join(this.reportDir, 'migration-plan.md'), planMarkdown(plan));
    await writeFile(join(this.reportDir, 'migration-plan.json'), `${JSON.stringify(plan, null, 2)}\n`);
    const moves = Object.entries(plan.moves).map(([kind, count]) => `${count} ${kind}`);
    this.say(`plan: ${moves.join(', ')}; ${plan.notMoved.length} things do not move`);
    this.say(`plan: ${plan.estimate.megabytes} MB of mail, about ${plan.estimate.seconds} s`);
    this.say(`plan: written to ${join(this.reportDir, 'migration-plan.md')} and migration-plan.json`);
    return 0;
  }

  private readSource(): Promise<Inventory> {
    this.inventory ??= readInventory(this.wiring.source, this.organizationId);
    return this.inventory;
  }

  private async directory(): Promise<number> {
    const inventory = await this.readSource();
    const target = this.wiring.target!;
    const outcome = await migrateDirectory(
      {
        target: this.dryRun ? dryRunApi(target, (line) => this.say(`would call ${line}`)) : target,
        state: this.dryRun ? scratchState(this.wiring.state) : this.wiring.state,
        log: this.say,
        // A dry run shows where passwords go (masked) without writing the sheet.
        passwords: this.dryRun && this.withPasswords ? { record: async () => {} } : this.wiring.passwords,
      },
      inventory,
    );
    const report = {
      ...outcome,
      throttledCalls: this.wiring.source.throttledCalls() + target.throttledCalls(),
      notMoved: inventory.notMoved,
    };
    if (!this.dryRun)
      await writeFile(
        join(this.reportDir, 'migration-directory.json'),
        `${JSON.stringify(report, null, 2)}\n`,
      );
    this.say(
      `directory: ${outcome.changes} changes on ${outcome.targetOrganizationId}, ${outcome.adopted.length} adopted, ` +
        `${outcome.problems.length} problems, ${report.throttledCalls} throttled calls retried`,
    );
    for (const problem of outcome.problems) this.say(`  not done: ${problem.what}: ${problem.error}`);
    this.say(
      outcome.passwords === 'csv'
        ? 'directory: users sign in with the temporary passwords in the password CSV (distribute it, then delete it)'
        : 'directory: no passwords were set: reset them (ResetPassword) before users sign in',
    );
    return outcome.problems.length > 0 ? 1 : 0;
  }

  private async cutover(check: boolean): Promise<number> {
    const targetOrganizationId = this.wiring.state.get<string>('directory/organization');
    if (!targetOrganizationId)
      throw new MigrationSetupError(
        'No target organization in the state file: run the directory step first.',
      );
    const domains = (
      await this.wiring.source.call('ListMailDomains', { OrganizationId: this.organizationId })
    ).MailDomains as { DomainName: string }[];
    const records = await cutoverRecords(
      {
        source: this.wiring.source,
        sourceOrganizationId: this.organizationId,
        target: this.wiring.target!,
        targetOrganizationId,
      },
      domains.map((domain) => domain.DomainName),
    );
    if (!check) {
      for (const record of records)
        this.say(
          `${record.domain}  ${record.type.padEnd(5)} ${record.hostname}  ${record.value}` +
            (record.replaces ? `   (replaces ${record.replaces})` : ''),
        );
      return 0;
    }
    const results = await checkCutover(records, this.dns);
    for (const { record, status } of results)
      this.say(`${status.padEnd(12)} ${record.type.padEnd(5)} ${record.hostname}  ${record.value}`);
    const published = results.filter((result) => result.status === 'published').length;
    this.say(`check: ${published} of ${results.length} records point at Mailwright`);
    return published === results.length ? 0 : 1;
  }
}

/** A state for a dry run: reads what real runs recorded, keeps its own writes in memory. */
function scratchState(recorded: MigrationStateStore): MigrationStateStore {
  const written = new Map<string, unknown>();
  return {
    get: <T>(key: string) => (written.has(key) ? written.get(key) : recorded.get(key)) as T | undefined,
    set: async (key, value) => void written.set(key, value),
    keys: (prefix) => [
      ...new Set([...recorded.keys(prefix), ...[...written.keys()].filter((key) => key.startsWith(prefix))]),
    ],
  };
}
