import { Type } from '@sinclair/typebox';
import { ACCESS_CONTROL_ACTIONS } from '../../../access-control/types';
import type { StoredAccessControlRule } from '../../../access-control/ports';
import { pattern, Timestamp, toTimestamp, WorkMailIdentifier } from '../../shapes';

/** Shapes of the access control rule operations (api-operations.md, "Access control rules"). */

export const RuleName = pattern('[a-zA-Z0-9_-]+', { minLength: 1, maxLength: 64 });
export const RuleEffect = Type.Union([Type.Literal('ALLOW'), Type.Literal('DENY')]);
export const RuleDescription = pattern('[\\u0020-\\u00FF]*', { maxLength: 255 });
/** WorkMail takes IPv4 CIDRs only; Mailwright takes IPv6 ones too (checked in core, not by the pattern). */
const IpRange = Type.String({ minLength: 1, maxLength: 43 });
export const IpRanges = Type.Array(IpRange, { maxItems: 1024 });
export const Actions = Type.Array(pattern('[a-zA-Z]+', { minLength: 1, maxLength: 64 }), { maxItems: 10 });
export const UserIds = Type.Array(WorkMailIdentifier, { maxItems: 10 });
export const ImpersonationRoleId = pattern('[a-zA-Z0-9_-]+', { minLength: 1, maxLength: 64 });
export const ImpersonationRoleIds = Type.Array(ImpersonationRoleId, { maxItems: 10 });

export const AccessControlRuleShape = Type.Object({
  Name: RuleName,
  Effect: RuleEffect,
  Description: RuleDescription,
  IpRanges: IpRanges,
  NotIpRanges: IpRanges,
  Actions: Actions,
  NotActions: Actions,
  UserIds: UserIds,
  NotUserIds: UserIds,
  ImpersonationRoleIds: ImpersonationRoleIds,
  NotImpersonationRoleIds: ImpersonationRoleIds,
  DateCreated: Type.Optional(Timestamp),
  DateModified: Type.Optional(Timestamp),
});

/** A stored rule as the API returns it; the implicit default rule of an untouched organization has no dates. */
export function toWire(rule: StoredAccessControlRule) {
  return {
    Name: rule.name,
    Effect: rule.effect,
    Description: rule.description,
    IpRanges: [...rule.ipRanges],
    NotIpRanges: [...rule.notIpRanges],
    Actions: [...rule.actions],
    NotActions: [...rule.notActions],
    UserIds: [...rule.userIds],
    NotUserIds: [...rule.notUserIds],
    ImpersonationRoleIds: [...rule.impersonationRoleIds],
    NotImpersonationRoleIds: [...rule.notImpersonationRoleIds],
    ...(rule.createdAt === 0
      ? {}
      : { DateCreated: toTimestamp(rule.createdAt), DateModified: toTimestamp(rule.modifiedAt) }),
  };
}

/** The refusal of a protocol name Mailwright does not know (it would match nothing). */
export function unknownProtocol(name: string): string {
  return `Unknown protocol ${name}; use one of ${ACCESS_CONTROL_ACTIONS.join(', ')}.`;
}
