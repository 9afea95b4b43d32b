import { endOfCentralDirectory } from './zip-format';
import type { ExportJobStore, ExportTarget } from './ports';
import type { ExportJob, ExportSummary } from './types';
import type { ZipStream } from './zip-stream';

/** What the end of the walk hands over: the zip so far and the state not yet in a checkpoint. */
export interface ExportTail {
  readonly zip: ZipStream;
  readonly uploadId: string;
  /** The number the next part gets. */
  readonly nextPart: number;
  /** Central directory records of the entries written since the last checkpoint. */
  readonly centralDirectory: readonly Buffer[];
  readonly entries: number;
  readonly messagesDone: number;
  readonly bytesDone: number;
  readonly folders: number;
  readonly digest: () => string;
}

/**
 * Ends the zip. Primary course: 1. append the central directory: the records kept with each checkpointed part (read
 * part by part), then this run's; 2. append the end records; 3. upload what is left in parts (the last may be
 * small); 4. complete the multipart upload; 5. write the summary log beside the zip. A worker that dies here
 * continues from the last checkpoint and writes the same bytes again.
 * @returns the summary log
 */
export async function finishZip(
  deps: { readonly jobs: ExportJobStore; readonly target: ExportTarget; readonly now: () => number },
  job: ExportJob,
  tail: ExportTail,
  partSizeBytes: number,
): Promise<ExportSummary> {
  const { zip } = tail;
  const parts: { partNumber: number; etag: string }[] = [];
  let partNumber = tail.nextPart;
  const flush = async (force: boolean) => {
    if (zip.pending === 0 || (!force && zip.pending < partSizeBytes)) return;
    const upload = { uploadId: tail.uploadId, partNumber };
    parts.push({ partNumber, etag: await deps.target.uploadPart(job, job.zipKey, upload, zip.take()) });
    partNumber += 1;
  };
  const directoryOffset = zip.offset;
  for await (const part of deps.jobs.parts(job.organizationId, job.jobId, 1)) {
    if (part.partNumber >= tail.nextPart) break;
    parts.push({ partNumber: part.partNumber, etag: part.etag });
    zip.write(part.centralDirectory);
    await flush(false);
  }
  for (const record of tail.centralDirectory) {
    zip.write(record);
    await flush(false);
  }
  zip.write(endOfCentralDirectory(tail.entries, zip.offset - directoryOffset, directoryOffset));
  await flush(true);
  parts.sort((a, b) => a.partNumber - b.partNumber);
  await deps.target.completeUpload(job, job.zipKey, tail.uploadId, parts);
  const summary: ExportSummary = {
    totalMessages: String(tail.messagesDone),
    totalBytes: String(tail.bytesDone),
    totalFolders: String(tail.folders),
    totalNonExportableItems: '0',
    sha384Hash: tail.digest(),
    startTime: String(job.startedAt),
    endTime: String(deps.now()),
  };
  await deps.target.putObject(job, job.summaryKey, Buffer.from(JSON.stringify(summary)));
  return summary;
}
