import {
  CreateLogStreamCommand,
  PutLogEventsCommand,
  type CloudWatchLogsClient,
  type InputLogEvent,
} from '@aws-sdk/client-cloudwatch-logs';
import { AssumeRoleCommand, type STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import type { LogDestination, LogRecord, LogRecordWriter } from '../../core/log-delivery';

/** PutLogEvents' limits: events per call, and bytes per call (each event counts its UTF-8 size plus 26). */
export const PUT_LOG_EVENTS_LIMITS = { events: 10_000, bytes: 1_048_576, overheadBytes: 26 } as const;
/** Sessions last an hour; credentials are renewed 5 minutes before they expire. */
const SESSION_SECONDS = 3600;
const RENEW_BEFORE_MS = 5 * 60_000;
const LOG_GROUP_ARN = /^arn:aws[\w-]*:logs:([a-z0-9-]+):[0-9]{12}:log-group:(.+):\*$/;

/** A log destination this writer cannot write to (not CloudWatch Logs, or a malformed ARN). */
export class UnsupportedLogDestinationError extends Error {
  public constructor(public readonly kind: string) {
    super(`CloudWatchLogsLogWriter writes CloudWatch Logs log groups only, not ${kind}`);
    this.name = 'UnsupportedLogDestinationError';
  }
}

/** Options of {@link CloudWatchLogsLogWriter}. */
export interface CloudWatchLogsLogWriterOptions {
  readonly sts: STSClient;
  /**
   * Builds a CloudWatch Logs client for a Region, acting with `credentials` (an assumed role's) or, without them, as
   * the function itself. Called once per Region and session.
   */
  readonly logsClient: (region: string, credentials?: AwsCredentialIdentity) => CloudWatchLogsClient;
  /** The log stream this process writes to in every group (one per container, so writers never share one). */
  readonly streamName: string;
  /** @default - Date.now */
  readonly now?: () => number;
}

/**
 * Writes log records to CloudWatch Logs log groups: as the destination's role when it names one (`sts:AssumeRole`
 * with its external id, the session reused until 5 minutes before it expires), else as the function; the stream is
 * created once per group (one that exists already is fine, one that was deleted is created again), and records go
 * in `PutLogEvents` calls within {@link PUT_LOG_EVENTS_LIMITS}. Failures reject (callers that must not fail catch).
 * @example
 * const writer = new CloudWatchLogsLogWriter({ sts: new STSClient({}), streamName: `mailwright/${randomUUID()}`,
 *   logsClient: (region, credentials) => new CloudWatchLogsClient({ region, credentials }) });
 */
export class CloudWatchLogsLogWriter implements LogRecordWriter {
  private readonly sessions = new Map<string, { client: CloudWatchLogsClient; renewAt: number }>();
  private readonly streams = new Set<string>();

  public constructor(private readonly options: CloudWatchLogsLogWriterOptions) {}

  public async write(destination: LogDestination, records: readonly LogRecord[]): Promise<void> {
    if (destination.kind !== 'CloudWatchLogs') throw new UnsupportedLogDestinationError(destination.kind);
    const match = LOG_GROUP_ARN.exec(destination.logGroupArn);
    if (!match) throw new UnsupportedLogDestinationError('a malformed log group ARN');
    if (records.length === 0) return;
    const [, region, logGroupName] = match;
    const client = await this.clientFor(region, destination.roleArn, destination.externalId);
    const timestamp = (this.options.now ?? Date.now)();
    const events = records.map((record) => ({ timestamp, message: JSON.stringify(record) }));
    for (const batch of batches(events)) await this.put(client, logGroupName, batch);
  }

  private async put(client: CloudWatchLogsClient, logGroupName: string, logEvents: InputLogEvent[]) {
    const { streamName: logStreamName } = this.options;
    const key = `${logGroupName}\0${logStreamName}`;
    const put = () => client.send(new PutLogEventsCommand({ logGroupName, logStreamName, logEvents }));
    if (!this.streams.has(key)) await this.createStream(client, logGroupName, key);
    try {
      await put();
    } catch (error) {
      // The stream was deleted since this process created it: create it again, once.
      if ((error as { name?: string }).name !== 'ResourceNotFoundException') throw error;
      this.streams.delete(key);
      await this.createStream(client, logGroupName, key);
      await put();
    }
  }

  private async createStream(client: CloudWatchLogsClient, logGroupName: string, key: string) {
    try {
      await client.send(new CreateLogStreamCommand({ logGroupName, logStreamName: this.options.streamName }));
    } catch (error) {
      if ((error as { name?: string }).name !== 'ResourceAlreadyExistsException') throw error;
    }
    this.streams.add(key);
  }

  private async clientFor(region: string, roleArn?: string, externalId?: string) {
    const now = (this.options.now ?? Date.now)();
    const key = `${region} ${roleArn ?? ''} ${externalId ?? ''}`;
    const session = this.sessions.get(key);
    if (session && session.renewAt > now) return session.client;
    if (!roleArn) {
      const client = this.options.logsClient(region);
      this.sessions.set(key, { client, renewAt: Number.POSITIVE_INFINITY });
      return client;
    }
    const { Credentials: credentials } = await this.options.sts.send(
      new AssumeRoleCommand({
        RoleArn: roleArn,
        RoleSessionName: 'mailwright-email-events',
        DurationSeconds: SESSION_SECONDS,
        ...(externalId ? { ExternalId: externalId } : {}),
      }),
    );
    if (!credentials?.AccessKeyId || !credentials.SecretAccessKey)
      throw new Error(`AssumeRole returned no credentials for ${roleArn}`);
    const expiresAt = credentials.Expiration?.getTime() ?? now + SESSION_SECONDS * 1000;
    const client = this.options.logsClient(region, {
      accessKeyId: credentials.AccessKeyId,
      secretAccessKey: credentials.SecretAccessKey,
      sessionToken: credentials.SessionToken,
      expiration: credentials.Expiration,
    });
    session?.client.destroy();
    this.sessions.set(key, { client, renewAt: expiresAt - RENEW_BEFORE_MS });
    return client;
  }
}

/** Splits events into PutLogEvents calls within the count and size limits. */
function batches(events: readonly InputLogEvent[]): InputLogEvent[][] {
  const result: InputLogEvent[][] = [];
  let current: InputLogEvent[] = [];
  let bytes = 0;
  for (const event of events) {
    const size = Buffer.byteLength(event.message ?? '', 'utf8') + PUT_LOG_EVENTS_LIMITS.overheadBytes;
    if (
      current.length > 0 &&
      (current.length === PUT_LOG_EVENTS_LIMITS.events || bytes + size > PUT_LOG_EVENTS_LIMITS.bytes)
    ) {
      result.push(current);
      current = [];
      bytes = 0;
    }
    current.push(event);
    bytes += size;
  }
  if (current.length > 0) result.push(current);
  return result;
}
