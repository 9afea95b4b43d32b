import type { Entity, EntityKind } from '../directory/types';
import type { GalChangeLog, GalDirectory } from './ports';
import type { GalChanges, GalEntry } from './types';

/**
 * How far behind "now" a sync position is set: a change written with a clock up to this much behind, or still
 * travelling to the index, is reported by the next sync rather than missed. Changes of the last minute are
 * therefore reported again (a client re-reads a card it already has), never lost.
 */
export const GAL_SETTLE_MS = 60_000;

const KINDS: readonly EntityKind[] = ['USER', 'GROUP', 'RESOURCE'];
const PAGE = 100;
const POSITION = /^\d{15}(#[^\s#/]{1,128})?$/;

/** True when an entity belongs in its organization's global address list. */
export function isListed(entity: Entity | undefined): entity is Entity & { email: string } {
  return entity?.state === 'ENABLED' && !entity.hiddenFromGlobalAddressList && entity.email !== undefined;
}

/** The list entry of a listed entity. */
export function galEntryOf(entity: Entity & { email: string }): GalEntry {
  return {
    entityId: entity.entityId,
    kind: entity.kind,
    displayName: entity.displayName || entity.name,
    email: entity.email,
    aliases: [...entity.aliases].sort(),
    ...(entity.resourceType ? { resourceType: entity.resourceType } : {}),
  };
}

/** A position at a time: before every mark written at or after it. */
export function positionAt(ms: number): string {
  return String(Math.max(0, Math.floor(ms))).padStart(15, '0');
}

/**
 * An organization's global address list: its ENABLED users, groups and resources that are not hidden from it,
 * listed from the directory's state index, and followed through the directory's change marks, so a sync costs what
 * changed. Positions are times (less {@link GAL_SETTLE_MS}) or marks; only the organization's own entities are read.
 * @example
 * const gal = new GlobalAddressList({ directory: entities, changes: galChanges });
 * const { entries, position } = await gal.list(organizationId);
 */
export class GlobalAddressList {
  private readonly now: () => number;

  constructor(
    private readonly deps: {
      readonly directory: GalDirectory;
      readonly changes: GalChangeLog;
      readonly now?: () => number;
    },
  ) {
    this.now = deps.now ?? Date.now;
  }

  /** Every listed entry, sorted by entity id, and the position to follow changes from. */
  async list(organizationId: string): Promise<{ entries: GalEntry[]; position: string }> {
    const position = await this.position();
    const entries: GalEntry[] = [];
    for (const kind of KINDS) {
      let cursor: Record<string, unknown> | undefined;
      do {
        const page = await this.deps.directory.listEntities(
          organizationId,
          kind,
          { by: 'state', state: 'ENABLED' },
          { limit: PAGE, cursor },
        );
        entries.push(...page.items.filter(isListed).map(galEntryOf));
        cursor = page.cursor;
      } while (cursor);
    }
    return { entries: entries.sort((a, b) => a.entityId.localeCompare(b.entityId)), position };
  }

  /** The listed entry of an entity of the organization, if it is listed. */
  async entry(organizationId: string, entityId: string): Promise<GalEntry | undefined> {
    const entity = await this.deps.directory.getEntity(organizationId, entityId);
    return isListed(entity) ? galEntryOf(entity) : undefined;
  }

  /** Where a sync starting now begins (the same for every organization: a time). */
  position(): Promise<string> {
    return Promise.resolve(positionAt(this.now() - GAL_SETTLE_MS));
  }

  /**
   * What changed after `position`: entities now listed (changed) and those not (removed), at most `limit`.
   * @returns undefined when `position` is not one this list gives
   */
  async changesSince(
    organizationId: string,
    position: string,
    limit: number,
  ): Promise<GalChanges | undefined> {
    if (!POSITION.test(position)) return undefined;
    const settled = positionAt(this.now() - GAL_SETTLE_MS);
    const { marks, more } = await this.deps.changes.marksAfter(organizationId, position, limit);
    const entities = await Promise.all(
      marks.map((mark) => this.deps.directory.getEntity(organizationId, mark.entityId)),
    );
    const changed: GalEntry[] = [];
    const removed: string[] = [];
    marks.forEach((mark, index) => {
      const entity = entities[index];
      if (isListed(entity)) changed.push(galEntryOf(entity));
      else removed.push(mark.entityId);
    });
    return {
      changed,
      removed,
      position: more ? marks[marks.length - 1].position : settled,
      truncated: more,
    };
  }
}
