import { randomUUID } from 'node:crypto';
import type { ExportDestination } from '../export/types';
import type {
  ExportJobStatus,
  ExportObjects,
  ImportJobStatus,
  MailboxExportApi,
  MailboxImportApi,
  MailboxProgress,
  ObjectLocation,
} from './mailbox-ports';
import { retryThrottled, type BackoffOptions } from './backoff';
import type { Semaphore } from './mailbox-scheduling';
import type { MailboxPassState, MailboxStateRecord } from './mailbox-state';
import { summaryMismatch, transferExport } from './mailbox-transfer';
import type { MailboxMove, MailboxMoveResult, MigrationStateStore } from './types';

/** The ports the mailbox step runs on. */
export interface MoveMailboxesDeps {
  /** The source organization's export actions. */
  readonly source: MailboxExportApi;
  /** The target organization's import actions. */
  readonly target: MailboxImportApi;
  /** The export zips in S3: read, verified and copied where the target imports them. */
  readonly objects: ExportObjects;
  readonly state: MigrationStateStore;
  readonly progress: MailboxProgress;
  /** Epoch ms. */
  readonly clock: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

/** The settings of one run, defaults applied (see `MoveMailboxesOptions`). */
export interface PassSettings {
  readonly exportDestination: ExportDestination;
  readonly importLocation: { readonly bucket: string; readonly prefix: string; readonly roleArn?: string };
  readonly delta: boolean;
  readonly exportAttempts: number;
  readonly importAttempts: number;
  readonly transferAttempts: number;
  readonly limitAttempts: number;
  readonly limitRetryDelayMs: number;
  readonly pollIntervalMs: number;
  readonly exportIntervalMs: number;
  readonly backoff: BackoffOptions;
}

/** Everything one mailbox's pass works with. */
export interface PassContext {
  readonly deps: MoveMailboxesDeps;
  readonly settings: PassSettings;
  readonly move: MailboxMove;
  readonly record: MailboxStateRecord;
  /** The export slots of the mailbox's source organization. */
  readonly exportSlots: Semaphore;
}

/** A mailbox that cannot be moved now, with the reason the report gives. */
class MailboxMoveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MailboxMoveError';
  }
}

/** Polls slow down to this while nothing changes. */
const MAX_POLL_MS = 30_000;

/**
 * Moves one mailbox, continuing the pass its state records. Primary course: 1. start a pass (without `delta`, a
 * mailbox already moved reports its recorded result; a delta pass waits for the source's 24 hours); 2. export on the
 * source, holding one of its organization's export slots, retrying a failed job within the limits; 3. read the zip,
 * verify it against the summary log and copy the messages the target does not hold yet; 4. import that copy on the
 * target and check it stored every message; 5. record the content hashes for the next delta pass.
 * @example
 * const result = await moveMailbox(context); // { address, outcome: 'moved', … }
 */
export async function moveMailbox(ctx: PassContext): Promise<MailboxMoveResult> {
  const { record, move, settings, deps } = ctx;
  try {
    if (!record.value.pass) {
      if (record.value.passes > 0 && !settings.delta) return record.value.lastResult!;
      const last = record.value.lastExportStartedAt;
      if (last !== undefined && deps.clock() < last + settings.exportIntervalMs)
        throw new MailboxMoveError(
          `the source allows one export per mailbox per 24 hours: the next pass is possible from ${iso(last + settings.exportIntervalMs)}`,
        );
      await record.save({ pass: { exportAttempts: 0, exportToken: randomUUID(), importAttempts: 0 } });
    }
    const zip = await exported(ctx);
    const transferred = await transfer(ctx, zip);
    if (transferred.written > 0) await imported(ctx, transferred);
    return await complete(ctx, transferred);
  } catch (error) {
    return {
      address: move.address,
      outcome: 'failed',
      exportedMessages: 0,
      importedMessages: 0,
      bytes: 0,
      error: error instanceof Error ? error.message : String(error),
    };
  }
}

async function exported(ctx: PassContext): Promise<ObjectLocation> {
  const { record, settings, deps, move } = ctx;
  for (;;) {
    deps.progress.update(move.address, 'waiting');
    const status = await ctx.exportSlots.run(async () => {
      const jobId = record.value.pass!.exportJobId ?? (await startExport(ctx));
      return pollExport(ctx, jobId);
    });
    if (status.state === 'COMPLETED') {
      if (!status.zip) throw new MailboxMoveError('the source completed the export but names no zip');
      return status.zip;
    }
    const reason = `the export job ended ${status.state}${status.errorInfo ? `: ${status.errorInfo}` : ''}`;
    const pass = await record.savePass({
      exportJobId: undefined,
      exportToken: randomUUID(),
      exportError: reason,
    });
    if (pass.exportAttempts >= settings.exportAttempts) throw new MailboxMoveError(reason);
  }
}

async function startExport(ctx: PassContext): Promise<string> {
  const { record, settings, deps, move } = ctx;
  const pass = record.value.pass!;
  for (let attempt = 1; ; attempt++) {
    const started = await retryThrottled(
      () =>
        deps.source.start({
          organizationId: move.sourceOrganizationId,
          entityId: move.sourceEntityId,
          clientToken: pass.exportToken,
          destination: settings.exportDestination,
        }),
      settings.backoff,
    );
    if (started !== 'limitExceeded') {
      await record.save({
        lastExportStartedAt: deps.clock(),
        pass: { ...pass, exportJobId: started.jobId, exportAttempts: pass.exportAttempts + 1 },
      });
      return started.jobId;
    }
    // After a failed job of this pass the refusal is the mailbox's 24 hours: waiting minutes cannot help.
    if (pass.exportAttempts > 0 || attempt >= settings.limitAttempts)
      throw new MailboxMoveError(limitRefusal(ctx));
    await deps.sleep(settings.limitRetryDelayMs * attempt);
  }
}

function limitRefusal(ctx: PassContext): string {
  const { record, settings, deps } = ctx;
  const failed = record.value.pass?.exportError ? `${record.value.pass.exportError}; ` : '';
  const last = record.value.lastExportStartedAt;
  if (last !== undefined && deps.clock() < last + settings.exportIntervalMs)
    return `${failed}the source allows one export per mailbox per 24 hours: a new export is possible from ${iso(last + settings.exportIntervalMs)}`;
  return `${failed}the source refused the export (LimitExceededException): it already runs its maximum of export jobs, or the mailbox was exported in the last 24 hours`;
}

async function pollExport(ctx: PassContext, jobId: string): Promise<ExportJobStatus> {
  const { deps, move, settings } = ctx;
  return poll(
    ctx,
    async () => {
      const status = await deps.source.describe(move.sourceOrganizationId, jobId);
      if (status.state === 'RUNNING')
        deps.progress.update(move.address, 'exporting', status.estimatedProgress);
      return { status, progress: status.estimatedProgress };
    },
    settings.pollIntervalMs,
  );
}

async function poll<S extends { readonly state: string }>(
  ctx: PassContext,
  describe: () => Promise<{ readonly status: S; readonly progress: number }>,
  firstDelayMs: number,
): Promise<S> {
  let delay = firstDelayMs;
  let lastProgress = -1;
  for (;;) {
    const { status, progress } = await retryThrottled(describe, ctx.settings.backoff);
    if (status.state !== 'RUNNING') return status;
    delay = progress === lastProgress ? Math.min(delay * 2, MAX_POLL_MS) : firstDelayMs;
    lastProgress = progress;
    await ctx.deps.sleep(delay);
  }
}

type Transferred = NonNullable<MailboxPassState['transferred']>;

async function transfer(ctx: PassContext, zip: ObjectLocation): Promise<Transferred> {
  const { record, settings, deps, move } = ctx;
  const pass = record.value.pass!;
  if (pass.transferred) return pass.transferred;
  deps.progress.update(move.address, 'transferring');
  const { bucket, prefix } = settings.importLocation;
  const key = `${prefix.replace(/\/+$/, '')}/${move.sourceEntityId}/${pass.exportJobId}.zip`;
  const known = new Set(record.value.knownHashes);
  for (let attempt = 1; ; attempt++) {
    try {
      const summary = await deps.objects.readSummary(zip);
      const result = await transferExport(deps.objects, zip, { bucket, key }, known);
      const mismatch = summary && summaryMismatch(summary, result);
      if (!mismatch) return (await record.savePass({ transferred: { ...result, key } })).transferred!;
      if (attempt >= settings.transferAttempts)
        throw new MailboxMoveError(`the export does not match its summary log: ${mismatch}`);
    } catch (error) {
      if (error instanceof MailboxMoveError || attempt >= settings.transferAttempts) throw error;
    }
    await deps.sleep(settings.backoff.baseDelayMs * 2 ** attempt);
  }
}

async function imported(ctx: PassContext, transferred: Transferred): Promise<void> {
  const { record, settings, deps, move } = ctx;
  for (;;) {
    let pass = record.value.pass!;
    if (!pass.importJobId) {
      // The token is recorded before the call: a run killed in between repeats it and gets the same job.
      if (!pass.importToken) pass = await record.savePass({ importToken: randomUUID() });
      const request = {
        organizationId: move.targetOrganizationId,
        entityId: move.targetEntityId,
        clientToken: pass.importToken!,
        zip: { bucket: settings.importLocation.bucket, key: transferred.key },
        ...(settings.importLocation.roleArn ? { roleArn: settings.importLocation.roleArn } : {}),
      };
      const jobId = await retryThrottled(() => deps.target.start(request), settings.backoff);
      pass = await record.savePass({ importJobId: jobId, importAttempts: pass.importAttempts + 1 });
    }
    const status = await pollImport(ctx, pass.importJobId!, transferred.written);
    const reason =
      status.state === 'COMPLETED'
        ? importMismatch(status, transferred)
        : `the import job ended ${status.state}${status.errorInfo ? `: ${status.errorInfo}` : ''}`;
    if (!reason) return;
    // A later attempt (or run) imports the same zip again: the import stores nothing twice.
    pass = await record.savePass({ importJobId: undefined, importToken: undefined });
    if (status.state === 'COMPLETED' || pass.importAttempts >= settings.importAttempts)
      throw new MailboxMoveError(reason);
  }
}

/** Why a completed import does not match what was sent (messages, then bytes), or undefined. */
function importMismatch(status: ImportJobStatus, transferred: Transferred): string | undefined {
  if (status.importedMessages !== transferred.written)
    return `the target stored ${status.importedMessages} of ${transferred.written} messages (is the mailbox over its quota?)`;
  if (status.importedBytes !== transferred.writtenBytes)
    return `the target stored ${status.importedBytes} bytes of the ${transferred.writtenBytes} sent`;
  return undefined;
}

async function pollImport(ctx: PassContext, jobId: string, entries: number): Promise<ImportJobStatus> {
  const { deps, move, settings } = ctx;
  return poll(
    ctx,
    async () => {
      const status = await deps.target.describe(move.targetOrganizationId, jobId);
      const percent = Math.min(100, Math.floor((status.processedEntries * 100) / entries));
      if (status.state === 'RUNNING') deps.progress.update(move.address, 'importing', percent);
      return { status, progress: status.processedEntries };
    },
    settings.pollIntervalMs,
  );
}

async function complete(ctx: PassContext, transferred: Transferred): Promise<MailboxMoveResult> {
  const { record, move } = ctx;
  const first = record.value.passes === 0;
  const result: MailboxMoveResult = {
    address: move.address,
    outcome:
      transferred.tooLarge > 0 ? 'failed' : transferred.written === 0 && !first ? 'unchanged' : 'moved',
    exportedMessages: transferred.messages,
    importedMessages: transferred.written,
    bytes: transferred.bytes,
    ...(transferred.tooLarge > 0
      ? { error: `${transferred.tooLarge} messages over 40 MB cannot be imported; the others were` }
      : {}),
  };
  const knownHashes = [...new Set([...record.value.knownHashes, ...transferred.newHashes])];
  await record.save({ passes: record.value.passes + 1, knownHashes, lastResult: result, pass: undefined });
  return result;
}

function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
