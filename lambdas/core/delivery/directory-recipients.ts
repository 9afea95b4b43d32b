import type { EntityStore, OrganizationStore } from '../directory/ports';
import type { Entity } from '../directory/types';
import type { DirectoryRecipient, RecipientDirectory } from './ports';

/**
 * The directory as inbound delivery sees it, composed over the organization and entity stores: an address
 * resolves through the organization owning its domain to the entity holding it (primary address or alias);
 * a group's members come back one level deep (the pipeline expands nested groups itself).
 *
 * Users whose role is `REMOTE_USER` have no Mailwright mailbox (their mail lives elsewhere), so they are not
 * deliverable: their address resolves to nothing, which the pipeline bounces as an unknown recipient (5.1.1,
 * the same as Exchange answers for a contact without a mailbox here), and they are left out of group expansion.
 * @param organizations - finds the organization owning a mail domain
 * @param entities - finds entities by address or id and lists group members
 * @example
 * const directory = directoryRecipients(organizations, entities);
 * const alice = await directory.resolveAddress('alice@example.com');
 */
export function directoryRecipients(
  organizations: Pick<OrganizationStore, 'findDomainOwner'>,
  entities: Pick<EntityStore, 'findByEmail' | 'getEntity' | 'listMembers'>,
): RecipientDirectory {
  return {
    async resolveAddress(address) {
      const lowered = address.toLowerCase();
      const organizationId = await organizations.findDomainOwner(lowered.slice(lowered.lastIndexOf('@') + 1));
      const entity = organizationId ? await entities.findByEmail(organizationId, lowered) : undefined;
      return entity && hasMailbox(entity) ? toRecipient(entity) : undefined;
    },
    async listMembers(organizationId, groupId) {
      const members = await entities.listMembers(organizationId, groupId);
      const found = await Promise.all(
        members.map((member) => entities.getEntity(organizationId, member.entityId)),
      );
      return found.flatMap((entity) => (entity && hasMailbox(entity) ? [toRecipient(entity)] : []));
    },
  };
}

/** Remote users are directory entries only: mail for them is never stored here. */
function hasMailbox(entity: Entity): boolean {
  return entity.role !== 'REMOTE_USER';
}

function toRecipient(entity: Entity): DirectoryRecipient {
  return {
    organizationId: entity.organizationId,
    kind: entity.kind,
    entityId: entity.entityId,
    state: entity.state,
    email: entity.email,
    mailboxQuotaBytes:
      entity.mailboxQuotaMegabytes === undefined ? undefined : entity.mailboxQuotaMegabytes * 1024 * 1024,
  };
}
