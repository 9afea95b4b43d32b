import type { CollectionRecord } from './ports';
import type { CollectionInfo, CollectionKind, CollectionPatch, ObjectInfo } from './types';

/** The default collections every mailbox has, created on first use. */
export const DEFAULTS: ReadonlyMap<string, { readonly kind: CollectionKind; readonly displayName: string }> =
  new Map([
    ['calendar', { kind: 'calendar', displayName: 'Calendar' }],
    ['contacts', { kind: 'addressbook', displayName: 'Contacts' }],
  ]);
/** Collection ids: lower-case letters, digits and "-". */
export const COLLECTION_ID = /^[a-z0-9-]{1,64}$/;
/** CSS colours as CalDAV clients set them. */
const COLOR = /^#[0-9A-Fa-f]{6}([0-9A-Fa-f]{2})?$/;

/**
 * Why a collection patch is refused, or undefined.
 * @param patch - the requested display name, description and colour
 * @example
 * patchProblem({ color: 'red' }); // 'A colour is #rrggbb or #rrggbbaa.'
 */
export function patchProblem(patch: CollectionPatch): string | undefined {
  if (patch.displayName !== undefined && (patch.displayName.length === 0 || patch.displayName.length > 256))
    return 'A display name is 1–256 characters.';
  if (patch.description != null && patch.description.length > 4096)
    return 'A description has at most 4096 characters.';
  if (patch.color != null && !COLOR.test(patch.color)) return 'A colour is #rrggbb or #rrggbbaa.';
  return undefined;
}

/**
 * A collection record as callers see it (without the deletion mark).
 * @param record - the stored record
 * @example
 * infoOf(record).syncSeq;
 */
export function infoOf(record: CollectionRecord): CollectionInfo {
  const { deleting: _deleting, ...info } = record;
  return info;
}

/**
 * Only the metadata fields of an object record (no key, no object id).
 * @param record - an object record or info
 * @example
 * objectInfoOf(record); // { collectionId, name, uid, etag, seq, sizeBytes, modifiedAt }
 */
export function objectInfoOf(record: ObjectInfo): ObjectInfo {
  const { collectionId, name, uid, etag, seq, sizeBytes, modifiedAt } = record;
  return { collectionId, name, uid, etag, seq, sizeBytes, modifiedAt };
}
