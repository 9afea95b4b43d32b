import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';

/** Options for {@link startS3Local}. */
export interface S3LocalOptions {
  /** Directory holding the objects. @default - a fresh temporary directory, removed by `stop()` */
  readonly directory?: string;
  /** Keep nothing after `stop()` (tests, `--memory`): objects live in a temporary directory that is removed. */
  readonly inMemory?: boolean;
  /** Buckets to create at start (existing ones are kept). */
  readonly buckets: readonly string[];
}

/** A running local S3-compatible server. */
export interface S3Local {
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  stop(): Promise<void>;
}

interface S3rverInstance {
  run(): Promise<{ port: number }>;
  close(): Promise<void>;
}
type S3rverConstructor = new (options: Record<string, unknown>) => S3rverInstance;

/** The only credentials s3rver accepts. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

/**
 * Starts s3rver on a free loopback port with the given buckets.
 * @example
 * const s3 = await startS3Local({ inMemory: true, buckets: ['store'] });
 * const client = s3LocalClient(s3.endpoint);
 * await s3.stop();
 */
export async function startS3Local(options: S3LocalOptions): Promise<S3Local> {
  const temporary = options.inMemory || !options.directory;
  const directory = temporary ? await mkdtemp(join(tmpdir(), 'mailwright-s3-')) : options.directory!;
  await mkdir(directory, { recursive: true });
  // s3rver ships no types; the specifier is widened so the import is typed by the constructor shape above.
  const specifier: string = 's3rver';
  const { default: S3rver } = (await import(specifier)) as { default: S3rverConstructor };
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: options.buckets.map((name) => ({ name, configs: [] })),
  });
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: async () => {
      await server.close();
      if (temporary) await rm(directory, { recursive: true, force: true });
    },
  };
}

/**
 * An S3 client configured for s3rver: path-style, its fixed credentials, and checksums only when required
 * (with the SDK default, streamed uploads are stored with aws-chunked framing, i.e. silently corrupted).
 * @example
 * const client = s3LocalClient('http://127.0.0.1:4568');
 */
export function s3LocalClient(endpoint: string, region = 'us-east-1'): S3Client {
  return new S3Client({
    endpoint,
    region,
    forcePathStyle: true,
    credentials: S3RVER_CREDENTIALS,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/**
 * Creates the buckets that do not exist yet (a runtime on a shared S3 server brings its own buckets).
 * @param client - an {@link s3LocalClient}
 * @param buckets - bucket names
 * @example
 * await createMissingBuckets(s3LocalClient(endpoint), ['mailwright-store']);
 */
export async function createMissingBuckets(client: S3Client, buckets: readonly string[]): Promise<void> {
  for (const bucket of buckets) {
    try {
      await client.send(new CreateBucketCommand({ Bucket: bucket }));
    } catch (error) {
      // s3rver answers BucketAlreadyExists for its own buckets too (S3: BucketAlreadyOwnedByYou).
      const name = (error as Error).name;
      if (name !== 'BucketAlreadyExists' && name !== 'BucketAlreadyOwnedByYou') throw error;
    }
  }
}
