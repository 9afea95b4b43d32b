import { Type } from '@sinclair/typebox';
import { checkAccessControlRule, type AccessControlRuleRefusal } from '../../../access-control/rules';
import { requireOrganization } from '../../../directory/guards';
import { resolveEntity } from '../../../directory/resolve-entity';
import { InvalidParameterException, LimitExceededException } from '../../errors';
import { defineOperation } from '../../operation';
import { OrganizationId } from '../../shapes';
import {
  Actions,
  ImpersonationRoleIds,
  IpRanges,
  RuleDescription,
  RuleEffect,
  RuleName,
  UserIds,
  unknownProtocol,
} from './shapes';

/**
 * PutAccessControlRule: creates a rule, or replaces the one with the same name. Protocol names must be ones
 * Mailwright knows, ranges CIDRs (IPv6 accepted too), user ids users of the organization.
 */
export const putAccessControlRule = defineOperation({
  name: 'PutAccessControlRule',
  service: 'WorkMailService',
  summary: 'Creates or replaces (by name) an access control rule of the organization.',
  input: Type.Object({
    OrganizationId,
    Name: RuleName,
    Effect: RuleEffect,
    Description: RuleDescription,
    IpRanges: Type.Optional(IpRanges),
    NotIpRanges: Type.Optional(IpRanges),
    Actions: Type.Optional(Actions),
    NotActions: Type.Optional(Actions),
    UserIds: Type.Optional(UserIds),
    NotUserIds: Type.Optional(UserIds),
    ImpersonationRoleIds: Type.Optional(ImpersonationRoleIds),
    NotImpersonationRoleIds: Type.Optional(ImpersonationRoleIds),
  }),
  output: Type.Object({}),
  errors: [
    'EntityNotFoundException',
    'InvalidParameterException',
    'LimitExceededException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
  ],
  route: { method: 'PUT', path: '/organizations/{OrganizationId}/access-control-rules/{Name}' },
  mutating: true,
  handle: async (input, { deps }) => {
    const checked = checkAccessControlRule({
      name: input.Name,
      effect: input.Effect,
      description: input.Description,
      actions: input.Actions ?? [],
      notActions: input.NotActions ?? [],
      ipRanges: input.IpRanges ?? [],
      notIpRanges: input.NotIpRanges ?? [],
      userIds: input.UserIds ?? [],
      notUserIds: input.NotUserIds ?? [],
      impersonationRoleIds: input.ImpersonationRoleIds ?? [],
      notImpersonationRoleIds: input.NotImpersonationRoleIds ?? [],
    });
    if (!checked.ok) throw new InvalidParameterException(describe(checked.refusal));
    await requireOrganization(deps, input.OrganizationId);
    // Users are stored by id, as resolved (ids of other organizations or kinds are not found).
    const resolve = async (ids: readonly string[], field: string) => {
      const resolved: string[] = [];
      for (const id of ids)
        resolved.push(
          (await resolveEntity(deps, input.OrganizationId, id, { forms: 'id', kinds: ['USER'], field }))
            .entityId,
        );
      return resolved;
    };
    const rule = {
      ...checked.rule,
      userIds: await resolve(checked.rule.userIds, 'UserIds'),
      notUserIds: await resolve(checked.rule.notUserIds, 'NotUserIds'),
    };
    const outcome = await deps.accessControlRules.put(input.OrganizationId, rule, deps.clock().getTime());
    if (outcome === 'LIMIT_EXCEEDED')
      throw new LimitExceededException('The organization already has 10 access control rules.');
    return {};
  },
});

function describe(refusal: AccessControlRuleRefusal): string {
  return refusal.type === 'unknownAction'
    ? unknownProtocol(refusal.action)
    : `${refusal.field}: ${refusal.cidr} is not a CIDR range (e.g. 192.0.2.0/24 or 2001:db8::/32).`;
}
