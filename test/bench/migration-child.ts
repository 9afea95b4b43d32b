/**
 * One copy of an export zip in a fresh process, for the migration benchmark: its peak RSS is the copy's alone.
 * Reads its setup as JSON from argv[2]: `transfer` is the mailbox step's verified, deduplicating copy
 * (`transferExport` over S3ExportObjects, checked against the summary log), `copy` the baseline (a plain streamed
 * S3 copy of the same object). Prints `{ ms, maxRssKiB, messages }` as JSON.
 */
import '../../bin/silence-sdk-node-version-warning';
import type { Readable } from 'node:stream';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { S3ExportObjects } from '../../lambdas/adapters/aws/s3-export-objects';
import { summaryMismatch, transferExport } from '../../lambdas/core/migration/mailbox-transfer';
import { s3LocalClient } from '../../lambdas/local/s3-local';

/** What the parent hands over. */
export interface MigrationChildSetup {
  readonly s3Endpoint: string;
  readonly mode: 'transfer' | 'copy';
  readonly source: { readonly bucket: string; readonly key: string };
  readonly target: { readonly bucket: string; readonly key: string };
}

const setup = JSON.parse(process.argv[2]!) as MigrationChildSetup;
const s3 = s3LocalClient(setup.s3Endpoint);
const started = performance.now();
let messages = 0;
if (setup.mode === 'transfer') {
  const objects = new S3ExportObjects({ source: s3, target: s3 });
  const summary = await objects.readSummary(setup.source);
  const result = await transferExport(objects, setup.source, setup.target, new Set());
  const mismatch = summary ? summaryMismatch(summary, result) : 'no summary log';
  if (mismatch) throw new Error(mismatch);
  messages = result.written;
} else {
  const { Body } = await s3.send(
    new GetObjectCommand({ Bucket: setup.source.bucket, Key: setup.source.key }),
  );
  await new Upload({
    client: s3,
    params: { Bucket: setup.target.bucket, Key: setup.target.key, Body: Body as Readable },
    partSize: 8 * 1024 * 1024,
    queueSize: 2,
  }).done();
}
const ms = performance.now() - started;
console.log(JSON.stringify({ ms, maxRssKiB: process.resourceUsage().maxRSS, messages }));
s3.destroy();
