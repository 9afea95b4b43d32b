import type { ExportJobStore, ExportTarget } from './ports';
import type { ExportCheckpoint, ExportJob } from './types';

/** One part cut at a message boundary: its bytes, its entries' central directory records, the state after it. */
export interface CutPart {
  readonly partNumber: number;
  readonly bytes: Buffer;
  readonly centralDirectory: Buffer;
  /** The checkpoint to record once the part is uploaded (`nextPart` is `partNumber + 1`). */
  readonly checkpoint: ExportCheckpoint;
}

/**
 * Uploads parts of one zip, at most `concurrency` at once, and records each part's checkpoint in part order once it
 * and every earlier part are uploaded, so a checkpoint never names a part that is missing.
 * @example
 * const pipeline = new PartPipeline({ jobs, target }, job, undefined, 2);
 * if (!(await pipeline.push(part))) return 'STOPPED';
 */
export class PartPipeline {
  private chain: Promise<boolean> = Promise.resolve(true);
  private readonly waiting: Promise<boolean>[] = [];

  constructor(
    private readonly deps: { readonly jobs: ExportJobStore; readonly target: ExportTarget },
    private readonly job: ExportJob,
    /** `nextPart` of the checkpoint the run continued from. */
    private expectedNextPart: number,
    private readonly concurrency: number,
  ) {}

  /** Starts the part's upload; false once a checkpoint did not commit (the job was cancelled or taken over). */
  async push(part: CutPart): Promise<boolean> {
    const { zipKey } = this.job;
    const { uploadId } = part.checkpoint;
    const upload = this.deps.target.uploadPart(
      this.job,
      zipKey,
      { uploadId, partNumber: part.partNumber },
      part.bytes,
    );
    upload.catch(() => undefined); // observed through the chain below
    this.chain = this.chain.then(async (ok) => {
      const etag = await upload;
      if (!ok) return false;
      const saved = await this.deps.jobs.saveCheckpoint(
        this.job,
        part.checkpoint,
        { partNumber: part.partNumber, etag, centralDirectory: part.centralDirectory },
        this.expectedNextPart,
      );
      if (saved) this.expectedNextPart = part.checkpoint.nextPart;
      return saved;
    });
    const settled = this.chain;
    settled.catch(() => undefined); // observed by drain() or by the push that awaits it
    this.waiting.push(settled);
    while (this.waiting.length >= this.concurrency) if (!(await this.waiting.shift())) return false;
    return true;
  }

  /** Waits for every pushed part and its checkpoint; false when one did not commit. */
  async drain(): Promise<boolean> {
    this.waiting.length = 0;
    return this.chain;
  }
}
