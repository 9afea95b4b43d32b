import type { EntityReference, EntityStore } from '../directory/ports';
import type { SchedulingDirectory } from './ports';

const PAGE_SIZE = 100;
/** Delegates a resource is answered by at most (groups expanded); more are not written to. */
const MAX_DELEGATE_ADDRESSES = 100;

/** WorkMail's defaults for a resource that never set booking options (directory-and-mailboxes.md §5). */
const DEFAULT_BOOKING = {
  AutoAcceptRequests: true,
  AutoDeclineRecurringRequests: false,
  AutoDeclineConflictingRequests: true,
};

/**
 * The directory as scheduling reads it, over the entity store: a mailbox's addresses and a resource's booking
 * options (WorkMail's defaults when unset), and a resource's delegates'
 * addresses (users directly, groups through their enabled members, one level of nesting per group followed with a
 * visited set), at most {@link MAX_DELEGATE_ADDRESSES}.
 * @example
 * const directory = schedulingDirectory(entityStore);
 */
export function schedulingDirectory(
  entities: Pick<EntityStore, 'getEntity' | 'listDelegates' | 'listMembers'>,
): SchedulingDirectory {
  return {
    mailbox: async (organizationId, mailboxId) => {
      const entity = await entities.getEntity(organizationId, mailboxId);
      if (!entity || entity.kind === 'GROUP') return undefined;
      return {
        kind: entity.kind,
        enabled: entity.state === 'ENABLED',
        ...(entity.email ? { email: entity.email.toLowerCase() } : {}),
        aliases: entity.aliases.map((alias) => alias.toLowerCase()),
        ...(entity.kind === 'RESOURCE' ? { bookingOptions: entity.bookingOptions ?? DEFAULT_BOOKING } : {}),
      };
    },
    delegateAddresses: async (organizationId, resourceId) => {
      const references: EntityReference[] = [];
      let cursor: Parameters<EntityStore['listDelegates']>[2]['cursor'];
      do {
        const page = await entities.listDelegates(organizationId, resourceId, { limit: PAGE_SIZE, cursor });
        references.push(...page.items);
        cursor = page.cursor;
      } while (cursor);
      const addresses = new Set<string>();
      const visited = new Set<string>();
      for (
        let next = references.shift();
        next && addresses.size < MAX_DELEGATE_ADDRESSES;
        next = references.shift()
      ) {
        if (visited.has(next.entityId)) continue;
        visited.add(next.entityId);
        const entity = await entities.getEntity(organizationId, next.entityId);
        if (entity?.state !== 'ENABLED') continue;
        if (entity.kind === 'GROUP')
          references.push(...(await entities.listMembers(organizationId, entity.entityId)));
        else if (entity.email) addresses.add(entity.email.toLowerCase());
      }
      return [...addresses];
    },
  };
}
