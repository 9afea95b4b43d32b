import type { AdminAuditLog } from '../../lambdas/core/admin-audit/ports';
import type { AdminAuditEvent } from '../../lambdas/core/admin-audit/types';

/** The admin audit log in memory, for unit suites without DynamoDB: what was recorded, in order. */
export class MemoryAdminAuditLog implements AdminAuditLog {
  readonly events: AdminAuditEvent[] = [];

  async record(event: AdminAuditEvent): Promise<void> {
    this.events.push(event);
  }

  async list(organizationId: string | undefined, range: { from: number; to: number }) {
    const items = this.events
      .filter(
        (event) =>
          event.organizationId === organizationId && event.time >= range.from && event.time <= range.to,
      )
      .reverse();
    return { items };
  }
}
