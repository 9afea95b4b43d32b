import { Type } from '@sinclair/typebox';
import { EntityStateException } from '../../errors';
import { defineOperation } from '../../operation';
import { EntityIdentifier, OrganizationId } from '../../shapes';
import { assertNoCycle } from '../../../directory/membership';
import { groupIn, userOrGroupIn } from './entity-context';
import { NoOutput } from './entity-shapes';

/**
 * AssociateMemberToGroup: adds a user or a group (nesting) to a group; re-adding a member succeeds.
 * Primary course:
 * 1. Resolve the group and the member (id, e-mail or name); both must be ENABLED.
 * 2. For a group member, refuse a cycle (the member is the group or one of its parents).
 * 3. Write the membership and its mirror in one transaction.
 */
export const associateMemberToGroup = defineOperation({
  name: 'AssociateMemberToGroup',
  service: 'WorkMailService',
  summary: 'Adds a user or a group as a member of a group.',
  input: Type.Object({ OrganizationId, GroupId: EntityIdentifier, MemberId: EntityIdentifier }),
  output: NoOutput,
  errors: [
    'EntityNotFoundException',
    'EntityStateException',
    'InvalidParameterException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
  ],
  route: { method: 'PUT', path: '/organizations/{OrganizationId}/groups/{GroupId}/members/{MemberId}' },
  mutating: true,
  handle: async (input, ctx) => {
    const { OrganizationId: organizationId } = input;
    const group = await groupIn(ctx, organizationId, input.GroupId);
    const member = await userOrGroupIn(ctx, organizationId, input.MemberId, 'MemberId');
    if (group.state !== 'ENABLED' || member.state !== 'ENABLED') {
      throw new EntityStateException('Both the group and the member must be enabled.');
    }
    if (member.kind === 'GROUP')
      await assertNoCycle(ctx.deps, organizationId, group.entityId, member.entityId);
    await ctx.deps.entities.addMember(organizationId, group, {
      entityId: member.entityId,
      kind: member.kind,
    });
    return {};
  },
});
