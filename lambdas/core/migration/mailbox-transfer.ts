import { createHash } from 'node:crypto';
import { MAX_IMPORT_MESSAGE_BYTES } from '../export/import-zip';
import type { ExportSummary } from '../export/types';
import type { ExportObjects, ObjectLocation } from './mailbox-ports';

/** What one transfer of an export zip found and wrote. */
export interface TransferResult {
  /** Messages and their bytes in the source zip, and the zip's SHA-384: what the export summary must say. */
  readonly messages: number;
  readonly bytes: number;
  readonly sha384: string;
  /** Messages written to the target zip: those whose content the target does not hold yet, and their bytes. */
  readonly written: number;
  readonly writtenBytes: number;
  /** Content hashes of the written messages (to add to the known ones once the import is verified). */
  readonly newHashes: readonly string[];
  /** Messages over 40 MB: the import cannot store them, so they are not written. */
  readonly tooLarge: number;
}

/**
 * The content hash a delta pass deduplicates by: SHA-256 of the message's bytes, its first 16 bytes in base64url.
 * @example
 * contentHash(Buffer.from('Subject: hi\r\n\r\nhello')); // 'q1x…' (22 characters)
 */
export function contentHash(raw: Buffer): string {
  return createHash('sha256').update(raw).digest().subarray(0, 16).toString('base64url');
}

/**
 * Copies an export zip to where the target imports it, keeping only messages the target does not hold. Primary
 * course: 1. hash the whole source object (SHA-384, one streamed read) while 2. reading its entries one at a time,
 * counting every `<folder>/<name>.eml` message and its bytes; 3. write each message whose content hash is not in
 * `known` to the target zip, started at the first such message (none: no object is written). Memory holds one
 * message and the writer's parts, whatever the mailbox's size.
 * @param known - content hashes of messages the target already holds (earlier passes)
 * @example
 * const result = await transferExport(objects, exportZip, { bucket: 'imports', key: 'ana/job.zip' }, new Set());
 */
export async function transferExport(
  objects: ExportObjects,
  source: ObjectLocation,
  target: ObjectLocation,
  known: ReadonlySet<string>,
): Promise<TransferResult> {
  const hashing = objects.sha384(source);
  // Observed at once so that a failed read never goes unhandled while the entries are still being read.
  hashing.catch(() => undefined);
  let messages = 0;
  let bytes = 0;
  let tooLarge = 0;
  let writtenBytes = 0;
  const newHashes: string[] = [];
  let writer: ReturnType<ExportObjects['createZip']> | undefined;
  try {
    for await (const entry of objects.entries(source).entries()) {
      const slash = entry.name.lastIndexOf('/');
      if (!entry.name.endsWith('.eml') || slash <= 0) continue;
      messages += 1;
      bytes += entry.sizeBytes;
      if (entry.sizeBytes > MAX_IMPORT_MESSAGE_BYTES) {
        tooLarge += 1;
        continue;
      }
      const raw = await entry.read();
      const hash = contentHash(raw);
      if (known.has(hash)) continue;
      writer ??= objects.createZip(target);
      await writer.add({ name: entry.name, modifiedAtMs: entry.modifiedAtMs, bytes: raw });
      newHashes.push(hash);
      writtenBytes += raw.length;
    }
    await writer?.finish();
  } catch (error) {
    await writer?.abort();
    throw error;
  }
  return {
    messages,
    bytes,
    sha384: await hashing,
    written: newHashes.length,
    writtenBytes,
    newHashes,
    tooLarge,
  };
}

/**
 * Why a transfer does not match the export's summary log, or undefined when messages, bytes and SHA-384 agree.
 * @example
 * summaryMismatch(summary, result); // 'the export summary lists 76 messages, the zip holds 75'
 */
export function summaryMismatch(summary: ExportSummary, result: TransferResult): string | undefined {
  if (Number(summary.totalMessages) !== result.messages)
    return `the export summary lists ${summary.totalMessages} messages, the zip holds ${result.messages}`;
  if (Number(summary.totalBytes) !== result.bytes)
    return `the export summary lists ${summary.totalBytes} bytes, the zip's messages hold ${result.bytes}`;
  if (summary.sha384Hash.toLowerCase() !== result.sha384.toLowerCase())
    return "the zip's SHA-384 differs from the export summary's";
  return undefined;
}
