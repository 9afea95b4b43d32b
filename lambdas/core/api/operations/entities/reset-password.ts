import { Type } from '@sinclair/typebox';
import { EntityStateException } from '../../errors';
import { defineOperation } from '../../operation';
import { OrganizationId, Password, WorkMailIdentifier } from '../../shapes';
import { assertPasswordPolicy, hashPassword } from '../../../directory/passwords';
import { entityIn } from './entity-context';
import { NoOutput } from './entity-shapes';

/** ResetPassword: an admin sets a user's password; only a slow salted hash is stored. */
export const resetPassword = defineOperation({
  name: 'ResetPassword',
  service: 'WorkMailService',
  summary: "Sets a user's password.",
  input: Type.Object({ OrganizationId, UserId: WorkMailIdentifier, Password }),
  output: NoOutput,
  errors: [
    'EntityNotFoundException',
    'EntityStateException',
    'InvalidParameterException',
    'InvalidPasswordException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
  ],
  route: { method: 'PUT', path: '/organizations/{OrganizationId}/users/{UserId}/password' },
  mutating: true,
  handle: async (input, ctx) => {
    const user = await entityIn(ctx, input.OrganizationId, input.UserId, {
      forms: 'id',
      kinds: ['USER'],
      field: 'UserId',
    });
    if (user.state === 'DELETED') throw new EntityStateException('The user is deleted.');
    assertPasswordPolicy(input.Password);
    await ctx.deps.entities.updateEntity(input.OrganizationId, user.entityId, {
      passwordHash: await hashPassword(input.Password),
    });
    return {};
  },
});
