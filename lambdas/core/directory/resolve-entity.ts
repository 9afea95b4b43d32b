import type { ApiDeps } from '../api/deps';
import { EntityNotFoundException, InvalidParameterException } from '../api/errors';
import type { Entity, EntityKind } from './types';

/**
 * Entity identifier resolution (api-operations.md §3.1, directory-and-mailboxes.md requirement 3): which forms a
 * field accepts, and the fixed lookup order id → e-mail (primary or alias) → name, always inside one organization.
 */

/** The identifier forms a field accepts: id, name or e-mail; id or name; or id only. */
export type IdentifierForms = 'id|name|email' | 'id|name' | 'id';

/** What an identifier looks like; decides which lookups are tried and in which order. */
export type IdentifierLookup = 'id' | 'email' | 'name';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SID = /^S-1-\d+(-\d+)+$/;
const RESOURCE_ID = /^r-[0-9a-f]{32}$/i;

/** True when `value` has the shape of an entity id: a GUID, an `S-1-…` SID or a resource id `r-` + 32 hex. */
export function isEntityId(value: string): boolean {
  return GUID.test(value) || SID.test(value) || RESOURCE_ID.test(value);
}

/** The stored form of an id: GUIDs and resource ids lower-case, SIDs unchanged. */
export function normalizeEntityId(value: string): string {
  return SID.test(value) ? value : value.toLowerCase();
}

/**
 * The lookups to try for an identifier, in order: an id-shaped value is tried as an id, a value with `@` as an
 * e-mail (where the field accepts one), and anything as a name (where the field accepts one).
 * @param identifier - the request value
 * @param forms - what the field accepts
 * @example
 * identifierLookups('ana@example.com', 'id|name|email'); // ['email', 'name']
 */
export function identifierLookups(identifier: string, forms: IdentifierForms): IdentifierLookup[] {
  const lookups: IdentifierLookup[] = [];
  if (isEntityId(identifier)) lookups.push('id');
  if (forms === 'id') return lookups;
  if (forms === 'id|name|email' && identifier.includes('@')) lookups.push('email');
  lookups.push('name');
  return lookups;
}

/** Options of {@link resolveEntity}. */
export interface ResolveOptions {
  readonly forms: IdentifierForms;
  /** Kinds the field may name; another kind counts as not found. Default: any kind. */
  readonly kinds?: readonly EntityKind[];
  /** The request member, for messages. */
  readonly field?: string;
}

/**
 * Finds the entity an identifier names in one organization, following the field's accepted forms.
 * @param deps - the API's ports (uses `entities`)
 * @param organizationId - lookups never leave this organization
 * @param identifier - the request value
 * @param options - accepted forms and kinds
 * @throws InvalidParameterException when an id-only field is given something that is not an id
 * @throws EntityNotFoundException when nothing of an accepted kind matches
 * @example
 * const user = await resolveEntity(deps, orgId, input.UserId, { forms: 'id|name|email', kinds: ['USER'] });
 */
export async function resolveEntity(
  deps: Pick<ApiDeps, 'entities'>,
  organizationId: string,
  identifier: string,
  options: ResolveOptions,
): Promise<Entity> {
  const lookups = identifierLookups(identifier, options.forms);
  if (lookups.length === 0) {
    throw new InvalidParameterException(
      `${options.field ?? 'EntityId'} must be an entity id, not ${identifier}.`,
    );
  }
  for (const lookup of lookups) {
    const entity =
      lookup === 'id'
        ? await deps.entities.getEntity(organizationId, normalizeEntityId(identifier))
        : lookup === 'email'
          ? await deps.entities.findByEmail(organizationId, identifier)
          : await deps.entities.findByName(organizationId, identifier);
    if (entity && (!options.kinds || options.kinds.includes(entity.kind))) return entity;
  }
  throw new EntityNotFoundException(`No ${describeKinds(options.kinds)} ${identifier} in the organization.`);
}

function describeKinds(kinds: readonly EntityKind[] | undefined): string {
  return kinds ? kinds.map((kind) => kind.toLowerCase()).join(' or ') : 'user, group or resource';
}
