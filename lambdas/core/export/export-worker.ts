import { crc32 } from 'node:zlib';
import { createSHA384 } from 'hash-wasm';
import { MessageNotFoundError } from '../mailbox/errors';
import { ExportTargetRefusedError } from './errors';
import { finishZip } from './export-finish';
import { folderPaths } from './folder-paths';
import { PartPipeline } from './part-pipeline';
import type { ExportJobStore, ExportSource, ExportTarget } from './ports';
import type { ExportCheckpoint, ExportJob } from './types';
import { centralDirectoryRecord, dataDescriptor, localFileHeader } from './zip-format';
import { ZipStream } from './zip-stream';

/** S3's smallest part (all but the last); parts are cut at the first message boundary past it. */
export const MIN_PART_BYTES = 5 * 1024 * 1024;

/** What an export worker needs. */
export interface ExportWorkerDeps {
  readonly jobs: ExportJobStore;
  readonly target: ExportTarget;
  readonly source: ExportSource;
  readonly now: () => number;
  /** @default - {@link MIN_PART_BYTES} */
  readonly partSizeBytes?: number;
  /** Parts uploading at once. @default 2 */
  readonly uploadConcurrency?: number;
  /** Messages read per folder query. @default 100 */
  readonly pageSize?: number;
}

/** How a worker run ended: the job is done or over, or it needs another run (hand-over before a time limit). */
export type ExportRunOutcome = 'COMPLETED' | 'CONTINUE' | 'STOPPED';

/**
 * Runs one job from its last checkpoint until it is done, cancelled, or `handOver()` says the time is up. Primary
 * course: 1. start the multipart upload and record the first checkpoint (first run only); 2. walk the folders in
 * folder-id order and each folder in UID order (index queries), writing each message's original bytes as a stored
 * zip entry `<folder path>/<uid>.eml`; 3. whenever the bytes since the last part reach the part size (at a message
 * boundary), upload them as a part and record the checkpoint after it; 4. at the end, write the central directory,
 * complete the upload and write the summary log; 5. mark the job COMPLETED. A checkpoint that does not commit means
 * the job was cancelled (the upload is aborted) or another worker took over (this one stops). The destination
 * refusing a write fails the job; other errors propagate, and the next run continues from the last checkpoint.
 * @example
 * const outcome = await runExportJob(deps, organizationId, jobId, () => remainingMs() < 180_000);
 */
export async function runExportJob(
  deps: ExportWorkerDeps,
  organizationId: string,
  jobId: string,
  handOver: () => boolean,
): Promise<ExportRunOutcome> {
  const job = await deps.jobs.get(organizationId, jobId);
  if (!job || job.state !== 'RUNNING') {
    if (job?.state === 'CANCELLED' && job.checkpoint)
      await deps.target.abortUpload(job, job.zipKey, job.checkpoint.uploadId);
    return 'STOPPED';
  }
  try {
    const checkpoint = job.checkpoint ?? (await begin(deps, job));
    if (!checkpoint) return 'STOPPED';
    const outcome = await walk(deps, job, checkpoint, handOver);
    if (outcome === 'STOPPED') await abortIfEnded(deps, job, checkpoint.uploadId);
    return outcome;
  } catch (error) {
    if (!(error instanceof ExportTargetRefusedError)) throw error;
    await deps.jobs.finish(organizationId, jobId, {
      state: 'FAILED',
      endedAt: deps.now(),
      errorInfo: error.message,
    });
    const uploadId = (await deps.jobs.get(organizationId, jobId))?.checkpoint?.uploadId;
    if (uploadId) await deps.target.abortUpload(job, job.zipKey, uploadId).catch(() => undefined);
    return 'STOPPED';
  }
}

async function begin(deps: ExportWorkerDeps, job: ExportJob): Promise<ExportCheckpoint | undefined> {
  const uploadId = await deps.target.createUpload(job, job.zipKey);
  const checkpoint: ExportCheckpoint = {
    uploadId,
    nextPart: 1,
    zipOffset: 0,
    entries: 0,
    afterUid: 0,
    hashState: Buffer.from((await createSHA384()).init().save()).toString('base64'),
    messagesDone: 0,
    bytesDone: 0,
    savedAt: deps.now(),
  };
  if (await deps.jobs.saveCheckpoint(job, checkpoint, undefined, undefined)) return checkpoint;
  await deps.target.abortUpload(job, job.zipKey, uploadId);
  return undefined;
}

async function abortIfEnded(deps: ExportWorkerDeps, job: ExportJob, uploadId: string): Promise<void> {
  const current = await deps.jobs.get(job.organizationId, job.jobId);
  if (current?.state !== 'RUNNING') await deps.target.abortUpload(job, job.zipKey, uploadId);
}

async function walk(
  deps: ExportWorkerDeps,
  job: ExportJob,
  from: ExportCheckpoint,
  handOver: () => boolean,
): Promise<ExportRunOutcome> {
  const { organizationId, entityId: mailboxId } = job;
  const partSize = deps.partSizeBytes ?? MIN_PART_BYTES;
  const hasher = await createSHA384();
  hasher.load(Buffer.from(from.hashState, 'base64'));
  const zip = new ZipStream(hasher, from.zipOffset);
  const pipeline = new PartPipeline(deps, job, from.nextPart, deps.uploadConcurrency ?? 2);
  let state = { ...from };
  let centralDirectory: Buffer[] = [];
  const folders = (await deps.source.listFolders(organizationId, mailboxId)).sort((a, b) =>
    a.folderId < b.folderId ? -1 : a.folderId > b.folderId ? 1 : 0,
  );
  const paths = folderPaths(folders);
  for (const folder of folders) {
    if (from.folderId !== undefined && folder.folderId < from.folderId) continue;
    let afterUid = folder.folderId === from.folderId ? from.afterUid : 0;
    for (let more = true; more;) {
      const page = await deps.source.listFolderUids(organizationId, mailboxId, folder.folderId, {
        afterUid,
        limit: deps.pageSize ?? 100,
      });
      more = page.more && page.items.length > 0;
      for (const message of page.items) {
        afterUid = message.uid;
        const name = `${paths.get(folder.folderId)}/${message.uid}.eml`;
        const written = await writeEntry(deps, job, zip, name, message);
        state = { ...state, folderId: folder.folderId, afterUid };
        if (!written) continue;
        centralDirectory.push(written.record);
        state = {
          ...state,
          entries: state.entries + 1,
          messagesDone: state.messagesDone + 1,
          bytesDone: state.bytesDone + written.size,
        };
        if (zip.pending < partSize) continue;
        state = {
          ...state,
          nextPart: state.nextPart + 1,
          zipOffset: zip.offset,
          hashState: zip.hashState(),
          savedAt: deps.now(),
        };
        const cut = {
          partNumber: state.nextPart - 1,
          bytes: zip.take(),
          centralDirectory: Buffer.concat(centralDirectory),
          checkpoint: state,
        };
        centralDirectory = [];
        if (!(await pipeline.push(cut))) return 'STOPPED';
        if (handOver()) return (await pipeline.drain()) ? 'CONTINUE' : 'STOPPED';
      }
    }
  }
  if (!(await pipeline.drain())) return 'STOPPED';
  const tail = {
    ...state,
    zip,
    centralDirectory,
    folders: folders.length,
    digest: () => hasher.digest('hex'),
  };
  const now = deps.now;
  await finishZip({ jobs: deps.jobs, target: deps.target, now }, job, tail, partSize);
  const finished = await deps.jobs.finish(organizationId, job.jobId, { state: 'COMPLETED', endedAt: now() });
  return finished ? 'COMPLETED' : 'STOPPED';
}

/** Writes one message as a stored entry; undefined when the message was deleted since it was listed. */
async function writeEntry(
  deps: ExportWorkerDeps,
  job: ExportJob,
  zip: ZipStream,
  name: string,
  message: { readonly messageId: string; readonly receivedAt: number },
): Promise<{ record: Buffer; size: number } | undefined> {
  let content: AsyncIterable<Buffer>;
  try {
    content = await deps.source.openMessage(job.organizationId, job.entityId, message.messageId);
  } catch (error) {
    // The export is not a snapshot (as WorkMail's is not): a message deleted meanwhile is left out.
    if (error instanceof MessageNotFoundError) return undefined;
    throw error;
  }
  const offset = zip.offset;
  zip.write(localFileHeader(name, message.receivedAt));
  let crc = 0;
  let size = 0;
  for await (const chunk of content) {
    crc = crc32(chunk, crc);
    size += chunk.length;
    zip.write(chunk);
  }
  zip.write(dataDescriptor(crc, size));
  const record = centralDirectoryRecord({ name, modifiedAtMs: message.receivedAt, crc, size, offset });
  return { record, size };
}
