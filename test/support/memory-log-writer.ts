import type { LogDestination, LogRecord, LogRecordWriter } from '../../lambdas/core/log-delivery';
import type { EmailMonitoringConfigurationStore } from '../../lambdas/core/email-events';
import type { EmailMonitoringConfiguration } from '../../lambdas/core/email-events';

/** A {@link LogRecordWriter} that keeps every write, and can be made to fail. */
export class MemoryLogWriter implements LogRecordWriter {
  readonly writes: { destination: LogDestination; records: readonly LogRecord[] }[] = [];
  failWith?: Error;

  async write(destination: LogDestination, records: readonly LogRecord[]): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.writes.push({ destination, records });
  }

  /** Every record written, in order. */
  records(): LogRecord[] {
    return this.writes.flatMap((write) => write.records);
  }
}

/** Email monitoring configurations in a map, counting reads. */
export class MemoryEmailMonitoringStore implements EmailMonitoringConfigurationStore {
  readonly items = new Map<string, EmailMonitoringConfiguration>();
  reads = 0;

  async get(organizationId: string): Promise<EmailMonitoringConfiguration | undefined> {
    this.reads++;
    return this.items.get(organizationId);
  }

  async put(configuration: EmailMonitoringConfiguration): Promise<void> {
    this.items.set(configuration.organizationId, configuration);
  }

  async delete(organizationId: string): Promise<void> {
    this.items.delete(organizationId);
  }

  /** Configures `organizationId` to log to `/aws/workmail/emailevents/<name>`. */
  enable(organizationId: string, name = 'test'): void {
    this.items.set(organizationId, {
      organizationId,
      logGroupArn: `arn:aws:logs:eu-west-1:111122223333:log-group:/aws/workmail/emailevents/${name}:*`,
      updatedAt: 0,
    });
  }
}
