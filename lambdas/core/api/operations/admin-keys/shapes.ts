import { Type } from '@sinclair/typebox';
import type { AdminKey, AdminKeyScope } from '../../../auth/types';
import { AccessDeniedException, InvalidParameterException } from '../../errors';
import type { Principal } from '../../operation';
import { list, OrganizationId, pattern, Timestamp, toTimestamp } from '../../shapes';

/** Shapes and rules shared by the admin-key extension operations. */

export const AccessKeyId = pattern('AKMW[A-Z0-9]{16}', {
  minLength: 20,
  maxLength: 20,
  description: 'Admin access key id',
});
export const Description = Type.String({ maxLength: 256 });
/** The organizations a key is limited to; exclusive with AllOrganizations. */
export const OrganizationIds = list(OrganizationId, 1, 100);
/** True for a key that may act on every organization (and manage admin keys). */
export const AllOrganizations = Type.Boolean();

export const AdminKeySummary = Type.Object({
  AccessKeyId,
  Description: Type.Optional(Description),
  AllOrganizations,
  OrganizationIds: Type.Optional(Type.Array(OrganizationId)),
  State: Type.Union([Type.Literal('ACTIVE'), Type.Literal('REVOKED')]),
  CreatedAt: Timestamp,
  RevokedAt: Type.Optional(Timestamp),
  /** When a single sign-on key stops working on its own (others last until revoked). */
  ExpiresAt: Type.Optional(Timestamp),
});

/** Only an unscoped key may manage admin keys: a scoped one could otherwise widen its own scope. */
export function requireUnscoped(principal: Principal): void {
  if (principal.organizations !== '*') {
    throw new AccessDeniedException('Only an admin key scoped to all organizations may manage admin keys.');
  }
}

/** Reads the scope members of a request: exactly one of OrganizationIds or AllOrganizations=true. */
export function scopeOf(input: {
  readonly OrganizationIds?: readonly string[];
  readonly AllOrganizations?: boolean;
}): AdminKeyScope {
  const all = input.AllOrganizations === true;
  if (all === (input.OrganizationIds !== undefined)) {
    throw new InvalidParameterException('Give exactly one of OrganizationIds or AllOrganizations=true.');
  }
  return all ? '*' : [...new Set(input.OrganizationIds)];
}

/** The wire form of a key record (never its secret). */
export function toSummary(key: AdminKey) {
  return {
    AccessKeyId: key.accessKeyId,
    ...(key.description ? { Description: key.description } : {}),
    AllOrganizations: key.organizations === '*',
    ...(key.organizations === '*' ? {} : { OrganizationIds: [...key.organizations] }),
    State: key.state,
    CreatedAt: toTimestamp(key.createdAt),
    ...(key.revokedAt === undefined ? {} : { RevokedAt: toTimestamp(key.revokedAt) }),
    ...(key.expiresAt === undefined ? {} : { ExpiresAt: toTimestamp(key.expiresAt) }),
  };
}
