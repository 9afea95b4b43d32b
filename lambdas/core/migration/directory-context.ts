import { WorkMailCallError } from './errors';
import type { Inventory } from './inventory-types';
import type { MigrationLog, PasswordSheet, WorkMailApi } from './ports';
import type { MigrationStateStore } from './types';

/** What the directory step needs: the target, the state file, and where passwords and log lines go. */
export interface DirectoryDeps {
  readonly target: WorkMailApi;
  readonly state: MigrationStateStore;
  readonly log: MigrationLog;
  /** Where temporary passwords go. @default - users are created without a password (set one later) */
  readonly passwords?: PasswordSheet;
  /** @default - 20 random characters from every class the password policy asks for */
  readonly newPassword?: () => string;
}

/** One thing the target refused (a conflicting address, …): the run went on without it. */
export interface DirectoryProblem {
  readonly what: string;
  readonly error: string;
}

/**
 * The state shared by the directory steps of one run: the target organization, the source → target id mapping
 * (kept in the state file), the address mapping of the test domain, and what the run changed or could not do.
 */
export class DirectoryRun {
  /** Calls that changed the target during this run. */
  changes = 0;
  readonly problems: DirectoryProblem[] = [];
  readonly adopted: string[] = [];
  private testDomains = new Map<string, string>();

  constructor(
    readonly deps: DirectoryDeps,
    readonly inventory: Inventory,
    readonly targetOrganizationId: string,
  ) {}

  /** `{ OrganizationId }` of the target, to spread into a call's input. */
  get org(): { OrganizationId: string } {
    return { OrganizationId: this.targetOrganizationId };
  }

  /** Addresses on the source's test domain move to the target's; every other address stays as it is. */
  mapTestDomain(sourceDomain: string, targetDomain: string): void {
    this.testDomains.set(sourceDomain.toLowerCase(), targetDomain);
  }

  /** The target address for a source address. */
  address(address: string): string {
    const at = address.lastIndexOf('@');
    const domain = this.testDomains.get(address.slice(at + 1).toLowerCase());
    return domain ? `${address.slice(0, at)}@${domain}` : address;
  }

  /** The target id of a source entity (user, group, resource), once created or adopted. */
  entityId(sourceId: string): string | undefined {
    return this.deps.state.get<string>(`directory/entity/${sourceId}`);
  }

  /** Target ids for source ids; those not on the target (not moved, or refused) are left out. */
  entityIds(sourceIds: unknown): string[] {
    return ((sourceIds as string[] | undefined) ?? [])
      .map((id) => this.entityId(id) ?? this.deps.state.get<string>(`directory/role/${id}`))
      .filter((id): id is string => id !== undefined);
  }

  /** Sends a call that changes the target; those the target accepts are counted (a re-run should count none). */
  async change(action: string, input: Readonly<Record<string, unknown>>) {
    const output = await this.deps.target.call(action, input);
    this.changes++;
    return output;
  }

  /**
   * Runs `work` once per state key: skipped when the state file records it done, recorded when it succeeds.
   * A refusal of the target is reported and the run goes on; any other failure ends the run (resume later).
   */
  async once(key: string, what: string, work: () => Promise<unknown>): Promise<boolean> {
    if (this.deps.state.get(key) !== undefined) return true;
    const done = await this.attempt(what, work);
    if (done) await this.deps.state.set(key, true);
    return done;
  }

  /** Runs `work`; a refusal of the target is recorded as a problem (false), anything else propagates. */
  async attempt(what: string, work: () => Promise<unknown>): Promise<boolean> {
    try {
      await work();
      return true;
    } catch (error) {
      if (!(error instanceof WorkMailCallError)) throw error;
      this.problems.push({ what, error: `${error.code}: ${messageOf(error)}` });
      this.deps.log(`refused by the target: ${what} (${error.code})`);
      return false;
    }
  }
}

/** The service's message, without the action and code the error's own message starts with. */
function messageOf(error: WorkMailCallError): string {
  return error.message.slice(`${error.action}: ${error.code}: `.length);
}
