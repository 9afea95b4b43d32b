import type { LogRecord } from '../log-delivery';
import type {
  AccessControlEvaluation,
  AuthenticationAttempt,
  AvailabilityProviderCall,
  MailboxAccess,
  PersonalAccessTokenChange,
} from './types';

/**
 * The audit records of security-and-logging §5.3, field for field: snake_case names, optional fields left out (never
 * `null`) under the spec's rules, `event_timestamp` in epoch ms. Pure: the caller supplies the time, the request id
 * and the organization's ARN.
 */

/** What every record starts with. */
export interface RecordHeader {
  /** Epoch ms. */
  readonly timestamp: number;
  readonly requestId: string;
  readonly organizationArn: string;
}

const optional = <K extends string>(key: K, value: string | undefined) =>
  value === undefined ? {} : ({ [key]: value } as Record<K, string>);

function header(head: RecordHeader) {
  return {
    event_timestamp: head.timestamp,
    request_id: head.requestId,
    organization_arn: head.organizationArn,
  };
}

/**
 * An AUTHENTICATION_LOGS record: `auth_failed_reason` only on failure, `personal_access_token_id` only when a token
 * was used, `method` always `basic`.
 * @example
 * authenticationRecord(head, { organizationId, user: 'ana@example.com', protocol: 'IMAP', sourceIp, successful: true });
 */
export function authenticationRecord(head: RecordHeader, attempt: AuthenticationAttempt): LogRecord {
  return {
    ...header(head),
    ...optional('user_id', attempt.userId),
    protocol: attempt.protocol,
    source_ip: attempt.sourceIp,
    ...optional('user_agent', attempt.userAgent),
    user: attempt.user,
    method: 'basic',
    auth_successful: attempt.successful,
    ...(attempt.successful ? {} : { auth_failed_reason: attempt.failedReason ?? 'UNKNOWN' }),
    ...optional('personal_access_token_id', attempt.personalAccessTokenId),
  };
}

/**
 * An ACCESS_CONTROL_LOGS record: no `user_agent`; `rule_id` only when a rule matched, `impersonator_id` only for
 * impersonation.
 * @example
 * accessControlRecord(head, { organizationId, userId, protocol: 'JMAP', sourceIp, scope: 'AccessControl', accessGranted: true });
 */
export function accessControlRecord(head: RecordHeader, evaluation: AccessControlEvaluation): LogRecord {
  return {
    ...header(head),
    user_id: evaluation.userId,
    ...optional('impersonator_id', evaluation.impersonatorId),
    protocol: evaluation.protocol,
    source_ip: evaluation.sourceIp,
    scope: evaluation.scope,
    ...optional('rule_id', evaluation.ruleId),
    access_granted: evaluation.accessGranted,
  };
}

/**
 * A WORKMAIL_MAILBOX_ACCESS_LOGS record: `impersonator_id` only for impersonation; item, folder and attachment
 * fields only where the operation names them.
 * @example
 * mailboxAccessRecord(head, { …, action: 'read', objectType: 'Message', itemId, folderId, allowed: true });
 */
export function mailboxAccessRecord(head: RecordHeader, access: MailboxAccess): LogRecord {
  return {
    ...header(head),
    user_id: access.userId,
    ...optional('impersonator_id', access.impersonatorId),
    protocol: access.protocol,
    source_ip: access.sourceIp,
    ...optional('user_agent', access.userAgent),
    action: access.action,
    owner_id: access.ownerId,
    object_type: access.objectType,
    ...optional('item_id', access.itemId),
    ...optional('folder_path', access.folderPath),
    ...optional('folder_id', access.folderId),
    ...optional('attachment_path', access.attachmentPath),
    action_allowed: access.allowed,
  };
}

/**
 * A WORKMAIL_PERSONAL_ACCESS_TOKEN_LOGS record: `protocol` is always `webapp`; `expires_time` is ISO 8601.
 * Never the token's value.
 * @example
 * personalAccessTokenRecord(head, { organizationId, userId, action: 'create', name: 'laptop', expiresAt, scopes });
 */
export function personalAccessTokenRecord(head: RecordHeader, change: PersonalAccessTokenChange): LogRecord {
  return {
    ...header(head),
    user_id: change.userId,
    ...optional('source_ip', change.sourceIp),
    ...optional('user_agent', change.userAgent),
    ...optional('user', change.user),
    protocol: 'webapp',
    action: change.action,
    name: change.name,
    expires_time: new Date(change.expiresAt).toISOString(),
    scopes: [...change.scopes],
  };
}

/**
 * A WORKMAIL_AVAILABILITY_PROVIDER_LOGS record: `function_arn` only for LAMBDA, `ews_endpoint` only for EWS,
 * `error_message` only on failure.
 * @example
 * availabilityProviderRecord(head, { organizationId, userId, domain, provider: { type: 'LAMBDA', functionArn } });
 */
export function availabilityProviderRecord(head: RecordHeader, call: AvailabilityProviderCall): LogRecord {
  const { provider } = call;
  return {
    ...header(head),
    user_id: call.userId,
    type: provider.type,
    domain: call.domain,
    ...(provider.type === 'LAMBDA'
      ? { function_arn: provider.functionArn }
      : { ews_endpoint: provider.ewsEndpoint }),
    ...optional('error_message', call.errorMessage),
    availability_event_successful: call.errorMessage === undefined,
  };
}
