import { randomUUID } from 'node:crypto';
import type { LogRecord, LogRecordWriter } from '../log-delivery';
import type { MetricsRecorder } from '../metrics';
import type { AuditEvents, AuditLogDeliveryStore } from './ports';
import {
  accessControlRecord,
  authenticationRecord,
  availabilityProviderRecord,
  mailboxAccessRecord,
  personalAccessTokenRecord,
  type RecordHeader,
} from './records';
import type { AuditLogDelivery, AuditLogType } from './types';

/** How long an organization's deliveries are used before they are read again (a deletion applies within it). */
export const AUDIT_DELIVERY_CACHE_MS = 60_000;
/** Organizations whose deliveries are remembered at once; the oldest are forgotten first. */
const MAX_CACHED_ORGANIZATIONS = 10_000;

/** Where {@link AuditLog} reports its own failures (never with record content). */
export interface AuditLogLogger {
  error(message: string, fields: Record<string, unknown>): void;
}

/** What {@link AuditLog} needs. */
export interface AuditLogDeps {
  readonly deliveries: Pick<AuditLogDeliveryStore, 'list'>;
  readonly writer: LogRecordWriter;
  organizationArn(organizationId: string): string;
  /** The four access metrics, one data point per event. @default - none recorded */
  readonly metrics?: MetricsRecorder;
  readonly logger: AuditLogLogger;
  /** Epoch ms. @default Date.now */
  readonly now?: () => number;
}

/**
 * Writes an organization's audit records to the destination it configured per log type, and records the access
 * metrics. Primary course of each event:
 * 1. Record its metric (AuthenticationFailure, AccessDenied, ActionDenied, AvailabilityProviderFailure): 1 for a
 *    failure or denial, 0 otherwise; metrics do not depend on delivery.
 * 2. Look up the organization's deliveries (one Query, then cached for up to 60 s); none for this log type: stop,
 *    having built nothing.
 * 3. Build the record (records.ts) and write it through the LogRecordWriter.
 * Any failure in 2–3 is logged (log type and error name only) and swallowed: auditing never fails a request.
 * @example
 * const audit = new AuditLog({ deliveries, writer, organizationArn: (id) => organizationArn(settings, id), logger });
 * await audit.authentication({ organizationId, user: login, protocol: 'IMAP', sourceIp, successful: false, failedReason: 'INVALID_CREDENTIALS' });
 */
export class AuditLog implements AuditEvents {
  private readonly cache = new Map<
    string,
    { readonly until: number; readonly byType: Map<AuditLogType, AuditLogDelivery> }
  >();
  private readonly now: () => number;

  constructor(private readonly deps: AuditLogDeps) {
    this.now = deps.now ?? Date.now;
  }

  async authentication(attempt: Parameters<AuditEvents['authentication']>[0]): Promise<void> {
    this.deps.metrics?.count(attempt.organizationId, 'AuthenticationFailure', attempt.successful ? 0 : 1);
    await this.deliver(attempt.organizationId, 'AUTHENTICATION_LOGS', attempt.requestId, (head) =>
      authenticationRecord(head, attempt),
    );
  }

  async accessControl(evaluation: Parameters<AuditEvents['accessControl']>[0]): Promise<void> {
    this.deps.metrics?.count(evaluation.organizationId, 'AccessDenied', evaluation.accessGranted ? 0 : 1);
    await this.deliver(evaluation.organizationId, 'ACCESS_CONTROL_LOGS', evaluation.requestId, (head) =>
      accessControlRecord(head, evaluation),
    );
  }

  async mailboxAccess(accesses: Parameters<AuditEvents['mailboxAccess']>[0]): Promise<void> {
    const [first] = accesses;
    if (!first) return;
    for (const access of accesses) {
      this.deps.metrics?.count(access.organizationId, 'ActionDenied', access.allowed ? 0 : 1);
    }
    await this.deliver(first.organizationId, 'WORKMAIL_MAILBOX_ACCESS_LOGS', first.requestId, (head) =>
      accesses.map((access) => mailboxAccessRecord(head, access)),
    );
  }

  async personalAccessToken(change: Parameters<AuditEvents['personalAccessToken']>[0]): Promise<void> {
    await this.deliver(
      change.organizationId,
      'WORKMAIL_PERSONAL_ACCESS_TOKEN_LOGS',
      change.requestId,
      (head) => personalAccessTokenRecord(head, change),
    );
  }

  async availabilityProvider(call: Parameters<AuditEvents['availabilityProvider']>[0]): Promise<void> {
    this.deps.metrics?.count(
      call.organizationId,
      'AvailabilityProviderFailure',
      call.errorMessage === undefined ? 0 : 1,
    );
    await this.deliver(call.organizationId, 'WORKMAIL_AVAILABILITY_PROVIDER_LOGS', call.requestId, (head) =>
      availabilityProviderRecord(head, call),
    );
  }

  private async deliver(
    organizationId: string,
    logType: AuditLogType,
    requestId: string | undefined,
    build: (head: RecordHeader) => LogRecord | LogRecord[],
  ): Promise<void> {
    try {
      const delivery = (await this.deliveriesOf(organizationId)).get(logType);
      if (!delivery) return;
      const head = {
        timestamp: this.now(),
        requestId: requestId ?? randomUUID(),
        organizationArn: this.deps.organizationArn(organizationId),
      };
      const built = build(head);
      await this.deps.writer.write(delivery.destination, Array.isArray(built) ? built : [built]);
    } catch (error) {
      this.deps.logger.error('Audit record not delivered', {
        logType,
        error: error instanceof Error ? error.name : 'Unknown',
      });
    }
  }

  private async deliveriesOf(organizationId: string): Promise<Map<AuditLogType, AuditLogDelivery>> {
    const now = this.now();
    const cached = this.cache.get(organizationId);
    if (cached && cached.until > now) return cached.byType;
    const deliveries = await this.deps.deliveries.list(organizationId);
    const byType = new Map(deliveries.map((delivery) => [delivery.logType, delivery]));
    this.cache.delete(organizationId);
    if (this.cache.size >= MAX_CACHED_ORGANIZATIONS) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(organizationId, { until: now + AUDIT_DELIVERY_CACHE_MS, byType });
    return byType;
  }
}
