import { createHash } from 'node:crypto';
import ICAL from 'ical.js';
import type { GalEntry } from './types';

/**
 * The vCard of a global address list entry (RFC 6350, version 4.0): UID = the entity id, FN = the display name, EMAIL
 * = the primary address (PREF=1) and each alias, KIND = individual (users), group (groups), location (rooms) or
 * device (equipment). Version 3.0 (Apple Contacts asks for it) has no KIND: groups carry Apple's
 * X-ADDRESSBOOKSERVER-KIND instead.
 * @param entry - the entry
 * @param version - `4.0` unless a client asks for `3.0`
 * @example
 * const text = galVCard({ entityId: 'u-1', kind: 'USER', displayName: 'Ana', email: 'ana@example.com', aliases: [] });
 */
export function galVCard(entry: GalEntry, version: '3.0' | '4.0' = '4.0'): string {
  const card = new ICAL.Component('vcard');
  card.addPropertyWithValue('version', version);
  card.addPropertyWithValue('uid', entry.entityId);
  card.addPropertyWithValue('fn', entry.displayName);
  const kind = KIND[entry.resourceType ?? entry.kind];
  if (version === '4.0') card.addPropertyWithValue('kind', kind);
  else if (kind === 'group') card.addPropertyWithValue('x-addressbookserver-kind', 'group');
  const primary = card.addPropertyWithValue('email', entry.email);
  primary.setParameter(version === '4.0' ? 'pref' : 'type', version === '4.0' ? '1' : 'pref');
  for (const alias of entry.aliases) card.addPropertyWithValue('email', alias);
  return `${card.toString()}\r\n`;
}

/**
 * The strong ETag of an entry's vCard: a digest of its content, so it changes exactly when the card does.
 * @example
 * galETag(entry); // '"3q2-…"'
 */
export function galETag(entry: GalEntry): string {
  return `"${createHash('sha256').update(galVCard(entry)).digest('base64url').slice(0, 27)}"`;
}

const KIND: Readonly<Record<string, string>> = {
  USER: 'individual',
  GROUP: 'group',
  RESOURCE: 'device',
  ROOM: 'location',
  EQUIPMENT: 'device',
};
