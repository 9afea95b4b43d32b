import { Type } from '@sinclair/typebox';
import { EntityStateException, InvalidParameterException } from '../../errors';
import { defineOperation } from '../../operation';
import { EntityIdentifier, OrganizationId, PermissionType } from '../../shapes';
import { hasMailbox } from '../../../directory/mailbox-owner';
import { normalizePermissionValues } from '../../../permissions/permission-values';
import { NoOutput } from '../entities/entity-shapes';
import { permissionParties } from './permission-context';

/**
 * PutMailboxPermissions: replaces what a grantee holds on a mailbox (an empty list removes the grant). FULL_ACCESS
 * needs a mailbox to open, so a group (or a remote user) cannot be its target; an entity is never its own grantee.
 */
export const putMailboxPermissions = defineOperation({
  name: 'PutMailboxPermissions',
  service: 'WorkMailService',
  summary: "Replaces a grantee's permissions on the mailbox of a user, group or resource.",
  input: Type.Object({
    OrganizationId,
    EntityId: EntityIdentifier,
    GranteeId: EntityIdentifier,
    PermissionValues: Type.Array(PermissionType),
  }),
  output: NoOutput,
  errors: [
    'EntityNotFoundException',
    'EntityStateException',
    'InvalidParameterException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
  ],
  route: {
    method: 'PUT',
    path: '/organizations/{OrganizationId}/entities/{EntityId}/permissions/{GranteeId}',
  },
  mutating: true,
  handle: async (input, ctx) => {
    const { mailbox, grantee } = await permissionParties(ctx, input);
    const values = normalizePermissionValues(input.PermissionValues);
    if (mailbox.entityId === grantee.entityId) {
      throw new InvalidParameterException('An entity cannot be granted permissions on its own mailbox.');
    }
    if (values.includes('FULL_ACCESS') && !hasMailbox(mailbox)) {
      throw new InvalidParameterException(
        'FULL_ACCESS can only be granted on the mailbox of a user or resource.',
      );
    }
    if (mailbox.state === 'DELETED' || grantee.state === 'DELETED') {
      throw new EntityStateException('The entity and the grantee must not be deleted.');
    }
    const stored = await ctx.deps.mailboxPermissions.putPermissions({
      organizationId: input.OrganizationId,
      mailboxId: mailbox.entityId,
      granteeId: grantee.entityId,
      granteeKind: grantee.kind,
      values,
    });
    if (!stored) throw new EntityStateException('The entity or the grantee has been deleted.');
    return {};
  },
});
