import { DirectoryRun, type DirectoryDeps, type DirectoryProblem } from './directory-context';
import { mailboxMoves, moveEntities, targetNames } from './directory-entities';
import { moveDomains, targetOrganization } from './directory-organization';
import { movePolicies } from './directory-policies';
import { moveRelations } from './directory-relations';
import type { Inventory } from './inventory-types';
import type { MailboxMove } from './types';

/** What the directory step did. */
export interface DirectoryOutcome {
  readonly targetOrganizationId: string;
  /** Calls that changed the target in this run: 0 when everything was already there. */
  readonly changes: number;
  /** Entities that already existed on the target under the same name and were used as they are. */
  readonly adopted: readonly string[];
  /** What the target refused (a conflicting address, …) or could not link; the rest was done. */
  readonly problems: readonly DirectoryProblem[];
  /** The mailboxes that now exist on the target, for the mailbox step (also kept under `directory/mailboxes`). */
  readonly mailboxes: readonly MailboxMove[];
  /** How users sign in on the target: temporary passwords in the CSV, or none set yet. */
  readonly passwords: 'csv' | 'none';
}

/**
 * Recreates the inventory on the target: same names, addresses, aliases, nesting, delegates, permissions and
 * policies. Every finished step is recorded in the state store, so a re-run skips it (no duplicates, no calls
 * that change anything) and a run stopped half-way continues where it stopped.
 * Primary course:
 * 1. The target organization (recorded, found by alias, or created) and its mail domains.
 * 2. Users, groups and resources with their addresses and aliases; entities already there by name are adopted.
 * 3. Group members, resource delegates, mailbox permissions.
 * 4. Impersonation roles, access control rules, mobile device rules and overrides, retention policy,
 *    availability configurations, inbound DMARC, tags.
 * @example
 * const outcome = await migrateDirectory({ target, state, log: console.log, passwords }, inventory);
 */
export async function migrateDirectory(deps: DirectoryDeps, inventory: Inventory): Promise<DirectoryOutcome> {
  const organizationId = await targetOrganization(deps, inventory);
  const run = new DirectoryRun(deps, inventory, organizationId);
  const arn = await moveDomains(run);
  await moveEntities(run, await targetNames(run));
  await moveRelations(run);
  await movePolicies(run, arn);
  const mailboxes = mailboxMoves(run);
  // The mailbox step, run later on its own, starts from these.
  await deps.state.set('directory/mailboxes', mailboxes);
  return {
    targetOrganizationId: organizationId,
    changes: run.changes,
    adopted: run.adopted,
    problems: run.problems,
    mailboxes,
    passwords: deps.passwords ? 'csv' : 'none',
  };
}
