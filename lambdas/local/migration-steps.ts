import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProgressOutput } from '../adapters/local/terminal-mailbox-progress';
import {
  checkCutover,
  cutoverRecords,
  dryRunApi,
  migrateDirectory,
  migrationPlan,
  MigrationSetupError,
  planMarkdown,
  readInventory,
  type DnsLookup,
  type Inventory,
  type MailboxMove,
  type MigrationStateStore,
} from '../core/migration';
import { moveMailboxes, type MoveMailboxesOptions } from '../core/migration/mailboxes';
import type { MigrationWiring } from './migration-wiring';

/** What one `migrate` command was asked, beyond its wiring. */
export interface MigrationStepOptions {
  readonly organizationId: string;
  readonly reportDir: string;
  readonly dryRun: boolean;
  readonly withPasswords: boolean;
  /** @default - the mailbox step is not configured (`run` skips it, `mailboxes` refuses) */
  readonly mailboxes?: Omit<MoveMailboxesOptions, 'pollIntervalMs'>;
  readonly dns: DnsLookup;
  readonly say: (line: string) => void;
  /** Where the mailbox step's progress goes (bars on a terminal). */
  readonly progress: ProgressOutput;
}

/**
 * The steps of one `migrate` command, sharing its wiring and options; each returns the exit code (0 done, 1 done
 * with problems).
 * @example
 * const code = await new MigrationSteps(wiring, options).step('run');
 */
export class MigrationSteps {
  /** Read once per command: `run` plans and recreates from the same reading. */
  private inventory?: Promise<Inventory>;

  constructor(
    private readonly wiring: MigrationWiring,
    private readonly options: MigrationStepOptions,
  ) {}

  /** Runs `plan`, `directory`, `mailboxes`, `cutover`, `check`, or all of them but `check` (`run`). */
  async step(step: string): Promise<number> {
    if (step === 'plan') return this.plan();
    if (step === 'directory') return this.directory();
    if (step === 'mailboxes') return this.mailboxes();
    if (step === 'cutover') return this.cutover(false);
    if (step === 'check') return this.cutover(true);
    const codes = [await this.plan(), await this.directory()];
    if (this.options.mailboxes && !this.options.dryRun) codes.push(await this.mailboxes());
    else this.options.say('mailboxes: skipped (no --export-bucket, or a dry run)');
    codes.push(await this.cutover(false));
    return Math.max(...codes);
  }

  private readSource(): Promise<Inventory> {
    this.inventory ??= readInventory(this.wiring.source, this.options.organizationId);
    return this.inventory;
  }

  private async plan(): Promise<number> {
    const { reportDir, say } = this.options;
    const plan = migrationPlan(await this.readSource());
    await mkdir(reportDir, { recursive: true });
    await writeFile(join(reportDir, 'migration-plan.md'), planMarkdown(plan));
    await writeFile(join(reportDir, 'migration-plan.json'), `${JSON.stringify(plan, null, 2)}\n`);
    const moves = Object.entries(plan.moves).map(([kind, count]) => `${count} ${kind}`);
    say(`plan: ${moves.join(', ')}; ${plan.notMoved.length} things do not move`);
    say(`plan: ${plan.estimate.megabytes} MB of mail, about ${plan.estimate.seconds} s`);
    say(`plan: written to ${join(reportDir, 'migration-plan.md')} and migration-plan.json`);
    return 0;
  }

  private async directory(): Promise<number> {
    const { dryRun, say, reportDir } = this.options;
    const inventory = await this.readSource();
    const target = this.wiring.target!;
    const outcome = await migrateDirectory(
      {
        target: dryRun ? dryRunApi(target, (line) => say(`would call ${line}`)) : target,
        state: dryRun ? scratchState(this.wiring.state) : this.wiring.state,
        log: say,
        // A dry run shows where passwords go (masked) without writing the sheet.
        passwords: dryRun && this.options.withPasswords ? { record: async () => {} } : this.wiring.passwords,
      },
      inventory,
    );
    const report = {
      ...outcome,
      throttledCalls: this.wiring.source.throttledCalls() + target.throttledCalls(),
      notMoved: inventory.notMoved,
    };
    if (!dryRun)
      await writeFile(join(reportDir, 'migration-directory.json'), `${JSON.stringify(report, null, 2)}\n`);
    say(
      `directory: ${outcome.changes} changes on ${outcome.targetOrganizationId}, ${outcome.adopted.length} adopted, ` +
        `${outcome.problems.length} problems, ${report.throttledCalls} throttled calls retried`,
    );
    for (const problem of outcome.problems) say(`  not done: ${problem.what}: ${problem.error}`);
    say(
      outcome.passwords === 'csv'
        ? 'directory: users sign in with the temporary passwords in the password CSV (distribute it, then delete it)'
        : 'directory: no passwords were set: reset them (ResetPassword) before users sign in',
    );
    return outcome.problems.length > 0 ? 1 : 0;
  }

  private async mailboxes(): Promise<number> {
    const { say, reportDir } = this.options;
    const options = this.options.mailboxes;
    if (!options)
      throw new MigrationSetupError(
        'The mailbox step needs --export-bucket, --export-role-arn, --export-kms-key-arn and --import-bucket.',
      );
    const moves = this.wiring.state.get<MailboxMove[]>('directory/mailboxes');
    if (!moves)
      throw new MigrationSetupError('No mailboxes in the state file: run the directory step first.');
    const results = await moveMailboxes(moves, this.wiring.mailboxStep(this.options.progress), options);
    await writeFile(join(reportDir, 'migration-mailboxes.json'), `${JSON.stringify(results, null, 2)}\n`);
    const count = (outcome: string) => results.filter((result) => result.outcome === outcome).length;
    const messages = results.reduce((sum, result) => sum + result.importedMessages, 0);
    const bytes = results.reduce((sum, result) => sum + result.bytes, 0);
    say(
      `mailboxes: ${count('moved')} moved, ${count('unchanged')} unchanged, ${count('failed')} failed; ` +
        `${messages} messages imported, ${(bytes / 1024 / 1024).toFixed(1)} MB exported`,
    );
    for (const failed of results.filter((result) => result.outcome === 'failed'))
      say(`  failed: ${failed.address}: ${failed.error}`);
    return count('failed') > 0 ? 1 : 0;
  }

  private async cutover(check: boolean): Promise<number> {
    const { say, organizationId } = this.options;
    const targetOrganizationId = this.wiring.state.get<string>('directory/organization');
    if (!targetOrganizationId)
      throw new MigrationSetupError(
        'No target organization in the state file: run the directory step first.',
      );
    const domains = (await this.wiring.source.call('ListMailDomains', { OrganizationId: organizationId }))
      .MailDomains as { DomainName: string }[];
    const records = await cutoverRecords(
      {
        source: this.wiring.source,
        sourceOrganizationId: organizationId,
        target: this.wiring.target!,
        targetOrganizationId,
      },
      domains.map((domain) => domain.DomainName),
    );
    if (!check) {
      for (const record of records)
        say(
          `${record.domain}  ${record.type.padEnd(5)} ${record.hostname}  ${record.value}` +
            (record.replaces ? `   (replaces ${record.replaces})` : ''),
        );
      return 0;
    }
    const results = await checkCutover(records, this.options.dns);
    for (const { record, status } of results)
      say(`${status.padEnd(12)} ${record.type.padEnd(5)} ${record.hostname}  ${record.value}`);
    const published = results.filter((result) => result.status === 'published').length;
    say(`check: ${published} of ${results.length} records point at Mailwright`);
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
