import type {
  AccessControlEvaluation,
  AuditLogDelivery,
  AuditLogType,
  AuthenticationAttempt,
  AvailabilityProviderCall,
  MailboxAccess,
  PersonalAccessTokenChange,
} from './types';

/**
 * Each organization's audit log deliveries, one per log type (Directory table, `ORG#<orgId> / AUDITLOG#<type>`).
 * Adapter: DynamoDbAuditLogDeliveryStore.
 */
export interface AuditLogDeliveryStore {
  /** Every delivery of the organization (at most five: one Query). */
  list(organizationId: string): Promise<AuditLogDelivery[]>;
  /** The delivery of one log type; `undefined` when that type is off. */
  get(organizationId: string, logType: AuditLogType): Promise<AuditLogDelivery | undefined>;
  /** Replaces the delivery of its log type. */
  put(delivery: AuditLogDelivery): Promise<void>;
  /** Switches a log type off; false when it was off. */
  delete(organizationId: string, logType: AuditLogType): Promise<boolean>;
}

/**
 * What sign-in, the protocol front ends, token management and availability report. Every method resolves, never
 * rejects: an audit failure is logged and never fails the request. Implementation: {@link AuditLog}.
 * @example
 * await audit.mailboxAccess([{ organizationId, userId, protocol: 'IMAP', sourceIp, action: 'read', … }]);
 */
export interface AuditEvents {
  authentication(attempt: AuthenticationAttempt): Promise<void>;
  accessControl(evaluation: AccessControlEvaluation): Promise<void>;
  /** Reports the operations of one request together (one write); all of one user, so of one organization. */
  mailboxAccess(accesses: readonly MailboxAccess[]): Promise<void>;
  personalAccessToken(change: PersonalAccessTokenChange): Promise<void>;
  availabilityProvider(call: AvailabilityProviderCall): Promise<void>;
}
