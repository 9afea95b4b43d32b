import type { OperationContext } from '../../operation';
import { resolveEntity } from '../../../directory/resolve-entity';
import type { Entity } from '../../../directory/types';
import { entityIn } from '../entities/entity-context';

/** Both entities of a permission request: the mailbox (`EntityId`) and the grantee (`GranteeId`). */
export interface PermissionParties {
  readonly mailbox: Entity;
  readonly grantee: Entity;
}

/**
 * Checks that the organization exists and is Active, then resolves `EntityId` and `GranteeId` in it: each a user,
 * group or resource named by id, name or e-mail (another organization's ids are not found).
 * @param ctx - the operation context
 * @param input - the request's OrganizationId, EntityId and GranteeId
 * @throws EntityNotFoundException when either names nothing in the organization
 * @example
 * const { mailbox, grantee } = await permissionParties(ctx, input);
 */
export async function permissionParties(
  ctx: OperationContext,
  input: { readonly OrganizationId: string; readonly EntityId: string; readonly GranteeId: string },
): Promise<PermissionParties> {
  const mailbox = await entityIn(ctx, input.OrganizationId, input.EntityId, {
    forms: 'id|name|email',
    field: 'EntityId',
  });
  const grantee = await resolveEntity(ctx.deps, input.OrganizationId, input.GranteeId, {
    forms: 'id|name|email',
    field: 'GranteeId',
  });
  return { mailbox, grantee };
}
