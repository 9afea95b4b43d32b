import type { ExportDestination } from '../export/types';
import { moveMailbox, type MoveMailboxesDeps, type PassSettings } from './mailbox-pass';
import { mapLimit } from '../delivery/settle';
import { Semaphore } from './mailbox-scheduling';
import { MailboxStateRecord } from './mailbox-state';
import type { MailboxMove, MailboxMoveResult } from './types';

export type { MoveMailboxesDeps } from './mailbox-pass';

/** How the mailbox step runs. */
export interface MoveMailboxesOptions {
  /** Where the source writes its export zips (StartMailboxExportJob's role, KMS key, bucket and prefix). */
  readonly exportDestination: ExportDestination;
  /** Where the verified copies are written for the target to import (and the role it reads them with, if any). */
  readonly importLocation: { readonly bucket: string; readonly prefix: string; readonly roleArn?: string };
  /** Mailboxes moved at once. @default 4 */
  readonly concurrency?: number;
  /** Run another pass on mailboxes already moved, importing only messages whose content is new. @default false */
  readonly delta?: boolean;
  /** Export jobs running at once per source organization (WorkMail allows 10). @default 10 */
  readonly exportsPerOrganization?: number;
  /** Export jobs per pass before the mailbox is reported failed. @default 2 */
  readonly exportAttempts?: number;
  /** Import jobs per pass before the mailbox is reported failed. @default 3 */
  readonly importAttempts?: number;
  /** Reads of an export zip (network errors, a zip that does not match its summary). @default 3 */
  readonly transferAttempts?: number;
  /** Attempts of a call the service throttles (`TooManyRequestsException`), backing off. @default 8 */
  readonly throttleAttempts?: number;
  /** StartMailboxExportJob refused by the organization's limit: attempts, one more minute apart each. @default 5 */
  readonly limitAttempts?: number;
  /** First delay between two polls of a job; doubles (up to 30 s) while its progress does not change. @default 2000 */
  readonly pollIntervalMs?: number;
}

/**
 * Moves mailboxes from the source organization to the target: per mailbox an export on the source, a verified,
 * deduplicated copy, an import on the target (see {@link moveMailbox}). At most `concurrency` mailboxes at once and
 * `exportsPerOrganization` export jobs per source organization; every step is recorded in the state store, so a run
 * killed anywhere resumes without exporting or storing anything twice. A mailbox that fails is reported `failed`
 * with its reason; the others continue.
 * @param moves - the mailboxes, as the directory step created them on the target
 * @returns one result per move, in the same order
 * @example
 * const results = await moveMailboxes(moves, { source, target, objects, state, progress, clock: Date.now, sleep },
 *   { exportDestination, importLocation: { bucket: 'acme-imports', prefix: 'migration' }, concurrency: 4 });
 */
export async function moveMailboxes(
  moves: readonly MailboxMove[],
  deps: MoveMailboxesDeps,
  options: MoveMailboxesOptions,
): Promise<MailboxMoveResult[]> {
  const settings: PassSettings = {
    exportDestination: options.exportDestination,
    importLocation: options.importLocation,
    delta: options.delta ?? false,
    exportAttempts: options.exportAttempts ?? 2,
    importAttempts: options.importAttempts ?? 3,
    transferAttempts: options.transferAttempts ?? 3,
    limitAttempts: options.limitAttempts ?? 5,
    limitRetryDelayMs: 60_000,
    pollIntervalMs: options.pollIntervalMs ?? 2000,
    exportIntervalMs: 24 * 60 * 60 * 1000,
    backoff: { attempts: options.throttleAttempts ?? 8, baseDelayMs: 500, sleep: deps.sleep },
  };
  const slots = new Map<string, Semaphore>();
  const exportSlots = (organizationId: string) => {
    let semaphore = slots.get(organizationId);
    if (!semaphore)
      slots.set(organizationId, (semaphore = new Semaphore(options.exportsPerOrganization ?? 10)));
    return semaphore;
  };
  deps.progress.start(moves.length);
  return mapLimit(moves, Math.max(1, options.concurrency ?? 4), async (move) => {
    const result = await moveMailbox({
      deps,
      settings,
      move,
      record: new MailboxStateRecord(deps.state, move.sourceEntityId),
      exportSlots: exportSlots(move.sourceOrganizationId),
    });
    deps.progress.done(move.address, result);
    return result;
  });
}
