import { FirehoseClient, PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import { mockClient } from 'aws-sdk-client-mock';
import {
  FIREHOSE_MAX_BATCH_RECORDS,
  FirehoseDeliveryError,
  FirehoseLogWriter,
} from '../../lambdas/adapters/aws/firehose-log-writer';

const STREAM = {
  kind: 'Firehose',
  deliveryStreamArn: 'arn:aws:firehose:us-east-1:111122223333:deliverystream/audit',
} as const;
const sentLines = (input: { Records?: { Data?: Uint8Array }[] }) =>
  (input.Records ?? []).map((record) => Buffer.from(record.Data!).toString('utf8'));

describe('FirehoseLogWriter (aws-sdk-client-mock: Firehose cannot run here)', () => {
  const firehose = mockClient(FirehoseClient);
  const waits: number[] = [];
  const writer = new FirehoseLogWriter(new FirehoseClient({ region: 'us-east-1' }), {
    sleep: async (ms) => void waits.push(ms),
  });
  beforeEach(() => {
    firehose.reset();
    waits.length = 0;
  });

  it('sends one JSON line per record to the stream, in batches of at most 500', async () => {
    firehose.on(PutRecordBatchCommand).resolves({ FailedPutCount: 0, RequestResponses: [] });
    const records = Array.from({ length: FIREHOSE_MAX_BATCH_RECORDS + 1 }, (_, index) => ({ index }));

    await writer.write(STREAM, records);

    const calls = firehose.commandCalls(PutRecordBatchCommand).map((call) => call.args[0].input);
    expect(calls.map((input) => [input.DeliveryStreamName, input.Records!.length])).toEqual([
      ['audit', 500],
      ['audit', 1],
    ]);
    expect(sentLines(calls[1])).toEqual(['{"index":500}\n']);
  });

  it('sends again only the records the stream refused, backing off', async () => {
    firehose
      .on(PutRecordBatchCommand)
      .resolvesOnce({
        FailedPutCount: 1,
        RequestResponses: [
          { RecordId: 'r1' },
          { ErrorCode: 'ServiceUnavailableException' },
          { RecordId: 'r3' },
        ],
      })
      .resolves({ FailedPutCount: 0, RequestResponses: [{ RecordId: 'r2' }] });

    await writer.write(STREAM, [{ n: 1 }, { n: 2 }, { n: 3 }]);

    const calls = firehose.commandCalls(PutRecordBatchCommand).map((call) => call.args[0].input);
    expect(sentLines(calls[1])).toEqual(['{"n":2}\n']);
    expect(waits).toEqual([100]);
  });

  it('gives up after three attempts with the number of records not delivered', async () => {
    firehose
      .on(PutRecordBatchCommand)
      .resolves({ FailedPutCount: 1, RequestResponses: [{ ErrorCode: 'ServiceUnavailableException' }] });

    const failure = writer.write(STREAM, [{ n: 1 }]);

    await expect(failure).rejects.toBeInstanceOf(FirehoseDeliveryError);
    await expect(failure).rejects.toMatchObject({ undelivered: 1 });
    expect(firehose.commandCalls(PutRecordBatchCommand)).toHaveLength(3);
    expect(waits).toEqual([100, 200]);
  });

  it('refuses a record larger than Firehose accepts, sending nothing', async () => {
    await expect(writer.write(STREAM, [{ blob: 'x'.repeat(1_100_000) }])).rejects.toBeInstanceOf(
      FirehoseDeliveryError,
    );
    expect(firehose.commandCalls(PutRecordBatchCommand)).toHaveLength(0);
  });
});
