import {
  CloudWatchLogsClient,
  CreateLogStreamCommand,
  PutLogEventsCommand,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
} from '@aws-sdk/client-cloudwatch-logs';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import {
  CloudWatchLogsLogWriter,
  PUT_LOG_EVENTS_LIMITS,
  UnsupportedLogDestinationError,
} from '../../../lambdas/adapters/aws/cloudwatch-logs-log-writer';

const GROUP = 'arn:aws:logs:eu-west-1:111122223333:log-group:/aws/workmail/emailevents/acme:*';
const ROLE = 'arn:aws:iam::111122223333:role/workmail-monitoring-role';
const ORG = 'm-0123456789abcdef0123456789abcdef';

describe('CloudWatchLogsLogWriter', () => {
  const logs = mockClient(CloudWatchLogsClient);
  const sts = mockClient(STSClient);
  let now = Date.UTC(2026, 11, 4, 10);
  let clients: { region: string; accessKeyId?: string }[];

  const writer = () =>
    new CloudWatchLogsLogWriter({
      sts: new STSClient({ region: 'eu-west-1' }),
      streamName: 'mailwright/test',
      logsClient: (region, credentials) => {
        clients.push({ region, accessKeyId: credentials?.accessKeyId });
        return new CloudWatchLogsClient({ region, credentials });
      },
      now: () => now,
    });

  beforeEach(() => {
    logs.reset();
    sts.reset();
    clients = [];
    now = Date.UTC(2026, 11, 4, 10);
    sts.on(AssumeRoleCommand).callsFake(() => ({
      Credentials: {
        AccessKeyId: `AKIA${sts.commandCalls(AssumeRoleCommand).length}`,
        SecretAccessKey: 'secret',
        SessionToken: 'token',
        Expiration: new Date(now + 3_600_000),
      },
    }));
  });

  it('creates the stream once and puts each record as one JSON event, in order', async () => {
    const w = writer();

    await w.write({ kind: 'CloudWatchLogs', logGroupArn: GROUP }, [{ traceId: 'a' }, { traceId: 'b' }]);
    await w.write({ kind: 'CloudWatchLogs', logGroupArn: GROUP }, [{ traceId: 'c' }]);

    expect(logs.commandCalls(CreateLogStreamCommand).map((call) => call.args[0].input)).toEqual([
      { logGroupName: '/aws/workmail/emailevents/acme', logStreamName: 'mailwright/test' },
    ]);
    expect(logs.commandCalls(PutLogEventsCommand).map((call) => call.args[0].input)).toEqual([
      {
        logGroupName: '/aws/workmail/emailevents/acme',
        logStreamName: 'mailwright/test',
        logEvents: [
          { timestamp: now, message: '{"traceId":"a"}' },
          { timestamp: now, message: '{"traceId":"b"}' },
        ],
      },
      expect.objectContaining({ logEvents: [{ timestamp: now, message: '{"traceId":"c"}' }] }),
    ]);
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(0);
    expect(clients).toEqual([{ region: 'eu-west-1', accessKeyId: undefined }]);
  });

  it('accepts a stream that exists already, and creates a deleted one again', async () => {
    logs
      .on(CreateLogStreamCommand)
      .rejectsOnce(new ResourceAlreadyExistsException({ message: 'exists', $metadata: {} }))
      .resolves({});
    logs
      .on(PutLogEventsCommand)
      .resolvesOnce({})
      .rejectsOnce(new ResourceNotFoundException({ message: 'no stream', $metadata: {} }))
      .resolves({});
    const w = writer();

    await w.write({ kind: 'CloudWatchLogs', logGroupArn: GROUP }, [{ n: 1 }]);
    await w.write({ kind: 'CloudWatchLogs', logGroupArn: GROUP }, [{ n: 2 }]);

    expect(logs.commandCalls(CreateLogStreamCommand)).toHaveLength(2);
    expect(logs.commandCalls(PutLogEventsCommand)).toHaveLength(3);
  });

  it('assumes the role with the organization as external id, and reuses the session until 5 minutes before it ends', async () => {
    const w = writer();
    const destination = {
      kind: 'CloudWatchLogs',
      logGroupArn: GROUP,
      roleArn: ROLE,
      externalId: ORG,
    } as const;

    await w.write(destination, [{ n: 1 }]);
    now += 54 * 60_000;
    await w.write(destination, [{ n: 2 }]);
    now += 60_001;
    await w.write(destination, [{ n: 3 }]);

    expect(sts.commandCalls(AssumeRoleCommand).map((call) => call.args[0].input)).toEqual([
      { RoleArn: ROLE, RoleSessionName: 'mailwright-email-events', DurationSeconds: 3600, ExternalId: ORG },
      expect.objectContaining({ RoleArn: ROLE }),
    ]);
    expect(clients.map((client) => client.accessKeyId)).toEqual(['AKIA1', 'AKIA2']);
  });

  it('splits records into PutLogEvents calls within 10,000 events and 1 MB', async () => {
    const w = writer();
    const many = Array.from({ length: 10_001 }, (_, n) => ({ n }));
    const big = Array.from({ length: 5 }, () => ({ text: 'x'.repeat(300_000) }));

    await w.write({ kind: 'CloudWatchLogs', logGroupArn: GROUP }, many);
    await w.write({ kind: 'CloudWatchLogs', logGroupArn: GROUP }, big);

    const calls = logs.commandCalls(PutLogEventsCommand).map((call) => call.args[0].input.logEvents ?? []);
    expect(calls.map((events) => events.length)).toEqual([10_000, 1, 3, 2]);
    for (const events of calls) {
      const bytes = events.reduce(
        (sum, event) => sum + Buffer.byteLength(event.message ?? '') + PUT_LOG_EVENTS_LIMITS.overheadBytes,
        0,
      );
      expect(bytes).toBeLessThanOrEqual(PUT_LOG_EVENTS_LIMITS.bytes);
    }
  });

  it('refuses destinations other than CloudWatch Logs log groups, and lets write failures through', async () => {
    const w = writer();
    logs
      .on(PutLogEventsCommand)
      .rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));

    await expect(w.write({ kind: 'S3', bucketArn: 'arn:aws:s3:::b' }, [{}])).rejects.toThrow(
      UnsupportedLogDestinationError,
    );
    await expect(w.write({ kind: 'CloudWatchLogs', logGroupArn: GROUP }, [{}])).rejects.toThrow('denied');
  });
});
