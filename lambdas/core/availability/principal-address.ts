import type { EntityStore } from '../directory/ports';

/**
 * The e-mail address a free/busy principal id stands for: an id containing `@` is an address already (any domain;
 * free/busy answers per address); otherwise the entity id of an enabled user or resource of the organization.
 * Groups, disabled entities and other organizations' ids have none.
 * @example
 * const address = await principalAddress(entities)('m-…', 'u-…');
 */
export function principalAddress(
  entities: Pick<EntityStore, 'getEntity'>,
): (organizationId: string, id: string) => Promise<string | undefined> {
  return async (organizationId, id) => {
    if (id.includes('@')) return id.toLowerCase();
    const entity = await entities.getEntity(organizationId, id);
    const visible = entity && entity.state === 'ENABLED' && entity.kind !== 'GROUP' && entity.email;
    return visible ? entity.email : undefined;
  };
}
