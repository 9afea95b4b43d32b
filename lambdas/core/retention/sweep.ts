import { RECOVERABLE_ITEMS } from '../mailbox/folders';
import type { AgedMessage, RetentionIndex, RetentionPolicyStore } from './ports';
import { activeRules } from './policy';
import type { RetentionPolicy } from './types';
import { retireBatch, type RetireBatch, type RetiringModel } from './retire';

/** Milliseconds per day of a retention period. */
export const DAY_MS = 86_400_000;

/** Days messages stay in Recoverable Items unless the deployment says otherwise (Exchange Online's longest). */
export const DEFAULT_RECOVERABLE_ITEMS_DAYS = 30;
const DEFAULT_PAGE = 100;

/** One thing the sweep does: messages in `folder` older than `periodDays` get `action`. */
export interface SweepRule {
  readonly folder: string;
  readonly action: 'DELETE' | 'PERMANENTLY_DELETE';
  readonly periodDays: number;
}

/** Messages one rule changed (or, in a dry run, found) in one organization. */
export interface SweepCount {
  readonly folder: string;
  readonly action: SweepRule['action'];
  readonly messages: number;
}

/** What a sweep of one organization did. */
export interface OrganizationSweep {
  readonly organizationId: string;
  readonly counts: readonly SweepCount[];
  /** False when a bound (`maxMessages`, `until`) stopped it early: running it again continues where it stopped. */
  readonly complete: boolean;
}

/** Dependencies of the sweep. */
export interface SweepDeps {
  readonly policies: RetentionPolicyStore;
  readonly index: RetentionIndex;
  readonly model: RetiringModel;
  readonly now: () => number;
  /** Days messages stay in Recoverable Items before they are destroyed. */
  readonly recoverableDays: number;
  /** Index entries per page. @default - 100 */
  readonly pageSize?: number;
  /**
   * Applies one mailbox's batch and returns how many messages it changed. The cloud planner queues the batch for a
   * worker instead (and counts it as found). @default - {@link retireBatch} on `model`, in this process
   */
  readonly apply?: (batch: RetireBatch) => Promise<number>;
}

/** Options of one sweep. */
export interface SweepOptions {
  /** Count what would change, change nothing. */
  readonly dryRun?: boolean;
  /** Stop after about this many messages (a page's worth may go over); `complete` says whether it finished. */
  readonly maxMessages?: number;
  /** Epoch ms after which no new page is started (a bounded invocation); `complete` says whether it finished. */
  readonly until?: number;
}

/** One organization's sweep with its dependencies bound (what StartRetentionSweep calls). */
export type RetentionSweeper = (organizationId: string, options: SweepOptions) => Promise<OrganizationSweep>;

/**
 * The rules a policy implies: its folder configurations other than NONE, and the expiry of Recoverable Items
 * (which applies with or without a policy, so that mail an earlier policy moved there still expires).
 * @example
 * sweepRules(undefined, 30); // [{ folder: 'RECOVERABLE_ITEMS', action: 'PERMANENTLY_DELETE', periodDays: 30 }]
 */
export function sweepRules(policy: RetentionPolicy | undefined, recoverableDays: number): SweepRule[] {
  const rules: SweepRule[] = activeRules(policy?.folderConfigurations ?? []).map((rule) => ({
    folder: rule.name,
    action: rule.action as SweepRule['action'],
    periodDays: rule.periodDays,
  }));
  return [
    ...rules,
    { folder: RECOVERABLE_ITEMS.folderId, action: 'PERMANENTLY_DELETE', periodDays: recoverableDays },
  ];
}

/**
 * Sweeps one organization. Primary course, per rule: 1. cut-off = now − period (a message exactly `period` old
 * stays, one a millisecond older goes); 2. query the age index for the folder's messages aged past it, a page at a
 * time; 3. group the page by mailbox; 4. apply each group through the mailbox model, conditional on each message
 * still being in the folder and still aged past the cut-off. What another sweep or a user changed in between is
 * skipped, so concurrent sweeps change nothing twice, and a sweep that died is finished by the next one.
 * @example
 * const result = await sweepOrganization(deps, 'm-1', { dryRun: true });
 */
export async function sweepOrganization(
  deps: SweepDeps,
  organizationId: string,
  options: SweepOptions = {},
): Promise<OrganizationSweep> {
  const policy = await deps.policies.get(organizationId);
  const now = deps.now();
  const apply = deps.apply ?? ((batch: RetireBatch) => retireBatch(deps.model, batch));
  const counts: SweepCount[] = [];
  let budget = options.maxMessages ?? Infinity;
  for (const rule of sweepRules(policy, deps.recoverableDays)) {
    const agedBefore = now - rule.periodDays * DAY_MS;
    let messages = 0;
    let cursor: string | undefined;
    do {
      if (budget <= 0 || (options.until !== undefined && deps.now() >= options.until)) {
        counts.push({ folder: rule.folder, action: rule.action, messages });
        return { organizationId, counts, complete: false };
      }
      const page = await deps.index.aged(
        organizationId,
        rule.folder,
        agedBefore,
        deps.pageSize ?? DEFAULT_PAGE,
        cursor,
      );
      budget -= page.items.length;
      if (options.dryRun) messages += page.items.length;
      else
        for (const [mailboxId, messageIds] of byMailbox(page.items))
          messages += await apply({ organizationId, mailboxId, ...rule, agedBefore, messageIds });
      cursor = page.cursor;
    } while (cursor);
    counts.push({ folder: rule.folder, action: rule.action, messages });
  }
  return { organizationId, counts, complete: true };
}

/**
 * Sweeps every organization that has or had a policy (see {@link RetentionPolicyStore.listOrganizations}); stops
 * at the first organization a bound (`maxMessages`, `until`) left incomplete: the next run continues, since what
 * was done is no longer found.
 * @param onOrganization - called with each organization's result as it finishes (reports, logs)
 * @example
 * await sweepAll(deps, {}, (result) => logger.info('Retention sweep', result));
 */
export async function sweepAll(
  deps: SweepDeps,
  options: SweepOptions = {},
  onOrganization: (result: OrganizationSweep) => void = () => {},
): Promise<OrganizationSweep[]> {
  const results: OrganizationSweep[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.policies.listOrganizations(cursor);
    for (const organizationId of page.organizationIds) {
      const result = await sweepOrganization(deps, organizationId, options);
      results.push(result);
      onOrganization(result);
      if (!result.complete) return results;
    }
    cursor = page.cursor;
  } while (cursor);
  return results;
}

/**
 * A page of the age index grouped by mailbox (one batch of work per mailbox).
 * @example
 * byMailbox([{ mailboxId: 'S-1', messageId: 'a' }]); // Map { 'S-1' => ['a'] }
 */
export function byMailbox(items: readonly AgedMessage[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const { mailboxId, messageId } of items)
    groups.set(mailboxId, [...(groups.get(mailboxId) ?? []), messageId]);
  return groups;
}
