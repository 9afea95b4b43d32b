import { formatDuration } from './duration';
import { isMovableUser } from './inventory';
import type { Inventory, NotMoved } from './inventory-types';

/** The assumptions behind a plan's time estimate, stated in the report. */
export interface PlanAssumptions {
  /** Mailbox data moved per second (export, download, import). @default 5 */
  readonly megabytesPerSecond?: number;
  /** Directory calls per second the source and target sustain. @default 5 */
  readonly callsPerSecond?: number;
}

/** What `migrate plan` reports: counts of what moves, what does not and why, data volume and time. */
export interface MigrationPlan {
  readonly organization: { readonly id: string; readonly alias: string };
  readonly moves: Readonly<Record<string, number>>;
  readonly domains: readonly { name: string; isDefault: boolean; isTest: boolean }[];
  readonly mailboxes: readonly { address: string; megabytes: number }[];
  readonly notMoved: readonly NotMoved[];
  readonly estimate: {
    readonly megabytes: number;
    readonly directoryCalls: number;
    readonly seconds: number;
    readonly assumptions: Required<PlanAssumptions>;
  };
}

/**
 * Sums up an inventory as a plan: what moves (counted by kind), what does not and why, the mailbox sizes and an
 * estimate of the time the move takes under stated assumptions.
 * @example
 * const plan = migrationPlan(inventory); writeFile('plan.md', planMarkdown(plan));
 */
export function migrationPlan(inventory: Inventory, assumptions: PlanAssumptions = {}): MigrationPlan {
  const stated = { megabytesPerSecond: 5, callsPerSecond: 5, ...assumptions };
  const enabled = <T extends { state: string }>(entities: readonly T[]) =>
    entities.filter((entity) => entity.state === 'ENABLED');
  const mailboxes = enabled([...inventory.users.filter(isMovableUser), ...inventory.resources])
    .filter((entity) => entity.email)
    .map((entity) => ({
      address: entity.email!,
      megabytes: 'mailboxSizeMegabytes' in entity ? (entity.mailboxSizeMegabytes ?? 0) : 0,
    }));
  const aliases = [...inventory.users, ...inventory.groups, ...inventory.resources].reduce(
    (sum, entity) => sum + entity.aliases.length,
    0,
  );
  const moves = {
    domains: inventory.domains.filter((domain) => !domain.isTest).length,
    users: inventory.users.filter(isMovableUser).length,
    groups: inventory.groups.length,
    groupMembers: inventory.groups.reduce((sum, group) => sum + group.members.length, 0),
    resources: inventory.resources.length,
    resourceDelegates: inventory.resources.reduce((sum, resource) => sum + resource.delegates.length, 0),
    aliases,
    mailboxPermissions: inventory.permissions.reduce((sum, entry) => sum + entry.grants.length, 0),
    impersonationRoles: inventory.impersonationRoles.length,
    accessControlRules: inventory.accessControlRules.length,
    mobileDeviceRules: inventory.mobileDeviceRules.length,
    mobileDeviceOverrides: inventory.mobileDeviceOverrides.length,
    retentionPolicies: inventory.retentionPolicy ? 1 : 0,
    availabilityConfigurations: inventory.availabilityConfigurations.filter((entry) => entry.LambdaProvider)
      .length,
    emailMonitoring: inventory.emailMonitoring ? 1 : 0,
    tags: inventory.tags.length,
    mailboxes: mailboxes.length,
  };
  // About one call per thing that moves, and four per entity (create, register, quota or options, profile).
  const directoryCalls =
    Object.entries(moves).reduce((sum, [kind, count]) => (kind === 'mailboxes' ? sum : sum + count), 0) +
    3 * (moves.users + moves.groups + moves.resources);
  const megabytes = mailboxes.reduce((sum, mailbox) => sum + mailbox.megabytes, 0);
  return {
    organization: { id: inventory.organization.id, alias: inventory.organization.alias },
    moves,
    domains: inventory.domains.map(({ name, isDefault, isTest }) => ({ name, isDefault, isTest })),
    mailboxes,
    notMoved: inventory.notMoved,
    estimate: {
      megabytes,
      directoryCalls,
      seconds: Math.ceil(directoryCalls / stated.callsPerSecond + megabytes / stated.megabytesPerSecond),
      assumptions: stated,
    },
  };
}

/**
 * The plan as a Markdown report for the admin.
 * @example
 * await writeFile('migration-plan.md', planMarkdown(plan));
 */
export function planMarkdown(plan: MigrationPlan): string {
  const { estimate } = plan;
  const lines = [
    `# Migration plan: ${plan.organization.alias} (${plan.organization.id})`,
    '',
    '## What moves',
    '',
    '| What | Count |',
    '| --- | ---: |',
    ...Object.entries(plan.moves).map(([kind, count]) => `| ${kind} | ${count} |`),
    '',
    `Domains: ${plan.domains.map((domain) => `${domain.name}${domain.isDefault ? ' (default)' : ''}${domain.isTest ? ' (test)' : ''}`).join(', ')}`,
    '',
    '## What does not move, and what to do',
    '',
    '| What | Why | What to do |',
    '| --- | --- | --- |',
    ...plan.notMoved.map((item) => `| ${item.what} | ${item.why} | ${item.how} |`),
    '',
    '## Volume and time',
    '',
    `- Mailbox data: ${estimate.megabytes} MB in ${plan.mailboxes.length} mailboxes`,
    `- Directory calls: about ${estimate.directoryCalls}`,
    `- Estimated time: ${formatDuration(estimate.seconds)} ` +
      `(at ${estimate.assumptions.megabytesPerSecond} MB/s and ${estimate.assumptions.callsPerSecond} calls/s)`,
    '',
  ];
  return lines.join('\n');
}
