import type { Entity } from './types';

/**
 * True when the entity gets a WorkMail mailbox once enabled: users (except REMOTE_USER) and resources.
 * @example
 * if (hasMailbox(entity)) await deps.mailboxes.provision(entity.organizationId, entity.entityId);
 */
export function hasMailbox(entity: Pick<Entity, 'kind' | 'role'>): boolean {
  return entity.kind === 'RESOURCE' || (entity.kind === 'USER' && entity.role !== 'REMOTE_USER');
}
