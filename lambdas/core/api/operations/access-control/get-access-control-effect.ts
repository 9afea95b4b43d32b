import { Type } from '@sinclair/typebox';
import { AccessControlPolicy } from '../../../access-control/access-control-policy';
import { isStrictAddress } from '../../../access-control/ip-ranges';
import { canonicalAction } from '../../../access-control/rules';
import { requireOrganization } from '../../../directory/guards';
import { resolveEntity } from '../../../directory/resolve-entity';
import { InvalidParameterException } from '../../errors';
import { defineOperation } from '../../operation';
import { OrganizationId, WorkMailIdentifier } from '../../shapes';
import { ImpersonationRoleId, RuleEffect, RuleName, unknownProtocol } from './shapes';

/** Protocols an impersonation role can use in Mailwright (WorkMail: EWS only). */
const ROLE_ACTIONS = new Set(['ews', 'jmap', 'imap']);

/**
 * GetAccessControlEffect: what the current rules decide for a user (or impersonation role), protocol and address,
 * with no propagation delay. IPv6 addresses are accepted too (a Mailwright extension).
 */
export const getAccessControlEffect = defineOperation({
  name: 'GetAccessControlEffect',
  service: 'WorkMailService',
  summary: 'Evaluates the access control rules for a simulated request.',
  input: Type.Object({
    OrganizationId,
    IpAddress: Type.String({ minLength: 1, maxLength: 45 }),
    Action: Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-zA-Z]+$' }),
    UserId: Type.Optional(WorkMailIdentifier),
    ImpersonationRoleId: Type.Optional(ImpersonationRoleId),
  }),
  output: Type.Object({ Effect: RuleEffect, MatchedRules: Type.Array(RuleName) }),
  errors: [
    'EntityNotFoundException',
    'InvalidParameterException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
    'ResourceNotFoundException',
  ],
  route: { method: 'POST', path: '/organizations/{OrganizationId}/access-control-effect' },
  mutating: false,
  handle: async (input, { deps }) => {
    if ((input.UserId === undefined) === (input.ImpersonationRoleId === undefined))
      throw new InvalidParameterException('Give exactly one of UserId and ImpersonationRoleId.');
    const action = input.Action.toLowerCase();
    if (!canonicalAction(action)) throw new InvalidParameterException(unknownProtocol(input.Action));
    if (input.ImpersonationRoleId !== undefined && !ROLE_ACTIONS.has(action))
      throw new InvalidParameterException(
        'Impersonation roles can only be tested with the EWS, JMAP or IMAP action.',
      );
    if (!isStrictAddress(input.IpAddress))
      throw new InvalidParameterException('IpAddress must be an IPv4 or IPv6 address.');
    await requireOrganization(deps, input.OrganizationId);
    const policy = new AccessControlPolicy(await deps.accessControlRules.list(input.OrganizationId));
    const request =
      input.UserId === undefined
        ? {
            action: input.Action,
            ipAddress: input.IpAddress,
            impersonationRoleId: input.ImpersonationRoleId as string,
          }
        : {
            action: input.Action,
            ipAddress: input.IpAddress,
            userId: (
              await resolveEntity(deps, input.OrganizationId, input.UserId, {
                forms: 'id',
                kinds: ['USER'],
                field: 'UserId',
              })
            ).entityId,
          };
    const { effect, matchedRules } = policy.effect(request);
    return { Effect: effect, MatchedRules: [...matchedRules] };
  },
});
