import type { Page, PageRequest } from '../api/pagination';
import type { EntityFilter } from '../directory/ports';
import type { Entity, EntityKind } from '../directory/types';

/** An entity whose address-list fields changed, and where the change sits in the organization's change order. */
export interface GalChangeMark {
  readonly entityId: string;
  /** `<write time, 15 digits>#<entityId>`: sorts in change order. */
  readonly position: string;
}

/**
 * The organization's address-list change marks: the directory writes one per entity (replacing the last) in the
 * same transaction as every change that can move the entity into, out of or within the list (register, deregister,
 * delete, display name, name, addresses, hidden flag, resource type).
 */
export interface GalChangeLog {
  /** Marks positioned after `position` (exclusive), in order, at most `limit`; `more` when others follow. */
  marksAfter(
    organizationId: string,
    position: string,
    limit: number,
  ): Promise<{ readonly marks: readonly GalChangeMark[]; readonly more: boolean }>;
}

/** What the global address list reads of the directory. */
export interface GalDirectory {
  getEntity(organizationId: string, entityId: string): Promise<Entity | undefined>;
  listEntities(
    organizationId: string,
    kind: EntityKind,
    filter: EntityFilter,
    request: PageRequest,
  ): Promise<Page<Entity>>;
}
