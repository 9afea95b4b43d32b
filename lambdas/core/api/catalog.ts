import type { Operation, ServiceName } from './operation';
import { adminKeyOperations } from './operations/admin-keys';
import { availabilityOperations } from './operations/availability';
import { entityOperations } from './operations/entities';
import { flowRuleOperations } from './operations/flow-rules';
import { mailboxOperations } from './operations/mailboxes';
import { mailboxExportOperations } from './operations/mailbox-export';
import { mailboxPermissionOperations } from './operations/mailbox-permissions';
import { messageFlowOperations } from './operations/message-flow';
import { organizationOperations } from './operations/organizations';
import { personalAccessTokenOperations } from './operations/personal-access-tokens';
import { journalingOperations } from './operations/journaling';
import { emailMonitoringOperations } from './operations/email-monitoring';
import { accessControlOperations } from './operations/access-control';
import { mobileDeviceAccessOperations } from './operations/mobile-device-access';
import { impersonationOperations } from './operations/impersonation';
import { adminAuditOperations } from './operations/admin-audit';
import { retentionOperations } from './operations/retention';
import { auditLogOperations } from './operations/audit-logs';
import { identityProviderOperations } from './operations/identity-provider';

/** Every admin operation Mailwright serves, WorkMail's and its own extensions. Transports are generated from it. */
export const catalog: readonly Operation[] = [
  ...organizationOperations,
  ...entityOperations,
  ...mailboxPermissionOperations,
  ...personalAccessTokenOperations,
  ...adminKeyOperations,
  ...flowRuleOperations,
  ...mailboxOperations,
  ...messageFlowOperations,
  ...journalingOperations,
  ...emailMonitoringOperations,
  ...retentionOperations,
  ...mailboxExportOperations,
  ...accessControlOperations,
  ...mobileDeviceAccessOperations,
  ...impersonationOperations,
  ...adminAuditOperations,
  ...availabilityOperations,
  ...auditLogOperations,
  ...identityProviderOperations,
];

const byTarget = new Map(catalog.map((operation) => [`${operation.service}.${operation.name}`, operation]));

/** Finds the operation an `X-Amz-Target` header names. */
export function findOperation(service: ServiceName | string, name: string): Operation | undefined {
  return byTarget.get(`${service}.${name}`);
}
