import type { ApiDeps } from '../api/deps';
import type { Cursor, Page, PageRequest } from '../api/pagination';
import { hasMailbox } from './entities';
import type { Entity, EntityState } from './types';

/**
 * Days a deregistered user's or resource's mailbox is kept (directory-and-mailboxes.md requirements 16–17):
 * re-registering within them restores the same mailbox; after them the purge job destroys it.
 */
export const MAILBOX_RETENTION_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;
const PAGE_SIZE = 100;
const MAILBOX_KINDS = ['USER', 'RESOURCE'] as const;

/** The ports the purge job uses. */
export type PurgeMailboxesDeps = Pick<ApiDeps, 'organizations' | 'entities' | 'mailboxes'>;

/** Options of {@link purgeDeregisteredMailboxes}. */
export interface PurgeMailboxesOptions {
  /** The time of the run. */
  readonly now: Date;
  /** Days a DISABLED entity keeps its mailbox. @default MAILBOX_RETENTION_DAYS */
  readonly retentionDays?: number;
}

/** What one run did. */
export interface PurgeMailboxesResult {
  /** Organizations visited. */
  readonly organizations: number;
  /** Mailboxes this run destroyed and recorded (a concurrent run's are not counted twice). */
  readonly purged: number;
  /** Mailboxes whose destruction failed; the next run tries them again. */
  readonly failed: number;
}

/** Some mailboxes could not be purged; the others were, and the next run retries these (`result` counts both). */
export class MailboxPurgeIncompleteError extends Error {
  constructor(
    readonly result: PurgeMailboxesResult,
    options?: ErrorOptions,
  ) {
    super(`${result.failed} mailbox purge(s) failed; ${result.purged} succeeded`, options);
    this.name = 'MailboxPurgeIncompleteError';
  }
}

/**
 * Destroys the mailboxes of users and resources deregistered more than `retentionDays` ago, and of deleted ones
 * whose mailbox a crash left behind (DeleteUser destroys it at once, so this is only a safety net).
 *
 * Primary course, for every organization and for users then resources (State index queries, page by page):
 * 1. DISABLED entities with a mailbox, disabled at or before the cut-off and not yet purged: claim the entity
 *    (`beginMailboxPurge`, conditional on it still being DISABLED since then; RegisterToWorkMail is refused while
 *    the claim stands), destroy the mailbox (crypto-shredding), then record it purged. A later registration
 *    provisions a new, empty mailbox.
 * 2. DELETED entities that had a mailbox not yet recorded purged: destroy the mailbox, then record it purged.
 * 3. A failure is collected and the run goes on; at the end, {@link MailboxPurgeIncompleteError} reports them.
 * Each step is idempotent and conditional, so an interrupted run is finished by the next, and concurrent runs may
 * both destroy a mailbox (harmless) but only one counts it.
 * @param deps - the directory and mailbox ports
 * @param options - the run's time and the retention
 * @throws MailboxPurgeIncompleteError when some mailboxes could not be destroyed
 * @example
 * const { purged } = await purgeDeregisteredMailboxes(deps, { now: new Date() });
 */
export async function purgeDeregisteredMailboxes(
  deps: PurgeMailboxesDeps,
  options: PurgeMailboxesOptions,
): Promise<PurgeMailboxesResult> {
  const at = options.now.getTime();
  const cutoff = at - (options.retentionDays ?? MAILBOX_RETENTION_DAYS) * DAY_MS;
  const failures: unknown[] = [];
  let organizations = 0;
  let purged = 0;
  const attempt = async (purge: () => Promise<boolean>) => {
    try {
      if (await purge()) purged += 1;
    } catch (error) {
      failures.push(error);
    }
  };
  for await (const organization of pages((request) => deps.organizations.listOrganizations(request))) {
    organizations += 1;
    const { organizationId } = organization;
    for (const kind of MAILBOX_KINDS) {
      const inState = (state: EntityState) =>
        pages((request) => deps.entities.listEntities(organizationId, kind, { by: 'state', state }, request));
      for await (const entity of inState('DISABLED')) {
        if (isExpired(entity, cutoff)) await attempt(() => purgeDisabled(deps, entity, cutoff, at));
      }
      for await (const entity of inState('DELETED')) {
        if (hadMailbox(entity)) await attempt(() => purgeDeleted(deps, entity, at));
      }
    }
  }
  const result = { organizations, purged, failed: failures.length };
  if (failures.length > 0) {
    throw new MailboxPurgeIncompleteError(result, {
      // Stryker disable next-line StringLiteral: a heading for people reading logs; the errors it holds are what counts
      cause: new AggregateError(failures, 'mailbox purge failed'),
    });
  }
  return result;
}

/** True when a DISABLED entity's kept mailbox is past the retention and not purged yet. */
function isExpired(entity: Entity, cutoff: number): boolean {
  return (
    hasMailbox(entity) &&
    entity.mailboxPurgedAt === undefined &&
    entity.disabledAt !== undefined &&
    // Stryker disable next-line ConditionalExpression,EqualityOperator: beginMailboxPurge applies this cut-off again; only the cut-off millisecond differs, which "kept 30 days" leaves open
    entity.disabledAt <= cutoff
  );
}

/** True when a DELETED entity was given a mailbox that is not yet recorded purged. */
function hadMailbox(entity: Entity): boolean {
  return (
    hasMailbox(entity) && entity.mailboxProvisionedAt !== undefined && entity.mailboxPurgedAt === undefined
  );
}

async function purgeDisabled(
  deps: PurgeMailboxesDeps,
  entity: Entity,
  cutoff: number,
  at: number,
): Promise<boolean> {
  const { organizationId, entityId } = entity;
  if (!(await deps.entities.beginMailboxPurge(organizationId, entityId, cutoff, at))) return false;
  await deps.mailboxes.destroy(organizationId, entityId);
  return deps.entities.recordMailboxPurged(organizationId, entityId, at);
}

async function purgeDeleted(deps: PurgeMailboxesDeps, entity: Entity, at: number): Promise<boolean> {
  await deps.mailboxes.destroy(entity.organizationId, entity.entityId);
  return deps.entities.recordMailboxPurged(entity.organizationId, entity.entityId, at);
}

/** Every item of a paginated listing, one page at a time. */
async function* pages<T>(list: (request: PageRequest) => Promise<Page<T>>): AsyncGenerator<T> {
  let cursor: Cursor | undefined;
  do {
    const page = await list({ limit: PAGE_SIZE, cursor });
    yield* page.items;
    cursor = page.cursor;
  } while (cursor);
}
