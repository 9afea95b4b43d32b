import type { Static } from '@sinclair/typebox';
import {
  migrationPlan,
  type DirectoryOutcome,
  type Inventory,
  type MailboxMoveResult,
} from '../../lambdas/core/migration';
import { notMovedItems } from '../../lambdas/core/migration/not-moved';
import type { DirectoryReport, MailboxesReport, PlanReport } from '../../web/src/admin/migration-report';

/** `T` with its readonly marks taken off (core's report types are readonly; the console's schema types are not). */
type Writable<T> = T extends readonly (infer Item)[]
  ? Writable<Item>[]
  : T extends object
    ? { -readonly [Key in keyof T]: Writable<T[Key]> }
    : T;
const writable = <T>(value: T) => value as Writable<T>;

/** The source organization the reports describe: two users (one deleted), a test domain, an EWS provider. */
function inventory(): Inventory {
  const read: Omit<Inventory, 'notMoved'> = {
    organization: { id: 'm-0123456789abcdef0123456789abcdef', alias: 'northwind' },
    domains: [
      { name: 'northwind.example', isDefault: true, isTest: false, records: [] },
      { name: 'northwind.awsapps.com', isDefault: false, isTest: true, records: [] },
    ],
    users: [
      {
        id: 'S-1-ana',
        name: 'ana',
        email: 'ana@northwind.example',
        state: 'ENABLED',
        role: 'USER',
        profile: {},
        hiddenFromGlobalAddressList: false,
        mailboxSizeMegabytes: 120,
        aliases: ['a.lima@northwind.example'],
      },
      {
        id: 'S-1-bruno',
        name: 'bruno',
        email: 'bruno@northwind.example',
        state: 'ENABLED',
        role: 'USER',
        profile: {},
        hiddenFromGlobalAddressList: false,
        mailboxSizeMegabytes: 30,
        aliases: [],
      },
    ],
    groups: [],
    resources: [],
    permissions: [],
    impersonationRoles: [],
    accessControlRules: [],
    mobileDeviceRules: [],
    mobileDeviceOverrides: [],
    availabilityConfigurations: [
      { DomainName: 'partner.example', EwsProvider: { EwsEndpoint: 'https://x/' } },
    ],
    tags: [],
  };
  const listedUsers = [
    { Name: 'ana', State: 'ENABLED' },
    { Name: 'bruno', State: 'ENABLED' },
    { Name: 'carla', State: 'DELETED' },
  ];
  return { ...read, notMoved: notMovedItems(read, { listedUsers, listedGroups: [], listedResources: [] }) };
}

/**
 * The three JSON reports of `npm start -- migrate` for one organization, as the CLI writes them
 * (lambdas/local/migration-steps.ts): the plan from core's `migrationPlan`, the directory step's outcome with its
 * `throttledCalls` and `notMoved`, and the mailbox step's results. Typed with the console's schemas too, so core's
 * types and the console's reading of them cannot drift apart unnoticed.
 * @example
 * const { plan } = migrationReports(); await page.setInputFiles('input[type=file]', { name: 'migration-plan.json', mimeType: 'application/json', buffer: Buffer.from(plan) });
 */
export function migrationReports(): { plan: string; directory: string; mailboxes: string } {
  const read = inventory();
  const outcome: DirectoryOutcome = {
    targetOrganizationId: 'm-fedcba9876543210fedcba9876543210',
    changes: 14,
    adopted: [],
    problems: [
      {
        what: 'user bruno',
        error: 'EmailAddressInUseException: The address is already used by another entity.',
      },
    ],
    mailboxes: [
      {
        sourceOrganizationId: read.organization.id,
        sourceEntityId: 'S-1-ana',
        targetOrganizationId: 'm-fedcba9876543210fedcba9876543210',
        targetEntityId: 'T-1-ana',
        address: 'ana@northwind.example',
      },
    ],
    passwords: 'csv',
  };
  const mailboxes: MailboxMoveResult[] = [
    {
      address: 'ana@northwind.example',
      outcome: 'moved',
      exportedMessages: 1520,
      importedMessages: 1520,
      bytes: 125_829_120,
    },
    {
      address: 'bruno@northwind.example',
      outcome: 'failed',
      exportedMessages: 0,
      importedMessages: 0,
      bytes: 0,
      error: 'The export job failed twice: MAILBOX_NOT_FOUND',
    },
  ];
  const plan: Static<typeof PlanReport> = writable(migrationPlan(read));
  const directory: Static<typeof DirectoryReport> = writable({
    ...outcome,
    throttledCalls: 2,
    notMoved: read.notMoved,
  });
  const results: Static<typeof MailboxesReport> = writable(mailboxes);
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  return { plan: json(plan), directory: json(directory), mailboxes: json(results) };
}
