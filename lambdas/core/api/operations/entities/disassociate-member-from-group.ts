import { Type } from '@sinclair/typebox';
import { EntityStateException } from '../../errors';
import { defineOperation } from '../../operation';
import { EntityIdentifier, OrganizationId } from '../../shapes';
import { groupIn, userOrGroupIn } from './entity-context';
import { NoOutput } from './entity-shapes';

/** DisassociateMemberFromGroup: removes a direct member from a group (succeeds when it is not a member). */
export const disassociateMemberFromGroup = defineOperation({
  name: 'DisassociateMemberFromGroup',
  service: 'WorkMailService',
  summary: 'Removes a member from a group.',
  input: Type.Object({ OrganizationId, GroupId: EntityIdentifier, MemberId: EntityIdentifier }),
  output: NoOutput,
  errors: [
    'EntityNotFoundException',
    'EntityStateException',
    'InvalidParameterException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
  ],
  route: { method: 'DELETE', path: '/organizations/{OrganizationId}/groups/{GroupId}/members/{MemberId}' },
  mutating: true,
  handle: async (input, ctx) => {
    const { OrganizationId: organizationId } = input;
    const group = await groupIn(ctx, organizationId, input.GroupId);
    const member = await userOrGroupIn(ctx, organizationId, input.MemberId, 'MemberId');
    if (group.state === 'DELETED') throw new EntityStateException('The group is deleted.');
    await ctx.deps.entities.removeMember(organizationId, group.entityId, member.entityId);
    return {};
  },
});
