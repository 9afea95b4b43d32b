import type { AdminAuditEvent } from './types';

/** Members recorded as the call's resources: identifiers, never credentials or content. */
const IDENTIFIER = /(Id|Name|Arn)$/;
const SECRET = /Password|Secret|Token/i;
const MAX_VALUE_LENGTH = 256;

/**
 * The audit event of one call, from its raw input (recorded even when the input was invalid).
 * @example
 * auditEvent({ time, requestId, accessKeyId, action: 'WorkMailService.DeleteUser', sourceIp }, input, 'Success');
 */
export function auditEvent(
  call: Omit<AdminAuditEvent, 'resources' | 'outcome' | 'organizationId'>,
  rawInput: unknown,
  outcome: string,
): AdminAuditEvent {
  const members =
    rawInput !== null && typeof rawInput === 'object' ? (rawInput as Record<string, unknown>) : {};
  const resources: Record<string, string> = {};
  for (const [name, value] of Object.entries(members))
    if (IDENTIFIER.test(name) && !SECRET.test(name) && name !== 'OrganizationId' && typeof value === 'string')
      resources[name] = value.slice(0, MAX_VALUE_LENGTH);
  const organizationId = typeof members.OrganizationId === 'string' ? members.OrganizationId : undefined;
  return { ...call, ...(organizationId ? { organizationId } : {}), resources, outcome };
}
