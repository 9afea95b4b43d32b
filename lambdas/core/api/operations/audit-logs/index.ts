import type { Operation } from '../../operation';
import { deleteAuditLogDelivery } from './delete-audit-log-delivery';
import { describeAuditLogDelivery } from './describe-audit-log-delivery';
import { listAuditLogDeliveries } from './list-audit-log-deliveries';
import { putAuditLogDelivery } from './put-audit-log-delivery';

export { deleteAuditLogDelivery } from './delete-audit-log-delivery';
export { describeAuditLogDelivery } from './describe-audit-log-delivery';
export { listAuditLogDeliveries } from './list-audit-log-deliveries';
export { putAuditLogDelivery } from './put-audit-log-delivery';

/** The audit log delivery operations of the catalog (Mailwright extensions, `MailwrightService.<Action>`). */
export const auditLogOperations: readonly Operation[] = [
  putAuditLogDelivery,
  describeAuditLogDelivery,
  deleteAuditLogDelivery,
  listAuditLogDeliveries,
] as unknown as readonly Operation[];
