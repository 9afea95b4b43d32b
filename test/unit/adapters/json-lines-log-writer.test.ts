import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonLinesLogWriter } from '../../../lambdas/adapters/local/json-lines-log-writer';

describe('JsonLinesLogWriter', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'mw-log-writer-'));
  });
  afterEach(() => rm(directory, { recursive: true, force: true }));

  const logGroup = {
    kind: 'CloudWatchLogs' as const,
    logGroupArn: 'arn:aws:logs:eu-west-1:123456789012:log-group:/aws/workmail/emailevents/acme:*',
  };

  it('appends one JSON line per record to the file named after the log group', async () => {
    const writer = new JsonLinesLogWriter(directory);
    await writer.write(logGroup, [{ traceId: 't1', event: { eventName: 'A' } }]);
    await writer.write(logGroup, [{ traceId: 't2' }, { traceId: 't3' }]);
    const file = writer.fileOf(logGroup);
    expect(file).toBe(join(directory, 'CloudWatchLogs', '%2Faws%2Fworkmail%2Femailevents%2Facme.jsonl'));
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      { traceId: 't1', event: { eventName: 'A' } },
      { traceId: 't2' },
      { traceId: 't3' },
    ]);
  });

  it('keeps concurrent batches whole and in call order', async () => {
    const writer = new JsonLinesLogWriter(directory);
    const batches = Array.from({ length: 20 }, (_, batch) =>
      Array.from({ length: 50 }, (_, index) => ({ batch, index })),
    );
    await Promise.all(batches.map((records) => writer.write(logGroup, records)));
    const lines = (await readFile(writer.fileOf(logGroup), 'utf8')).trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line))).toEqual(batches.flat());
  });

  it('names S3 and Firehose destinations by bucket and stream, and writes nothing for no records', async () => {
    const writer = new JsonLinesLogWriter(directory);
    expect(writer.fileOf({ kind: 'S3', bucketArn: 'arn:aws:s3:::audit-bucket' })).toBe(
      join(directory, 'S3', 'audit-bucket.jsonl'),
    );
    const stream = {
      kind: 'Firehose' as const,
      deliveryStreamArn: 'arn:aws:firehose:eu-west-1:1:deliverystream/s1',
    };
    expect(writer.fileOf(stream)).toBe(join(directory, 'Firehose', 's1.jsonl'));
    await writer.write(stream, []);
    await expect(readFile(writer.fileOf(stream))).rejects.toThrow(/ENOENT/);
  });
});
