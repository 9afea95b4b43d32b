import ICAL from 'ical.js';
import { galETag, galVCard } from '../../../lambdas/core/gal/gal-vcard';
import type { GalEntry } from '../../../lambdas/core/gal/types';

const ANA: GalEntry = {
  entityId: 'u-1',
  kind: 'USER',
  displayName: 'Ana, Sales',
  email: 'ana@example.com',
  aliases: ['a@example.com'],
};

const parse = (text: string) => new ICAL.Component(ICAL.parse(text) as unknown[]);

describe('galVCard', () => {
  it('writes a vCard 4 with the entity id as UID, the display name, the primary address first and the aliases', () => {
    // Act
    const card = parse(galVCard(ANA));
    // Assess
    expect(card.getFirstPropertyValue('version')).toBe('4.0');
    expect(card.getFirstPropertyValue('uid')).toBe('u-1');
    expect(card.getFirstPropertyValue('fn')).toBe('Ana, Sales');
    expect(card.getFirstPropertyValue('kind')).toBe('individual');
    const emails = card.getAllProperties('email');
    expect(emails.map((p) => p.getFirstValue())).toEqual(['ana@example.com', 'a@example.com']);
    expect(emails[0].getParameter('pref')).toBe('1');
  });

  it('names groups, rooms and equipment with RFC 6350 kinds', () => {
    const kindOf = (entry: Partial<GalEntry>) =>
      parse(galVCard({ ...ANA, ...entry })).getFirstPropertyValue('kind');
    expect(kindOf({ kind: 'GROUP' })).toBe('group');
    expect(kindOf({ kind: 'RESOURCE', resourceType: 'ROOM' })).toBe('location');
    expect(kindOf({ kind: 'RESOURCE', resourceType: 'EQUIPMENT' })).toBe('device');
  });

  it('writes vCard 3.0 without KIND, marking groups the Apple way', () => {
    const card = parse(galVCard({ ...ANA, kind: 'GROUP' }, '3.0'));
    expect(card.getFirstPropertyValue('version')).toBe('3.0');
    expect(card.getFirstPropertyValue('kind')).toBeNull();
    expect(card.getFirstPropertyValue('x-addressbookserver-kind')).toBe('group');
  });
});

describe('galETag', () => {
  it('is a quoted strong tag that changes with the card and only with it', () => {
    expect(galETag(ANA)).toMatch(/^"[\w-]+"$/);
    expect(galETag({ ...ANA })).toBe(galETag(ANA));
    expect(galETag({ ...ANA, aliases: [] })).not.toBe(galETag(ANA));
  });
});
