import { Type } from '@sinclair/typebox';
import { EntityStateException } from '../../errors';
import { defineOperation } from '../../operation';
import { EntityIdentifier, OrganizationId } from '../../shapes';
import { NoOutput } from '../entities/entity-shapes';
import { permissionParties } from './permission-context';

/** DeleteMailboxPermissions: removes what a grantee holds on a mailbox; succeeds when it holds nothing. */
export const deleteMailboxPermissions = defineOperation({
  name: 'DeleteMailboxPermissions',
  service: 'WorkMailService',
  summary: "Removes a grantee's permissions on the mailbox of a user, group or resource.",
  input: Type.Object({ OrganizationId, EntityId: EntityIdentifier, GranteeId: EntityIdentifier }),
  output: NoOutput,
  errors: [
    'EntityNotFoundException',
    'EntityStateException',
    'InvalidParameterException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
  ],
  route: {
    method: 'DELETE',
    path: '/organizations/{OrganizationId}/entities/{EntityId}/permissions/{GranteeId}',
  },
  mutating: true,
  handle: async (input, ctx) => {
    const { mailbox, grantee } = await permissionParties(ctx, input);
    if (mailbox.state === 'DELETED') throw new EntityStateException('The entity is deleted.');
    await ctx.deps.mailboxPermissions.deletePermissions(
      input.OrganizationId,
      mailbox.entityId,
      grantee.entityId,
    );
    return {};
  },
});
