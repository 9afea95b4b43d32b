import { PassThrough, type Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import yauzl from 'yauzl';
import { ExportTargetRefusedError } from '../../core/export/errors';
import type { ZipEntries } from '../../core/export/import-zip';
import { yauzlZipEntries } from './yauzl-zip-entries';

/** Reads of at most this many bytes are served from cached blocks (zip headers and central directory records). */
const SMALL_READ_BYTES = 64 * 1024;
const BLOCK_BYTES = 1024 * 1024;
/** Blocks kept: the central directory's current block and the one a local header was read from. */
const CACHED_BLOCKS = 2;

/**
 * yauzl's random access over ranged S3 GETs: small reads (headers, central directory records) come from 1 MiB
 * blocks fetched once (at most two kept), entry data streams in one ranged GET. The zip is never held whole.
 */
class S3RangeReader extends yauzl.RandomAccessReader {
  private readonly blocks = new Map<number, Promise<Buffer>>();

  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    private readonly key: string,
    private readonly size: number,
  ) {
    super();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    const out = new PassThrough();
    const fill = async () => {
      if (end - start > SMALL_READ_BYTES) return this.stream(start, end, out);
      const first = Math.floor(start / BLOCK_BYTES);
      const last = Math.floor((end - 1) / BLOCK_BYTES);
      for (let block = first; block <= last; block += 1) {
        const bytes = await this.block(block);
        const from = Math.max(start - block * BLOCK_BYTES, 0);
        out.write(bytes.subarray(from, Math.min(end - block * BLOCK_BYTES, bytes.length)));
      }
      out.end();
    };
    fill().catch((error: unknown) => out.destroy(error as Error));
    return out;
  }

  private block(index: number): Promise<Buffer> {
    let cached = this.blocks.get(index);
    if (!cached) {
      const start = index * BLOCK_BYTES;
      cached = this.get(start, Math.min(start + BLOCK_BYTES, this.size)).then(async (body) =>
        Buffer.from(await body.transformToByteArray()),
      );
      this.blocks.set(index, cached);
      if (this.blocks.size > CACHED_BLOCKS) this.blocks.delete(this.blocks.keys().next().value!);
    }
    return cached;
  }

  private async stream(start: number, end: number, out: PassThrough): Promise<void> {
    const body = (await this.get(start, end)) as unknown as Readable;
    body.on('error', (error) => out.destroy(error));
    body.pipe(out);
  }

  private async get(start: number, end: number) {
    const { Body } = await this.s3.send(
      new GetObjectCommand({ Bucket: this.bucket, Key: this.key, Range: `bytes=${start}-${end - 1}` }),
    );
    return Body!;
  }
}

/** HeadObject answers that retrying cannot change. */
const REFUSALS = new Set(['NotFound', 'NoSuchKey', 'NoSuchBucket', 'AccessDenied', 'Forbidden']);

/**
 * A zip in S3 read entry by entry through yauzl over ranged GETs (one HEAD for its size). A missing or forbidden
 * object, or one that is no zip, is an {@link ExportTargetRefusedError}.
 * @example
 * const zip = s3ZipEntries(s3, 'acme-exports', 'exports/job.zip');
 */
export function s3ZipEntries(s3: S3Client, bucket: string, key: string): ZipEntries {
  return yauzlZipEntries(async () => {
    let size: number;
    try {
      size = (await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))).ContentLength!;
    } catch (error) {
      if (error instanceof Error && REFUSALS.has(error.name))
        throw new ExportTargetRefusedError(error.name, { cause: error });
      throw error;
    }
    const reader = new S3RangeReader(s3, bucket, key, size);
    try {
      return await yauzl.fromRandomAccessReaderPromise(reader, size, { lazyEntries: true });
    } catch (error) {
      // yauzl's own errors (no S3 metadata) say the object is no zip; S3's are retried.
      if (error instanceof Error && !('$metadata' in error))
        throw new ExportTargetRefusedError('InvalidZip', { cause: error });
      throw error;
    }
  });
}
