export { AUDIT_DELIVERY_CACHE_MS, AuditLog } from './audit-log';
export type { AuditLogDeps, AuditLogLogger } from './audit-log';
export { auditDestinationOf, destinationArnOf } from './destination-arn';
export { reportMailboxAccess } from './mailbox-access';
export type { MailboxOperation } from './mailbox-access';
export type { DestinationOwner, DestinationReading } from './destination-arn';
export type { AuditEvents, AuditLogDeliveryStore } from './ports';
export {
  accessControlRecord,
  authenticationRecord,
  availabilityProviderRecord,
  mailboxAccessRecord,
  personalAccessTokenRecord,
} from './records';
export type { RecordHeader } from './records';
export { AUDIT_LOG_TYPES } from './types';
export type {
  AccessControlEvaluation,
  AccessControlScope,
  AuditLogDelivery,
  AuditLogType,
  AuditProtocol,
  AuthenticationAttempt,
  AvailabilityProviderCall,
  MailboxAccess,
  MailboxAction,
  PersonalAccessTokenChange,
  RequestOrigin,
} from './types';
