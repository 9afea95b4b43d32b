import { ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import type { MailboxRef } from '../../lambdas/core/calendar/types';
import { calendarTestModel, type CalendarTestModel } from '../support/calendar-model';
import { simpleEvent, vcard } from '../support/calendar-objects';

const ORG = 'm-0123456789abcdef0123456789abcdef';
const OTHER_ORG = 'm-fedcba9876543210fedcba9876543210';
const alice: MailboxRef = { organizationId: ORG, mailboxId: 'S-1-1-alice' };
/** Every string and binary byte of a raw DynamoDB attribute value (maps and lists walked). */
function attributeBytes(value: AttributeValue): Buffer[] {
  if (value.B) return [Buffer.from(value.B)];
  if (value.S !== undefined) return [Buffer.from(value.S)];
  if (value.M) return Object.values(value.M).flatMap(attributeBytes);
  if (value.L) return value.L.flatMap(attributeBytes);
  return [];
}
const SECRET_SUMMARY = 'Board meeting about project nightingale';

describe('Calendar model (DynamoDB Local)', () => {
  let t: CalendarTestModel;

  beforeAll(async () => {
    t = await calendarTestModel();
    await t.mailboxes.provision(ORG, alice.mailboxId);
  });
  afterAll(() => t.close());

  it('creates the default calendar and address book on first listing', async () => {
    const calendars = await t.model.listCollections(alice, 'calendar');
    const books = await t.model.listCollections(alice, 'addressbook');
    expect(
      calendars.map(({ collectionId, displayName, isDefault }) => ({ collectionId, displayName, isDefault })),
    ).toEqual([{ collectionId: 'calendar', displayName: 'Calendar', isDefault: true }]);
    expect(books.map((each) => each.collectionId)).toEqual(['contacts']);
    // Only those two ids are defaults (not, say, a name every JavaScript object has).
    expect(await t.model.getCollection(alice, 'constructor')).toBeUndefined();
  });

  it('creates, updates and deletes a further calendar, but never a default one', async () => {
    const created = await t.model.createCollection(alice, 'work', 'calendar', {
      displayName: 'Work',
      color: '#ff0000',
    });
    expect(created).toMatchObject({
      ok: true,
      value: { collectionId: 'work', displayName: 'Work', isDefault: false },
    });
    expect(await t.model.createCollection(alice, 'work', 'calendar', {})).toEqual({
      ok: false,
      refusal: { type: 'collectionExists' },
    });
    const updated = await t.model.updateCollection(alice, 'work', { displayName: 'Job', color: null });
    expect(updated.ok && updated.value.displayName).toBe('Job');
    expect(updated.ok && updated.value.color).toBeUndefined();
    await t.model.putObject(alice, 'work', 'w.ics', simpleEvent('w', '20260302T090000Z', '20260302T100000Z'));
    expect((await t.model.deleteCollection(alice, 'work')).ok).toBe(true);
    expect(await t.model.getCollection(alice, 'work')).toBeUndefined();
    expect(await t.model.deleteCollection(alice, 'calendar')).toMatchObject({
      ok: false,
      refusal: { type: 'forbidden' },
    });
    // The deleted calendar's event no longer shows busy.
    expect(
      await t.model.busyPeriods(alice, { start: Date.parse('2026-03-02'), end: Date.parse('2026-03-03') }),
    ).toEqual([]);
  });

  it('stores, reads, replaces and removes an event under ETag preconditions', async () => {
    const ics = simpleEvent('e1', '20260303T090000Z', '20260303T100000Z', `SUMMARY:${SECRET_SUMMARY}`);
    const put = await t.model.putObject(alice, 'calendar', 'e1.ics', ics, { ifNoneMatch: '*' });
    if (!put.ok) throw new Error(JSON.stringify(put.refusal));
    expect(put.value).toMatchObject({ name: 'e1.ics', uid: 'e1', sizeBytes: Buffer.byteLength(ics) });
    expect(put.value.etag).toMatch(/^".+"$/);
    expect(await t.model.putObject(alice, 'calendar', 'e1.ics', ics, { ifNoneMatch: '*' })).toEqual({
      ok: false,
      refusal: { type: 'preconditionFailed' },
    });
    const read = await t.model.getObjects(alice, 'calendar', ['e1.ics', 'missing.ics']);
    expect(read.ok && read.value.map((each) => [each.name, each.content, each.etag])).toEqual([
      ['e1.ics', ics, put.value.etag],
    ]);
    const changed = ics.replace('SUMMARY:', 'SUMMARY:Moved ');
    expect(await t.model.putObject(alice, 'calendar', 'e1.ics', changed, { ifMatch: '"stale"' })).toEqual({
      ok: false,
      refusal: { type: 'preconditionFailed' },
    });
    const replaced = await t.model.putObject(alice, 'calendar', 'e1.ics', changed, {
      ifMatch: put.value.etag,
    });
    expect(replaced.ok && replaced.value.etag).not.toBe(put.value.etag);
    expect(await t.model.removeObject(alice, 'calendar', 'e1.ics', { ifMatch: put.value.etag })).toEqual({
      ok: false,
      refusal: { type: 'preconditionFailed' },
    });
    expect((await t.model.removeObject(alice, 'calendar', 'e1.ics')).ok).toBe(true);
    expect(await t.model.removeObject(alice, 'calendar', 'e1.ics')).toEqual({
      ok: false,
      refusal: { type: 'objectNotFound' },
    });
  });

  it('refuses a second object with a UID the collection already holds, naming the holder', async () => {
    await t.model.putObject(
      alice,
      'calendar',
      'first.ics',
      simpleEvent('dup', '20260304T090000Z', '20260304T100000Z'),
    );
    const second = await t.model.putObject(
      alice,
      'calendar',
      'second.ics',
      simpleEvent('dup', '20260305T090000Z', '20260305T100000Z'),
    );
    expect(second).toEqual({ ok: false, refusal: { type: 'uidConflict', existingName: 'first.ics' } });
    expect((await t.model.findByUid(alice, 'calendar', 'dup'))?.name).toBe('first.ics');
  });

  it('frees the old UID when an object is replaced by one with another UID', async () => {
    await t.model.putObject(
      alice,
      'calendar',
      'swap.ics',
      simpleEvent('old-uid', '20260304T090000Z', '20260304T100000Z'),
    );
    await t.model.putObject(
      alice,
      'calendar',
      'swap.ics',
      simpleEvent('new-uid', '20260304T090000Z', '20260304T100000Z'),
    );
    expect(await t.model.findByUid(alice, 'calendar', 'old-uid')).toBeUndefined();
    expect((await t.model.findByUid(alice, 'calendar', 'new-uid'))?.name).toBe('swap.ics');
    const reuse = await t.model.putObject(
      alice,
      'calendar',
      'other.ics',
      simpleEvent('old-uid', '20260305T090000Z', '20260305T100000Z'),
    );
    expect(reuse.ok).toBe(true);
  });

  it('reports changes since a sync point, removals included, page by page', async () => {
    const book: MailboxRef = { organizationId: ORG, mailboxId: 'S-1-1-changes' };
    await t.mailboxes.provision(ORG, book.mailboxId);
    for (const n of [1, 2, 3])
      await t.model.putObject(book, 'contacts', `${n}.vcf`, vcard(`c${n}`, `Contact ${n}`));
    const start = await t.model.changesSince(book, 'contacts', 0, 100);
    expect(start.ok && start.value.changes.map((each) => each.name)).toEqual(['1.vcf', '2.vcf', '3.vcf']);
    const since = start.ok ? start.value.syncSeq : -1;
    await t.model.removeObject(book, 'contacts', '1.vcf');
    await t.model.putObject(book, 'contacts', '2.vcf', vcard('c2', 'Contact two'));
    await t.model.putObject(book, 'contacts', '4.vcf', vcard('c4', 'Contact 4'));
    const first = await t.model.changesSince(book, 'contacts', since, 2);
    if (!first.ok) throw new Error('refused');
    expect(first.value.truncated).toBe(true);
    expect(first.value.changes.map(({ name, removed }) => [name, removed])).toEqual([
      ['1.vcf', true],
      ['2.vcf', false],
    ]);
    const rest = await t.model.changesSince(book, 'contacts', first.value.syncSeq, 2);
    expect(rest.ok && rest.value.changes.map(({ name }) => name)).toEqual(['4.vcf']);
    expect(rest.ok && rest.value.truncated).toBe(false);
    const fresh = await t.model.changesSince(book, 'contacts', 0, 100);
    expect(fresh.ok && fresh.value.changes.map(({ name }) => name).sort()).toEqual([
      '2.vcf',
      '3.vcf',
      '4.vcf',
    ]);
    expect(await t.model.changesSince(book, 'contacts', 999, 10)).toEqual({
      ok: false,
      refusal: { type: 'preconditionFailed' },
    });
  });

  it('lists a collection page by page in name order, and finds an object by UID in any calendar', async () => {
    const owner: MailboxRef = { organizationId: ORG, mailboxId: 'S-1-1-pages' };
    await t.mailboxes.provision(ORG, owner.mailboxId);
    for (const n of [3, 1, 5, 2, 4])
      await t.model.putObject(owner, 'contacts', `${n}.vcf`, vcard(`p${n}`, `P ${n}`));
    const names: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 5; page++) {
      const listed = await t.model.listObjects(owner, 'contacts', { after, limit: 2 });
      if (!listed.ok) throw new Error('refused');
      names.push(...listed.value.items.map((each) => each.name));
      after = listed.value.next;
      if (!after) break;
    }
    expect(names).toEqual(['1.vcf', '2.vcf', '3.vcf', '4.vcf', '5.vcf']);
    await t.model.createCollection(owner, 'team', 'calendar', { displayName: 'Team' });
    await t.model.putObject(
      owner,
      'team',
      'm.ics',
      simpleEvent('meet', '20260310T090000Z', '20260310T100000Z'),
    );
    expect(await t.model.findByUid(owner, 'calendar', 'meet')).toMatchObject({
      collectionId: 'team',
      name: 'm.ics',
    });
    expect(await t.model.findByUid(owner, 'addressbook', 'meet')).toBeUndefined();
  });

  it('shows nothing of a mailbox to another organization or mailbox id', async () => {
    await t.model.putObject(
      alice,
      'calendar',
      'private.ics',
      simpleEvent('p', '20260306T090000Z', '20260306T100000Z'),
    );
    const stranger: MailboxRef = { organizationId: OTHER_ORG, mailboxId: alice.mailboxId };
    const nobody: MailboxRef = { organizationId: ORG, mailboxId: 'S-1-1-nobody' };
    for (const owner of [stranger, nobody]) {
      expect(await t.model.listCollections(owner, 'calendar')).toEqual([]);
      expect(await t.model.getObjects(owner, 'calendar', ['private.ics'])).toEqual({
        ok: false,
        refusal: { type: 'collectionNotFound' },
      });
      expect(await t.model.findByUid(owner, 'calendar', 'p')).toBeUndefined();
      expect(await t.model.busyPeriods(owner, { start: 0, end: Date.parse('2027-01-01') })).toEqual([]);
      expect(
        (
          await t.model.putObject(
            owner,
            'calendar',
            'x.ics',
            simpleEvent('x', '20260306T090000Z', '20260306T100000Z'),
          )
        ).ok,
      ).toBe(false);
    }
  });

  it('keeps the content encrypted at rest: no table item contains the summary or the contact name', async () => {
    await t.model.putObject(
      alice,
      'calendar',
      'secret.ics',
      simpleEvent(
        's',
        '20260307T090000Z',
        '20260307T100000Z',
        `SUMMARY:${SECRET_SUMMARY}`,
        'LOCATION:Room nightingale',
        'ATTENDEE:mailto:carol@example.com',
      ),
    );
    await t.model.putObject(alice, 'contacts', 'carol.vcf', vcard('carol', 'Carol Nightingale'));
    const { Items } = await t.tables.client.send(new ScanCommand({ TableName: t.tables.mailboxTable }));
    const raw = Buffer.concat((Items ?? []).flatMap((item) => Object.values(item).flatMap(attributeBytes)));
    for (const secret of ['nightingale', 'Nightingale', 'carol@example.com'])
      expect(raw.includes(Buffer.from(secret))).toBe(false);
    const read = await t.model.getObjects(alice, 'calendar', ['secret.ics']);
    expect(read.ok && read.value[0].content).toContain(SECRET_SUMMARY);
  });
});
