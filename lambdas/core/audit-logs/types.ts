import type { AccessControlAction } from '../access-control/types';
import type { LogDestination } from '../log-delivery';

/**
 * WorkMail's five audit log types (security-and-logging §5.3), by their CloudWatch Logs `logType` names. Each is
 * switched on separately per organization.
 */
export const AUDIT_LOG_TYPES = [
  'WORKMAIL_MAILBOX_ACCESS_LOGS',
  'ACCESS_CONTROL_LOGS',
  'AUTHENTICATION_LOGS',
  'WORKMAIL_PERSONAL_ACCESS_TOKEN_LOGS',
  'WORKMAIL_AVAILABILITY_PROVIDER_LOGS',
] as const;
export type AuditLogType = (typeof AUDIT_LOG_TYPES)[number];

/**
 * The `protocol` of mailbox access, access control and authentication records: WorkMail's nine values, where
 * Mailwright's own protocols keep the names access control rules give them (`JMAP`, `CalDAV`, CardDAV included):
 * neither is WorkMail's web application, so calling them `WebMail` would mislead an auditor.
 */
export type AuditProtocol = AccessControlAction | 'IncomingEmail' | 'OutgoingEmail';

/** What a mailbox access event says was done (§5.3 (a), the sixteen values). */
export type MailboxAction =
  | 'read'
  | 'read_hierarchy'
  | 'read_summary'
  | 'read_attachment'
  | 'read_permissions'
  | 'create'
  | 'update'
  | 'update_permissions'
  | 'update_read_state'
  | 'delete'
  | 'submit_email_for_sending'
  | 'abort_sending_email'
  | 'move'
  | 'move_to'
  | 'copy'
  | 'copy_to';

/** Who acts and from where: the fields every front end knows about its request. */
export interface RequestOrigin {
  /** @default - a new UUID */
  readonly requestId?: string;
  readonly sourceIp: string;
  /** The client's User-Agent (HTTP) or ID (IMAP), when it sent one. */
  readonly userAgent?: string;
}

/** One sign-in attempt (AUTHENTICATION_LOGS). */
export interface AuthenticationAttempt extends RequestOrigin {
  readonly organizationId: string;
  /** The user signed in, or the one the login named; absent when the login names nobody. */
  readonly userId?: string;
  /** The login the attempt used. */
  readonly user: string;
  readonly protocol: AuditProtocol;
  readonly successful: boolean;
  /** Why it failed (the sign-in refusal); only on failure. */
  readonly failedReason?: string;
  /** The personal access token the attempt used. */
  readonly personalAccessTokenId?: string;
}

/** Which rules an access control event reports on. */
export type AccessControlScope = 'AccessControl' | 'DeviceAccessControl' | 'ImpersonationAccessControl';

/** One rule evaluation (ACCESS_CONTROL_LOGS). */
export interface AccessControlEvaluation extends Omit<RequestOrigin, 'userAgent'> {
  readonly organizationId: string;
  readonly userId: string;
  /** The impersonation role an application acts through. */
  readonly impersonatorId?: string;
  readonly protocol: AuditProtocol;
  readonly scope: AccessControlScope;
  /** The rule that decided; absent when no rule matched. */
  readonly ruleId?: string;
  readonly accessGranted: boolean;
}

/** One attempted operation on a mailbox item or folder (WORKMAIL_MAILBOX_ACCESS_LOGS). */
export interface MailboxAccess extends RequestOrigin {
  readonly organizationId: string;
  readonly userId: string;
  readonly impersonatorId?: string;
  readonly protocol: AuditProtocol;
  readonly action: MailboxAction;
  /** The mailbox's owner. */
  readonly ownerId: string;
  readonly objectType: 'Folder' | 'Message' | 'Attachment';
  /** The message, or the message holding the attachment. */
  readonly itemId?: string;
  readonly folderId?: string;
  readonly folderPath?: string;
  readonly attachmentPath?: string;
  readonly allowed: boolean;
}

/** One attempt to create or delete a personal access token (WORKMAIL_PERSONAL_ACCESS_TOKEN_LOGS). */
export interface PersonalAccessTokenChange extends Partial<RequestOrigin> {
  readonly organizationId: string;
  /** Who acted: the token's user, or (an admin deleting it) the token's user too, since admins are not users. */
  readonly userId: string;
  /** The acting user's login name (primary address). */
  readonly user?: string;
  readonly action: 'create' | 'delete';
  readonly name: string;
  /** Epoch ms. */
  readonly expiresAt: number;
  readonly scopes: readonly string[];
}

/** One availability provider request (WORKMAIL_AVAILABILITY_PROVIDER_LOGS). */
export interface AvailabilityProviderCall {
  readonly requestId?: string;
  readonly organizationId: string;
  readonly userId: string;
  readonly domain: string;
  readonly provider:
    | { readonly type: 'LAMBDA'; readonly functionArn: string }
    | { readonly type: 'EWS'; readonly ewsEndpoint: string };
  /** Why it failed; absent on success. */
  readonly errorMessage?: string;
}

/** Where one of an organization's audit log types is delivered (Directory table, `ORG#<id> / AUDITLOG#<type>`). */
export interface AuditLogDelivery {
  readonly organizationId: string;
  readonly logType: AuditLogType;
  readonly destination: LogDestination;
  /** Epoch ms of the last put. */
  readonly updatedAt: number;
}
