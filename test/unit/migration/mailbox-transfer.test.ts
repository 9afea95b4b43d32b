import { MAX_IMPORT_MESSAGE_BYTES } from '../../../lambdas/core/export/import-zip';
import type { ExportSummary } from '../../../lambdas/core/export/types';
import {
  contentHash,
  summaryMismatch,
  transferExport,
} from '../../../lambdas/core/migration/mailbox-transfer';
import { FakeObjects } from '../../support/mailbox-move-fakes';

const SOURCE = { bucket: 'exports', key: 'out/job.zip' };
const TARGET = { bucket: 'imports', key: 'in/job.zip' };

function entry(name: string, text: string) {
  return { name, modifiedAtMs: 1_700_000_000_000, bytes: Buffer.from(text) };
}

describe('transferExport', () => {
  it('counts every message, writes only those with unknown content, and skips entries that are no message', async () => {
    const objects = new FakeObjects();
    objects.put(SOURCE, [
      entry('Inbox/1.eml', 'a'),
      entry('Inbox/2.eml', 'bb'),
      entry('top.eml', 'x'),
      entry('Inbox/notes.txt', 'y'),
    ]);

    const result = await transferExport(objects, SOURCE, TARGET, new Set([contentHash(Buffer.from('a'))]));

    expect(result).toMatchObject({
      messages: 2,
      bytes: 3,
      written: 1,
      writtenBytes: 2,
      tooLarge: 0,
      newHashes: [contentHash(Buffer.from('bb'))],
    });
    expect(result.sha384).toBe(await objects.sha384(SOURCE));
    expect(objects.zips.get('imports/in/job.zip')!.map((e) => e.name)).toEqual(['Inbox/2.eml']);
  });

  it('writes no object when every message is known', async () => {
    const objects = new FakeObjects();
    objects.put(SOURCE, [entry('Inbox/1.eml', 'a')]);

    const result = await transferExport(objects, SOURCE, TARGET, new Set([contentHash(Buffer.from('a'))]));

    expect(result.written).toBe(0);
    expect(objects.zips.has('imports/in/job.zip')).toBe(false);
  });

  it('counts messages over 40 MB without reading them', async () => {
    const objects = new FakeObjects();
    objects.put(SOURCE, [entry('Inbox/1.eml', 'a')]);
    const entries = objects.entries.bind(objects);
    objects.entries = (zip) => ({
      async *entries() {
        for await (const e of entries(zip).entries()) yield e;
        yield {
          name: 'Inbox/big.eml',
          modifiedAtMs: 0,
          sizeBytes: MAX_IMPORT_MESSAGE_BYTES + 1,
          crc32: 0,
          read: () => Promise.reject(new Error('read')),
        };
      },
    });

    const result = await transferExport(objects, SOURCE, TARGET, new Set());

    expect(result).toMatchObject({
      messages: 2,
      bytes: 1 + MAX_IMPORT_MESSAGE_BYTES + 1,
      written: 1,
      tooLarge: 1,
    });
  });

  it('gives the target zip up when reading fails', async () => {
    const objects = new FakeObjects();
    objects.put(SOURCE, [entry('Inbox/1.eml', 'a'), entry('Inbox/2.eml', 'b')]);
    let aborted = false;
    const createZip = objects.createZip.bind(objects);
    objects.createZip = (location) => ({ ...createZip(location), abort: async () => void (aborted = true) });
    let reads = 0;
    const entries = objects.entries.bind(objects);
    objects.entries = (zip) => ({
      async *entries() {
        for await (const e of entries(zip).entries())
          yield {
            ...e,
            read: () => (++reads > 1 ? Promise.reject(new Error('connection reset')) : e.read()),
          };
      },
    });

    await expect(transferExport(objects, SOURCE, TARGET, new Set())).rejects.toThrow('connection reset');
    expect(aborted).toBe(true);
  });
});

describe('summaryMismatch', () => {
  const summary: ExportSummary = {
    totalMessages: '2',
    totalBytes: '10',
    totalFolders: '6',
    totalNonExportableItems: '0',
    sha384Hash: 'ABC',
    startTime: '0',
    endTime: '1',
  };
  const result = {
    messages: 2,
    bytes: 10,
    sha384: 'abc',
    written: 2,
    writtenBytes: 10,
    newHashes: [],
    tooLarge: 0,
  };

  it('accepts a transfer that matches messages, bytes and hash (hex in either case)', () => {
    expect(summaryMismatch(summary, result)).toBeUndefined();
  });

  it('names the bytes or the hash that differ', () => {
    expect(summaryMismatch(summary, { ...result, bytes: 9 })).toBe(
      "the export summary lists 10 bytes, the zip's messages hold 9",
    );
    expect(summaryMismatch(summary, { ...result, sha384: 'abd' })).toBe(
      "the zip's SHA-384 differs from the export summary's",
    );
  });
});
