import { Type } from '@sinclair/typebox';
import type { ImpersonationRule } from '../../../access-control/types';
import { requireOrganization } from '../../../directory/guards';
import type { ImpersonationRole } from '../../../impersonation/types';
import type { ApiDeps } from '../../deps';
import { ResourceNotFoundException } from '../../errors';
import { EntityIdentifier, pattern, Timestamp, toTimestamp } from '../../shapes';

/** Shapes of the impersonation role operations (api-operations.md, "Impersonation roles"). */

export const RoleId = pattern('[a-zA-Z0-9_-]+', { minLength: 1, maxLength: 64 });
export const RoleName = pattern('[^\\x00-\\x1F\\x7F\\x3C\\x3E\\x5C]+', { minLength: 1, maxLength: 64 });
export const RoleDescription = pattern('[^\\x00-\\x09\\x0B\\x0C\\x0E-\\x1F\\x7F\\x3C\\x3E\\x5C]+', {
  minLength: 1,
  maxLength: 256,
});
export const RoleType = Type.Union([Type.Literal('FULL_ACCESS'), Type.Literal('READ_ONLY')]);
const Targets = Type.Optional(Type.Array(EntityIdentifier, { minItems: 1, maxItems: 10 }));

export const RuleShape = Type.Object({
  ImpersonationRuleId: RoleId,
  Name: Type.Optional(RoleName),
  Description: Type.Optional(RoleDescription),
  Effect: Type.Union([Type.Literal('ALLOW'), Type.Literal('DENY')]),
  TargetUsers: Targets,
  NotTargetUsers: Targets,
});
export const Rules = Type.Array(RuleShape, { maxItems: 10 });

type WireRule = {
  readonly ImpersonationRuleId: string;
  readonly Name?: string;
  readonly Description?: string;
  readonly Effect: 'ALLOW' | 'DENY';
  readonly TargetUsers?: readonly string[];
  readonly NotTargetUsers?: readonly string[];
};

export function toRules(rules: readonly WireRule[]): ImpersonationRule[] {
  return rules.map((rule) => ({
    ruleId: rule.ImpersonationRuleId,
    ...(rule.Name === undefined ? {} : { name: rule.Name }),
    ...(rule.Description === undefined ? {} : { description: rule.Description }),
    effect: rule.Effect,
    targetUsers: rule.TargetUsers ?? [],
    notTargetUsers: rule.NotTargetUsers ?? [],
  }));
}

export function rulesToWire(rules: readonly ImpersonationRule[]) {
  return rules.map((rule) => ({
    ImpersonationRuleId: rule.ruleId,
    ...(rule.name === undefined ? {} : { Name: rule.name }),
    ...(rule.description === undefined ? {} : { Description: rule.description }),
    Effect: rule.effect,
    ...(rule.targetUsers.length > 0 ? { TargetUsers: [...rule.targetUsers] } : {}),
    ...(rule.notTargetUsers.length > 0 ? { NotTargetUsers: [...rule.notTargetUsers] } : {}),
  }));
}

export const RoleSummary = Type.Object({
  ImpersonationRoleId: RoleId,
  Name: RoleName,
  Type: RoleType,
  DateCreated: Timestamp,
  DateModified: Timestamp,
});

export function roleSummary(role: ImpersonationRole) {
  return {
    ImpersonationRoleId: role.roleId,
    Name: role.name,
    Type: role.type,
    DateCreated: toTimestamp(role.createdAt),
    DateModified: toTimestamp(role.modifiedAt),
  };
}

/** The role an operation names, in an organization that must exist: ResourceNotFoundException when there is none. */
export async function requireRole(
  deps: ApiDeps,
  organizationId: string,
  roleId: string,
): Promise<ImpersonationRole> {
  await requireOrganization(deps, organizationId);
  const role = await deps.impersonation.getRole(organizationId, roleId);
  if (!role) throw new ResourceNotFoundException(`No impersonation role ${roleId}.`);
  return role;
}
