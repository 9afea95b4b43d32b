import type { MailboxRef } from '../../lambdas/core/calendar/types';
import { calendarTestModel, type CalendarTestModel } from '../support/calendar-model';
import { simpleEvent } from '../support/calendar-objects';

const ORG = 'm-0123456789abcdef0123456789abcdef';
const alice: MailboxRef = { organizationId: ORG, mailboxId: 'S-1-1-limits' };

describe('Calendar model: limits, malformed input and mailbox destruction (DynamoDB Local)', () => {
  let t: CalendarTestModel;

  beforeAll(async () => {
    t = await calendarTestModel();
    await t.mailboxes.provision(ORG, alice.mailboxId);
  });
  afterAll(() => t.close());

  it('refuses malformed objects with a reason and stores nothing of them', async () => {
    const before = await t.model.getCollection(alice, 'calendar');
    const attendees = Array.from({ length: 10_000 }, (_, i) => `ATTENDEE:mailto:user${i}@example.com`);
    const bad = [
      ['unterminated.ics', 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:u\r\nDTSTART:20260301T090000Z\r\n'],
      ['crowd.ics', simpleEvent('crowd', '20260309T090000Z', '20260309T100000Z', ...attendees)],
      ['bomb.ics', simpleEvent('bomb', '20260309T090000Z', '20260309T100000Z', 'RRULE:FREQ=SECONDLY')],
    ];
    for (const [name, content] of bad) {
      const put = await t.model.putObject(alice, 'calendar', name, content);
      expect(put).toMatchObject({ ok: false, refusal: { type: 'invalidData' } });
      expect(!put.ok && put.refusal.type === 'invalidData' && put.refusal.reason).not.toContain('mailto');
    }
    const card = await t.model.putObject(
      alice,
      'contacts',
      'nouid.vcf',
      'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:A\r\nEND:VCARD\r\n',
    );
    expect(card).toEqual({ ok: false, refusal: { type: 'invalidData', reason: 'A vCard needs a UID.' } });
    expect((await t.model.getCollection(alice, 'calendar'))?.syncSeq).toBe(before?.syncSeq);
    const read = await t.model.getObjects(
      alice,
      'calendar',
      bad.map(([name]) => name),
    );
    expect(read).toEqual({ ok: true, value: [] });
  });

  it('destroys the calendars with the mailbox: registered again, it starts with empty defaults', async () => {
    const owner: MailboxRef = { organizationId: ORG, mailboxId: 'S-1-1-reborn' };
    await t.mailboxes.provision(ORG, owner.mailboxId);
    await t.model.createCollection(owner, 'extra', 'calendar', {});
    await t.model.putObject(
      owner,
      'calendar',
      'old.ics',
      simpleEvent('old', '20260310T090000Z', '20260310T100000Z'),
    );
    await t.mailboxes.destroy(ORG, owner.mailboxId);
    t.clock.now += 61_000; // the calendar model's memory of the mailbox's key version expires
    expect(await t.model.listCollections(owner, 'calendar')).toEqual([]);
    await t.mailboxes.provision(ORG, owner.mailboxId);
    const calendars = await t.model.listCollections(owner, 'calendar');
    expect(calendars.map(({ collectionId, syncSeq }) => [collectionId, syncSeq])).toEqual([['calendar', 0]]);
    expect(await t.model.busyPeriods(owner, { start: 0, end: Date.parse('2027-01-01') })).toEqual([]);
    expect(await t.model.findByUid(owner, 'calendar', 'old')).toBeUndefined();
  });

  it('stores an object of nearly 1 MiB and refuses a larger one', async () => {
    const padding = Array.from({ length: 12_000 }, (_, i) => `X-PAD-${i}:${'p'.repeat(70)}`);
    const big = simpleEvent('big', '20260308T090000Z', '20260308T100000Z', ...padding);
    expect(Buffer.byteLength(big)).toBeGreaterThan(900_000);
    expect(Buffer.byteLength(big)).toBeLessThan(1024 * 1024);
    const put = await t.model.putObject(alice, 'calendar', 'big.ics', big);
    expect(put.ok).toBe(true);
    const read = await t.model.getObjects(alice, 'calendar', ['big.ics']);
    expect(read.ok && read.value[0].content).toBe(big);
    const tooBig = simpleEvent(
      'big2',
      '20260308T090000Z',
      '20260308T100000Z',
      ...padding,
      ...padding.slice(0, 2000),
    );
    expect(await t.model.putObject(alice, 'calendar', 'big2.ics', tooBig)).toEqual({
      ok: false,
      refusal: { type: 'tooLarge', maxBytes: 1024 * 1024 },
    });
  });
});
