import { WorkMailCallError } from '../../../lambdas/core/migration';
import type { Inventory, WorkMailApi, WorkMailOutput } from '../../../lambdas/core/migration';

/** A WorkMail endpoint that records every call and answers from handlers (default: an empty output). */
export class RecordingApi implements WorkMailApi {
  readonly calls: { action: string; input: Record<string, unknown> }[] = [];
  private next = 0;

  constructor(
    private readonly handlers: Record<
      string,
      (input: Record<string, unknown>) => WorkMailOutput | Error
    > = {},
  ) {}

  async call(action: string, input: Readonly<Record<string, unknown>>): Promise<WorkMailOutput> {
    this.calls.push({ action, input: { ...input } });
    const answer = this.handlers[action]?.({ ...input });
    if (answer instanceof Error) throw answer;
    if (answer) return answer;
    const id = `id-${++this.next}`;
    return /^Create/.test(action) ? { UserId: id, GroupId: id, ResourceId: id, OrganizationId: id } : {};
  }

  /** The actions called, in order. */
  actions(): string[] {
    return this.calls.map((call) => call.action);
  }
}

/** A refusal of the service, as the SDK adapter raises it. */
export function refusal(action: string, code: string): WorkMailCallError {
  return new WorkMailCallError(action, code, 'refused');
}

/** A small inventory: one custom and one test domain, two users (one disabled), a group, a room. */
export function smallInventory(overrides: Partial<Inventory> = {}): Inventory {
  return {
    organization: { id: 'm-source', alias: 'acme', arn: 'arn:source' },
    domains: [
      { name: 'acme.example', isDefault: true, isTest: false, records: [] },
      { name: 'acme.awsapps.com', isDefault: false, isTest: true, records: [] },
    ],
    users: [
      {
        id: 'S-ana',
        name: 'ana',
        email: 'ana@acme.example',
        state: 'ENABLED',
        role: 'USER',
        displayName: 'Ana',
        profile: { JobTitle: 'CFO' },
        hiddenFromGlobalAddressList: false,
        mailboxQuotaMegabytes: 1000,
        mailboxSizeMegabytes: 12,
        aliases: ['finance@acme.example', 'ana@acme.awsapps.com'],
      },
      {
        id: 'S-bo',
        name: 'bo',
        state: 'DISABLED',
        role: 'USER',
        profile: {},
        hiddenFromGlobalAddressList: true,
        aliases: [],
      },
    ],
    groups: [
      {
        id: 'S-sales',
        name: 'sales',
        email: 'sales@acme.example',
        state: 'ENABLED',
        hiddenFromGlobalAddressList: false,
        aliases: [],
        members: [{ Id: 'S-ana', Type: 'USER' }],
      },
    ],
    resources: [
      {
        id: 'r-room',
        name: 'room',
        email: 'room@acme.example',
        state: 'ENABLED',
        type: 'ROOM',
        hiddenFromGlobalAddressList: false,
        bookingOptions: { AutoAcceptRequests: false },
        aliases: [],
        delegates: [{ Id: 'S-ana', Type: 'USER' }],
      },
    ],
    permissions: [],
    impersonationRoles: [],
    accessControlRules: [],
    mobileDeviceRules: [],
    mobileDeviceOverrides: [],
    availabilityConfigurations: [],
    tags: [],
    notMoved: [],
    ...overrides,
  };
}
