import type { Operation } from '../../operation';
import { listAdminAuditEvents } from './list-admin-audit-events';

/** The audit trail of admin calls (a Mailwright extension; WorkMail has CloudTrail). */
export const adminAuditOperations: readonly Operation[] = [
  listAdminAuditEvents,
] as unknown as readonly Operation[];
