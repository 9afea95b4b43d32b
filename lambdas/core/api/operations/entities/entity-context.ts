import { InvalidParameterException } from '../../errors';
import type { OperationContext } from '../../operation';
import { requireOrganization } from '../../../directory/guards';
import { resolveEntity, type ResolveOptions } from '../../../directory/resolve-entity';
import type { EntityFilter } from '../../../directory/ports';
import type { Entity, EntityState } from '../../../directory/types';

/** Helpers every entity operation shares: the organization guard, entity lookup and list filters. */

/**
 * Checks that the organization exists and is Active, then resolves an identifier in it.
 * @param ctx - the operation context
 * @param organizationId - the request's OrganizationId
 * @param identifier - the request's entity identifier
 * @param options - accepted identifier forms and kinds
 * @example
 * const user = await entityIn(ctx, input.OrganizationId, input.UserId, { forms: 'id|name|email', kinds: ['USER'] });
 */
export async function entityIn(
  ctx: OperationContext,
  organizationId: string,
  identifier: string,
  options: ResolveOptions,
): Promise<Entity> {
  await requireOrganization(ctx.deps, organizationId);
  return resolveEntity(ctx.deps, organizationId, identifier, options);
}

/** The resource a `ResourceId` field names (id, name or e-mail), in an Active organization. */
export function resourceIn(
  ctx: OperationContext,
  organizationId: string,
  identifier: string,
): Promise<Entity> {
  return entityIn(ctx, organizationId, identifier, {
    forms: 'id|name|email',
    kinds: ['RESOURCE'],
    field: 'ResourceId',
  });
}

/** The group a `GroupId` field names (id, name or e-mail), in an Active organization. */
export function groupIn(ctx: OperationContext, organizationId: string, identifier: string): Promise<Entity> {
  return entityIn(ctx, organizationId, identifier, {
    forms: 'id|name|email',
    kinds: ['GROUP'],
    field: 'GroupId',
  });
}

/** The user or group a member or delegate field names (id, name or e-mail), in an Active organization. */
export function userOrGroupIn(
  ctx: OperationContext,
  organizationId: string,
  identifier: string,
  field: string,
): Promise<Entity> {
  return entityIn(ctx, organizationId, identifier, {
    forms: 'id|name|email',
    kinds: ['USER', 'GROUP'],
    field,
  });
}

/** The filters of ListUsers / ListGroups / ListResources. */
export interface ListFilters {
  readonly UsernamePrefix?: string;
  readonly NamePrefix?: string;
  readonly DisplayNamePrefix?: string;
  readonly PrimaryEmailPrefix?: string;
  readonly State?: EntityState;
  readonly IdentityProviderUserIdPrefix?: string;
}

/**
 * Turns a list request's Filters into the one store filter it names.
 * @param filters - the request's Filters member
 * @throws InvalidParameterException when more than one filter is populated
 * @example
 * toEntityFilter({ State: 'ENABLED' }); // { by: 'state', state: 'ENABLED' }
 */
export function toEntityFilter(filters: ListFilters | undefined): EntityFilter {
  const given = Object.entries(filters ?? {}).filter(([, value]) => value !== undefined);
  if (given.length > 1) throw new InvalidParameterException('Only one filter may be given per request.');
  const [name, value] = given[0] ?? [];
  switch (name) {
    case undefined:
      return { by: 'all' };
    case 'State':
      return { by: 'state', state: value as EntityState };
    case 'DisplayNamePrefix':
      return { by: 'displayNamePrefix', prefix: String(value) };
    case 'PrimaryEmailPrefix':
      return { by: 'primaryEmailPrefix', prefix: String(value) };
    case 'IdentityProviderUserIdPrefix':
      return { by: 'identityProviderUserIdPrefix', prefix: String(value) };
    default:
      return { by: 'namePrefix', prefix: String(value) };
  }
}

/** The NextToken binding of a list request: action, organization and the rest of the request but paging. */
export function listBinding(action: string, organizationId: string, rest: unknown): string {
  return `${action}|${organizationId}|${JSON.stringify(rest ?? {})}`;
}
