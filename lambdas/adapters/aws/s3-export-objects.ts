import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { ExportSummary } from '../../core/export/types';
import {
  centralDirectoryRecord,
  dataDescriptor,
  endOfCentralDirectory,
  localFileHeader,
} from '../../core/export/zip-format';
import type { ExportObjects, ObjectLocation, ZipObjectWriter } from '../../core/migration/mailbox-ports';
import { s3ZipEntries } from './s3-zip-entries';

/** Parts of the copied zip: S3's 5 MiB minimum and more; two upload at once. */
const PART_BYTES = 8 * 1024 * 1024;
const PARTS_AT_ONCE = 2;

/**
 * The export zips of a migration in S3: read from the source's export bucket, written to the bucket the target
 * imports from, each through its own client (the two may be different accounts). Reads stream (the zip's hash) or
 * use ranged GETs (its entries); the copy is written in the export's own zip format (stored entries, zip64) into a
 * multipart upload as it goes, so memory holds one message, a few parts and the central directory records.
 * @example
 * const objects = new S3ExportObjects({ source: new S3Client({ region }), target: new S3Client({ region }) });
 */
export class S3ExportObjects implements ExportObjects {
  constructor(private readonly clients: { readonly source: S3Client; readonly target: S3Client }) {}

  async readSummary(zip: ObjectLocation): Promise<ExportSummary | undefined> {
    let body;
    try {
      body = await this.get({ bucket: zip.bucket, key: zip.key.replace(/\.zip$/, '.summary.json') });
    } catch (error) {
      if (error instanceof Error && error.name === 'NoSuchKey') return undefined;
      throw error;
    }
    return JSON.parse(Buffer.from(await body.transformToByteArray()).toString('utf8')) as ExportSummary;
  }

  async sha384(zip: ObjectLocation): Promise<string> {
    const hash = createHash('sha384');
    for await (const chunk of (await this.get(zip)) as unknown as Readable) hash.update(chunk as Buffer);
    return hash.digest('hex');
  }

  entries(zip: ObjectLocation) {
    return s3ZipEntries(this.clients.source, zip.bucket, zip.key);
  }

  createZip(location: ObjectLocation): ZipObjectWriter {
    const output = new PassThrough();
    const upload = new Upload({
      client: this.clients.target,
      params: { Bucket: location.bucket, Key: location.key, Body: output, ContentType: 'application/zip' },
      partSize: PART_BYTES,
      queueSize: PARTS_AT_ONCE,
    });
    const done = upload.done();
    // Observed at once: a failed upload is reported by the next add() or finish(), never left unhandled.
    done.catch(() => undefined);
    /** Central directory records of the entries written: about 60 bytes each, the only state kept. */
    const directory: Buffer[] = [];
    let offset = 0;
    const write = async (bytes: Buffer) => {
      offset += bytes.length;
      if (!output.write(bytes)) await Promise.race([once(output, 'drain'), done]);
    };
    return {
      add: async ({ name, modifiedAtMs, bytes }) => {
        const start = offset;
        const crc = crc32(bytes);
        await write(localFileHeader(name, modifiedAtMs));
        await write(bytes);
        await write(dataDescriptor(crc, bytes.length));
        directory.push(
          centralDirectoryRecord({ name, modifiedAtMs, crc, size: bytes.length, offset: start }),
        );
      },
      finish: async () => {
        const directoryOffset = offset;
        for (const record of directory) await write(record);
        await write(endOfCentralDirectory(directory.length, offset - directoryOffset, directoryOffset));
        output.end();
        await done;
      },
      abort: async () => {
        output.destroy();
        await upload.abort();
      },
    };
  }

  private async get(location: ObjectLocation) {
    const { Body } = await this.clients.source.send(
      new GetObjectCommand({ Bucket: location.bucket, Key: location.key }),
    );
    return Body!;
  }
}
