import type { DeliveryLogger } from '../delivery/ports';
import type { LogRecordWriter } from '../log-delivery';
import type { EmailMonitoringConfigurationStore } from './ports';
import type { EmailEvent, EmailMonitoringConfiguration, OrganizationEmailEvent } from './types';

/** How long a configuration (or its absence) is trusted: deleting one stops logging within this time. */
export const CONFIGURATION_CACHE_MS = 60_000;
/** Organizations whose configuration is cached at once; beyond it the cache starts afresh. */
const MAX_CACHED = 10_000;

/** What {@link EmailEventLog} needs. */
export interface EmailEventLogDeps {
  readonly configurations: Pick<EmailMonitoringConfigurationStore, 'get'>;
  /** CloudWatch Logs in the cloud, JSON-lines files locally. */
  readonly writer: LogRecordWriter;
  /** The operational log (redacted): failures are reported there, with event names and the error's name only. */
  readonly logger: DeliveryLogger;
  /** @default - Date.now */
  readonly now?: () => number;
  /** @default - {@link CONFIGURATION_CACHE_MS}; at most that */
  readonly cacheMs?: number;
}

/**
 * Writes organizations' email events (security-and-logging §5.1) to the log group each one configured. An
 * organization without a configuration costs one read per {@link CONFIGURATION_CACHE_MS} and writes nothing. Writing
 * never fails and never throws: mail flow goes on whatever happens to the log (a failure is reported in the
 * operational log without addresses or subjects).
 * @example
 * const events = new EmailEventLog({ configurations, writer, logger });
 * await events.write(organizationId, traceId, [{ eventName: 'JOURNALING_INITIATED', journalingAddress }]);
 */
export class EmailEventLog {
  private readonly cache = new Map<
    string,
    { until: number; value: Promise<EmailMonitoringConfiguration | undefined> }
  >();

  public constructor(private readonly deps: EmailEventLogDeps) {}

  /**
   * Appends the events of one organization, in order, under one trace.
   * @param traceId - see `emailTraceId`
   */
  public async write(organizationId: string, traceId: string, events: readonly EmailEvent[]): Promise<void> {
    if (events.length === 0) return;
    try {
      const configuration = await this.configuration(organizationId);
      if (!configuration) return;
      const destination = {
        kind: 'CloudWatchLogs',
        logGroupArn: configuration.logGroupArn,
        ...(configuration.roleArn ? { roleArn: configuration.roleArn, externalId: organizationId } : {}),
      } as const;
      await this.deps.writer.write(
        destination,
        events.map((event) => ({ traceId, event })),
      );
    } catch (error) {
      this.deps.logger.warn('Email event log records could not be written', {
        organizationId,
        events: events.map((event) => event.eventName),
        error: error instanceof Error ? error.name : 'Unknown',
      });
    }
  }

  /**
   * Writes events of several organizations under one trace, each to its own organization's log.
   * @example
   * await events.writeAll(traceId, [{ organizationId, event }]);
   */
  public async writeAll(traceId: string, events: readonly OrganizationEmailEvent[]): Promise<void> {
    const byOrganization = new Map<string, EmailEvent[]>();
    for (const { organizationId, event } of events)
      byOrganization.set(organizationId, [...(byOrganization.get(organizationId) ?? []), event]);
    await Promise.all(
      [...byOrganization].map(([organizationId, list]) => this.write(organizationId, traceId, list)),
    );
  }

  private configuration(organizationId: string): Promise<EmailMonitoringConfiguration | undefined> {
    const now = (this.deps.now ?? Date.now)();
    const cached = this.cache.get(organizationId);
    if (cached && cached.until > now) return cached.value;
    if (this.cache.size >= MAX_CACHED) this.cache.clear();
    const ttl = Math.min(this.deps.cacheMs ?? CONFIGURATION_CACHE_MS, CONFIGURATION_CACHE_MS);
    const value = this.deps.configurations.get(organizationId);
    this.cache.set(organizationId, { until: now + ttl, value });
    // A failed read is not remembered: the next message asks again.
    value.catch(() => this.cache.delete(organizationId));
    return value;
  }
}
