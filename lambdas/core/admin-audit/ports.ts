import type { AdminAuditEvent } from './types';

/** Where admin calls are recorded (directory table). Adapter: DynamoDbAdminAuditLog. */
export interface AdminAuditLog {
  record(event: AdminAuditEvent): Promise<void>;
  /** One page of an organization's events (or the account's, with `undefined`) in a time range, newest first. */
  list(
    organizationId: string | undefined,
    range: { readonly from: number; readonly to: number },
    request: { readonly limit: number; readonly cursor?: Record<string, unknown> },
  ): Promise<{ readonly items: AdminAuditEvent[]; readonly cursor?: Record<string, unknown> }>;
}
