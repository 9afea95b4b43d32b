import { createHash } from 'node:crypto';
import type { ZipEntry } from '../../lambdas/core/export/import-zip';
import type { ExportSummary } from '../../lambdas/core/export/types';
import type {
  ExportJobStatus,
  ExportObjects,
  ImportJobStatus,
  MailboxExportApi,
  MailboxImportApi,
  MailboxProgress,
  ObjectLocation,
} from '../../lambdas/core/migration/mailbox-ports';
import type { MoveMailboxesDeps } from '../../lambdas/core/migration/mailboxes';
import type { MigrationStateStore } from '../../lambdas/core/migration/types';

/** One message of a fake mailbox: its folder path and bytes. */
export interface FakeMessage {
  readonly folder: string;
  readonly raw: string;
}

/** A zip as the fakes keep it: entries in order. */
type FakeZip = { name: string; modifiedAtMs: number; bytes: Buffer }[];

/** Fake S3: zips and summary logs by `bucket/key`; the SHA-384 is the hash of the entries' names and bytes. */
export class FakeObjects implements ExportObjects {
  readonly zips = new Map<string, FakeZip>();
  readonly summaries = new Map<string, ExportSummary>();

  put(zip: ObjectLocation, entries: FakeZip): void {
    this.zips.set(path(zip), entries);
    this.summaries.set(path(zip), {
      totalMessages: String(entries.length),
      totalBytes: String(entries.reduce((sum, entry) => sum + entry.bytes.length, 0)),
      totalFolders: '6',
      totalNonExportableItems: '0',
      sha384Hash: fakeSha384(entries),
      startTime: '0',
      endTime: '0',
    });
  }

  async readSummary(zip: ObjectLocation): Promise<ExportSummary | undefined> {
    return this.summaries.get(path(zip));
  }

  async sha384(zip: ObjectLocation): Promise<string> {
    return fakeSha384(this.zip(zip));
  }

  entries(zip: ObjectLocation) {
    const entries = this.zip(zip);
    return {
      async *entries(): AsyncIterable<ZipEntry> {
        for (const entry of entries)
          yield {
            name: entry.name,
            modifiedAtMs: entry.modifiedAtMs,
            sizeBytes: entry.bytes.length,
            crc32: 0,
            read: async () => entry.bytes,
          };
      },
    };
  }

  createZip(location: ObjectLocation) {
    const written: FakeZip = [];
    return {
      add: async (entry: FakeZip[number]) => void written.push(entry),
      finish: async () => void this.zips.set(path(location), written),
      abort: async () => undefined,
    };
  }

  private zip(zip: ObjectLocation): FakeZip {
    const entries = this.zips.get(path(zip));
    if (!entries) throw Object.assign(new Error('no such object'), { name: 'NoSuchKey' });
    return entries;
  }
}

/** Fake source: mailboxes by entity id; a job completes on its second describe. */
export class FakeSource implements MailboxExportApi {
  readonly mailboxes = new Map<string, FakeMessage[]>();
  readonly jobs = new Map<
    string,
    { entityId: string; organizationId: string; describes: number; token: string }
  >();
  /** Entity ids whose next export jobs end FAILED (count per entity). */
  readonly failing = new Map<string, number>();
  /** Calls still to throttle (any action). */
  throttle = 0;
  /** StartMailboxExportJob answers limitExceeded for these entities. */
  readonly limited = new Set<string>();
  running = new Map<string, number>();
  maxRunning = new Map<string, number>();
  starts = 0;

  constructor(private readonly objects: FakeObjects) {}

  async start(request: Parameters<MailboxExportApi['start']>[0]) {
    this.throttled();
    if (this.limited.has(request.entityId)) return 'limitExceeded' as const;
    const same = [...this.jobs].find(([, job]) => job.token === request.clientToken);
    if (same) return { jobId: same[0] };
    this.starts += 1;
    const jobId = `job-${this.jobs.size + 1}`;
    this.jobs.set(jobId, { ...request, describes: 0, token: request.clientToken });
    const org = request.organizationId;
    this.running.set(org, (this.running.get(org) ?? 0) + 1);
    this.maxRunning.set(org, Math.max(this.maxRunning.get(org) ?? 0, this.running.get(org)!));
    return { jobId };
  }

  async describe(_organizationId: string, jobId: string): Promise<ExportJobStatus> {
    this.throttled();
    const job = this.jobs.get(jobId)!;
    job.describes += 1;
    if (job.describes < 2) return { state: 'RUNNING', estimatedProgress: 50 };
    if (job.describes === 2) this.running.set(job.organizationId, this.running.get(job.organizationId)! - 1);
    const failures = this.failing.get(job.entityId) ?? 0;
    if (failures > 0) {
      if (job.describes === 2) this.failing.set(job.entityId, failures - 1);
      return {
        state: 'FAILED',
        estimatedProgress: 0,
        errorInfo: 'The bucket refused the request (AccessDenied).',
      };
    }
    const zip = { bucket: 'exports', key: `out/${jobId}.zip` };
    if (job.describes === 2)
      this.objects.put(
        zip,
        (this.mailboxes.get(job.entityId) ?? []).map((message, index) => ({
          name: `${message.folder}/${index + 1}.eml`,
          modifiedAtMs: 1_700_000_000_000,
          bytes: Buffer.from(message.raw),
        })),
      );
    return { state: 'COMPLETED', estimatedProgress: 100, zip };
  }

  private throttled(): void {
    if (this.throttle <= 0) return;
    this.throttle -= 1;
    throw Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException' });
  }
}

/** Fake target: an import job stores the zip's entries at once, idempotently by entry name and bytes. */
export class FakeTarget implements MailboxImportApi {
  /** Stored messages per target entity: `folder path` → raw. */
  readonly stored = new Map<string, { folder: string; raw: string }[]>();
  readonly jobs = new Map<string, ImportJobStatus & { token: string }>();
  /** Messages the next imports leave out (a full mailbox). */
  dropping = 0;

  constructor(private readonly objects: FakeObjects) {}

  async start(request: Parameters<MailboxImportApi['start']>[0]): Promise<string> {
    const same = [...this.jobs].find(([, job]) => job.token === request.clientToken);
    if (same) return same[0];
    const entries = this.objects.zips.get(path(request.zip))!;
    const stored = this.stored.get(request.entityId) ?? [];
    let imported = 0;
    let bytes = 0;
    for (const entry of entries) {
      if (this.dropping > 0) {
        this.dropping -= 1;
        continue;
      }
      imported += 1;
      bytes += entry.bytes.length;
      const folder = entry.name.slice(0, entry.name.lastIndexOf('/'));
      stored.push({ folder, raw: entry.bytes.toString() });
    }
    this.stored.set(request.entityId, stored);
    const jobId = `import-${this.jobs.size + 1}`;
    this.jobs.set(jobId, {
      state: 'COMPLETED',
      processedEntries: entries.length,
      importedMessages: imported,
      importedBytes: bytes,
      token: request.clientToken,
    });
    return jobId;
  }

  async describe(_organizationId: string, jobId: string): Promise<ImportJobStatus> {
    return this.jobs.get(jobId)!;
  }
}

/** A state store in memory that keeps what a file would: JSON, as written. */
export class MemoryState implements MigrationStateStore {
  readonly values = new Map<string, string>();
  /** Throws on this write (1-based) and later ones: the process "dies" there. */
  failAtWrite = Infinity;
  writes = 0;

  get<T>(key: string): T | undefined {
    const value = this.values.get(key);
    return value === undefined ? undefined : (JSON.parse(value) as T);
  }

  async set(key: string, value: unknown): Promise<void> {
    this.writes += 1;
    if (this.writes >= this.failAtWrite) throw new Error('killed');
    this.values.set(key, JSON.stringify(value));
  }

  keys(prefix: string): string[] {
    return [...this.values.keys()].filter((key) => key.startsWith(prefix));
  }
}

/** Progress lines, as a reporter would print them. */
export class RecordedProgress implements MailboxProgress {
  readonly lines: string[] = [];
  start(mailboxes: number): void {
    this.lines.push(`start ${mailboxes}`);
  }
  update(address: string, phase: string, percent?: number): void {
    this.lines.push(`${address} ${phase}${percent === undefined ? '' : ` ${percent}`}`);
  }
  done(address: string, result: { outcome: string }): void {
    this.lines.push(`${address} ${result.outcome}`);
  }
}

/** The deps of the mailbox step on fakes, with a simulated clock that sleeping advances. */
export function fakeMoveDeps(state = new MemoryState()) {
  const objects = new FakeObjects();
  const time = { now: 1_800_000_000_000 };
  const deps = {
    source: new FakeSource(objects),
    target: new FakeTarget(objects),
    objects,
    state,
    progress: new RecordedProgress(),
    clock: () => time.now,
    sleep: async (ms: number) => {
      time.now += ms;
    },
  } satisfies MoveMailboxesDeps;
  return { ...deps, time, deps };
}

function path(zip: ObjectLocation): string {
  return `${zip.bucket}/${zip.key}`;
}

function fakeSha384(entries: FakeZip): string {
  const hash = createHash('sha384');
  for (const entry of entries) hash.update(entry.name).update(entry.bytes);
  return hash.digest('hex');
}
