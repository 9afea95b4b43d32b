import { DestinationRoutingLogWriter } from '../../../lambdas/adapters/aws/destination-routing-log-writer';
import type { LogDestination, LogRecord, LogRecordWriter } from '../../../lambdas/core/log-delivery';

class Recording implements LogRecordWriter {
  readonly writes: LogDestination[] = [];
  async write(destination: LogDestination, _records: readonly LogRecord[]): Promise<void> {
    this.writes.push(destination);
  }
}

describe('DestinationRoutingLogWriter', () => {
  it('hands each write to the writer of its destination kind', async () => {
    const writers = { CloudWatchLogs: new Recording(), S3: new Recording(), Firehose: new Recording() };
    const writer = new DestinationRoutingLogWriter(writers);
    const bucket = { kind: 'S3', bucketArn: 'arn:aws:s3:::audit' } as const;
    const stream = {
      kind: 'Firehose',
      deliveryStreamArn: 'arn:aws:firehose:us-east-1:1:deliverystream/a',
    } as const;

    await writer.write(bucket, [{}]);
    await writer.write(stream, [{}]);

    expect(writers.S3.writes).toEqual([bucket]);
    expect(writers.Firehose.writes).toEqual([stream]);
    expect(writers.CloudWatchLogs.writes).toEqual([]);
  });
});
