import { Type } from '@sinclair/typebox';
import { impersonationEffect } from '../../../access-control/impersonation-policy';
import { resolveEntity } from '../../../directory/resolve-entity';
import { issueRoleToken } from '../../../impersonation/role-tokens';
import { defineOperation } from '../../operation';
import { EntityIdentifier, OrganizationId } from '../../shapes';
import { RoleId, RoleName, RoleType, requireRole } from './shapes';

/** GetImpersonationRoleEffect: whether the role reaches `TargetUser` under its current rules, and which rules decided. */
export const getImpersonationRoleEffect = defineOperation({
  name: 'GetImpersonationRoleEffect',
  service: 'WorkMailService',
  summary: "Tests an impersonation role's rules against a target user.",
  input: Type.Object({ OrganizationId, ImpersonationRoleId: RoleId, TargetUser: EntityIdentifier }),
  output: Type.Object({
    Type: RoleType,
    Effect: Type.Union([Type.Literal('ALLOW'), Type.Literal('DENY')]),
    MatchedRules: Type.Array(Type.Object({ ImpersonationRuleId: RoleId, Name: Type.Optional(RoleName) })),
  }),
  errors: [
    'EntityNotFoundException',
    'EntityStateException',
    'InvalidParameterException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
    'ResourceNotFoundException',
  ],
  route: {
    method: 'POST',
    path: '/organizations/{OrganizationId}/impersonation-roles/{ImpersonationRoleId}/effect',
  },
  mutating: false,
  handle: async (input, { deps }) => {
    const role = await requireRole(deps, input.OrganizationId, input.ImpersonationRoleId);
    const target = await resolveEntity(deps, input.OrganizationId, input.TargetUser, {
      forms: 'id|name|email',
      kinds: ['USER'],
      field: 'TargetUser',
    });
    const identifiers = [
      target.entityId,
      target.name,
      ...(target.email ? [target.email] : []),
      ...target.aliases,
    ];
    const { effect, matchedRules } = impersonationEffect(role.rules, identifiers);
    return {
      Type: role.type,
      Effect: effect,
      MatchedRules: matchedRules.map(({ ruleId, name }) => ({
        ImpersonationRuleId: ruleId,
        ...(name === undefined ? {} : { Name: name }),
      })),
    };
  },
});

/**
 * AssumeImpersonationRole: a token for the role, accepted for 15 minutes. An application signs in to IMAP or JMAP
 * with the target user's address as the login and the token as the password (docs/impersonation.md).
 */
export const assumeImpersonationRole = defineOperation({
  name: 'AssumeImpersonationRole',
  service: 'WorkMailService',
  summary: 'Issues a 15-minute token for an impersonation role.',
  input: Type.Object({ OrganizationId, ImpersonationRoleId: RoleId }),
  output: Type.Object({ Token: Type.String({ minLength: 1, maxLength: 256 }), ExpiresIn: Type.Integer() }),
  errors: [
    'InvalidParameterException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
    'ResourceNotFoundException',
  ],
  route: {
    method: 'POST',
    path: '/organizations/{OrganizationId}/impersonation-roles/{ImpersonationRoleId}/tokens',
  },
  mutating: true,
  handle: async (input, { deps }) => {
    const role = await requireRole(deps, input.OrganizationId, input.ImpersonationRoleId);
    const issued = await issueRoleToken(
      deps.impersonation,
      input.OrganizationId,
      role.roleId,
      deps.clock().getTime(),
    );
    return { Token: issued.token, ExpiresIn: issued.expiresInSeconds };
  },
});
