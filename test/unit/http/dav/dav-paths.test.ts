import { DavHrefs, parseDavPath } from '../../../../lambdas/http/dav/dav-paths';

describe('parseDavPath', () => {
  it.each([
    ['/dav', { type: 'root' }],
    ['/dav/', { type: 'root' }],
    ['/dav/principals/u-1/', { type: 'principal', userId: 'u-1' }],
    ['/dav/calendars/u-1/', { type: 'home', kind: 'calendar', mailboxId: 'u-1' }],
    [
      '/dav/calendars/u-1/Work-A/',
      { type: 'collection', kind: 'calendar', mailboxId: 'u-1', collectionId: 'work-a' },
    ],
    [
      '/dav/calendars/u-1/calendar/a%40b.ics',
      { type: 'object', kind: 'calendar', mailboxId: 'u-1', collectionId: 'calendar', name: 'a@b.ics' },
    ],
    ['/dav/calendars/u-1/inbox/', { type: 'scheduleBox', box: 'inbox', mailboxId: 'u-1' }],
    [
      '/dav/addressbooks/u-1/contacts/',
      { type: 'collection', kind: 'addressbook', mailboxId: 'u-1', collectionId: 'contacts' },
    ],
    ['/dav/addressbooks/u-1/gal/', { type: 'gal', mailboxId: 'u-1' }],
    ['/dav/addressbooks/u-1/gal/u-2.vcf', { type: 'galEntry', mailboxId: 'u-1', name: 'u-2.vcf' }],
  ])('reads %s', (path, target) => {
    expect(parseDavPath('/dav', path)).toEqual(target);
  });

  it.each([
    '/other',
    '/davx/',
    '/dav/nothing/u-1/',
    '/dav/calendars/u-1/c/o/extra',
    '/dav/calendars/u-1//o',
    '/dav/calendars/u-1/c/..',
    '/dav/calendars/u-1/c/%E0%A4%A',
    '/dav/calendars/u-1/inbox/x.ics',
    '/dav/principals/u-1/x/',
  ])('names nothing at %s', (path) => {
    expect(parseDavPath('/dav', path)).toBeUndefined();
  });
});

describe('DavHrefs', () => {
  const hrefs = new DavHrefs('/v1/dav');

  it('encodes names but keeps the characters UIDs use', () => {
    expect(hrefs.object('calendar', 'u-1', 'calendar', 'a b@x:y+z.ics')).toBe(
      '/v1/dav/calendars/u-1/calendar/a%20b@x:y+z.ics',
    );
  });

  it('reads a member name from an href or a URL, and nothing from an href elsewhere', () => {
    const collection = hrefs.collection('calendar', 'u-1', 'calendar');
    expect(hrefs.memberName(collection, '/v1/dav/calendars/u-1/calendar/a%40b.ics')).toBe('a@b.ics');
    expect(hrefs.memberName(collection, 'https://h/v1/dav/calendars/u-1/calendar/x.ics')).toBe('x.ics');
    expect(hrefs.memberName(collection, '/v1/dav/calendars/u-2/calendar/x.ics')).toBeUndefined();
    expect(hrefs.memberName(collection, '/v1/dav/calendars/u-1/calendar/sub/x.ics')).toBeUndefined();
    expect(hrefs.memberName(collection, collection)).toBeUndefined();
  });
});
