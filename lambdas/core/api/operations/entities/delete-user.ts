import { Type } from '@sinclair/typebox';
import { defineOperation } from '../../operation';
import { EntityIdentifier, OrganizationId } from '../../shapes';
import { deleteEntity } from '../../../directory/entities';
import { entityIn } from './entity-context';
import { NoOutput } from './entity-shapes';

/**
 * DeleteUser: deletes a DISABLED user permanently; its name becomes free, its mailbox key is destroyed and its
 * personal access tokens are deleted (a retry after a failure completes what is left).
 */
export const deleteUser = defineOperation({
  name: 'DeleteUser',
  service: 'WorkMailService',
  summary: 'Deletes a disabled user and destroys its mailbox.',
  input: Type.Object({ OrganizationId, UserId: EntityIdentifier }),
  output: NoOutput,
  errors: [
    'EntityNotFoundException',
    'EntityStateException',
    'InvalidParameterException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
  ],
  route: { method: 'DELETE', path: '/organizations/{OrganizationId}/users/{UserId}' },
  mutating: true,
  handle: async (input, ctx) => {
    const user = await entityIn(ctx, input.OrganizationId, input.UserId, {
      forms: 'id|name',
      kinds: ['USER'],
      field: 'UserId',
    });
    await deleteEntity(ctx.deps, user);
    await ctx.deps.personalAccessTokens.deleteUserTokens(input.OrganizationId, user.entityId);
    return {};
  },
});
