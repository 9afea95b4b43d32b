import type { Readable } from 'node:stream';
import type { ZipFile } from 'yauzl';
import type { ZipEntries, ZipEntry } from '../../core/export/import-zip';

/**
 * ZipEntries over a yauzl zip file opened with `lazyEntries`: one central-directory record at a time, each entry's
 * bytes read only when asked for. The zip is closed when the iteration ends.
 * @example
 * const zip = yauzlZipEntries(() => yauzl.openPromise(path, { lazyEntries: true }));
 */
export function yauzlZipEntries(open: () => Promise<ZipFile>): ZipEntries {
  return {
    async *entries(): AsyncIterable<ZipEntry> {
      const zipFile = await open();
      try {
        for (;;) {
          const entry = await new Promise<import('yauzl').Entry | undefined>((resolve, reject) => {
            const cleanup = () => zipFile.removeAllListeners('entry').removeAllListeners('end');
            zipFile.once('entry', (found: import('yauzl').Entry) => (cleanup(), resolve(found)));
            zipFile.once('end', () => (cleanup(), resolve(undefined)));
            zipFile.once('error', reject);
            zipFile.readEntry();
          });
          if (!entry) return;
          yield {
            name: entry.fileName,
            modifiedAtMs: entry.getLastModDate({ timezone: 'UTC' }).getTime(),
            sizeBytes: entry.uncompressedSize,
            crc32: entry.crc32,
            read: async () => collect(await zipFile.openReadStreamPromise(entry)),
          };
        }
      } finally {
        zipFile.close();
      }
    },
  };
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
