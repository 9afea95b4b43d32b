import type { MailboxRef } from '../../lambdas/core/calendar/types';
import { calendarTestModel, type CalendarTestModel } from '../support/calendar-model';
import { at, calendar, simpleEvent, vevent } from '../support/calendar-objects';

const ORG = 'm-0123456789abcdef0123456789abcdef';
const march = { start: at('2026-03-02T00:00:00Z'), end: at('2026-03-30T00:00:00Z') };

describe('Calendar model: time index, free/busy and free slots (DynamoDB Local)', () => {
  let t: CalendarTestModel;
  let mailbox = 0;
  const freshMailbox = async (): Promise<MailboxRef> => {
    const owner = { organizationId: ORG, mailboxId: `S-1-1-busy-${(mailbox += 1)}` };
    await t.mailboxes.provision(ORG, owner.mailboxId);
    return owner;
  };

  beforeAll(async () => {
    t = await calendarTestModel();
  });
  afterAll(() => t.close());

  it('finds the objects with an instance in a window, not those before, after or only touching it', async () => {
    const owner = await freshMailbox();
    const put = (name: string, start: string, end: string, ...extra: string[]) =>
      t.model.putObject(owner, 'calendar', name, simpleEvent(name, start, end, ...extra));
    await put('inside', '20260310T090000Z', '20260310T100000Z');
    await put('before', '20260301T090000Z', '20260301T100000Z');
    await put('touching', '20260301T230000Z', '20260302T000000Z');
    await put('across-start', '20260301T230000Z', '20260302T010000Z');
    await put('after', '20260330T000000Z', '20260330T010000Z');
    await put('free', '20260311T090000Z', '20260311T100000Z', 'TRANSP:TRANSPARENT');
    await put('long', '20260101T000000Z', '20260601T000000Z');
    const found = await t.model.objectsInWindow(owner, 'calendar', march);
    expect(found.ok && found.value.map((each) => each.name)).toEqual([
      'across-start',
      'free',
      'inside',
      'long',
    ]);
    const busy = await t.model.busyPeriods(owner, march);
    expect(busy.map((each) => each.name)).toEqual(['long', 'across-start', 'inside']);
  });

  it('expands a weekly series with an EXDATE and an instance moved out of the window and another moved in', async () => {
    const owner = await freshMailbox();
    const ics = calendar(
      ...vevent(
        'weekly',
        ':20260105T090000Z',
        ':20260105T100000Z',
        'RRULE:FREQ=WEEKLY;BYDAY=MO',
        'EXDATE:20260309T090000Z',
      ),
      // The 16 March instance moves to April (out of the window) ...
      ...vevent('weekly', ':20260415T090000Z', ':20260415T100000Z', 'RECURRENCE-ID:20260316T090000Z'),
      // ... and the 6 April instance moves into the window, as tentative.
      ...vevent(
        'weekly',
        ':20260327T140000Z',
        ':20260327T150000Z',
        'RECURRENCE-ID:20260406T090000Z',
        'STATUS:TENTATIVE',
      ),
    );
    const put = await t.model.putObject(owner, 'calendar', 'weekly.ics', ics);
    expect(put.ok).toBe(true);
    const busy = await t.model.busyPeriods(owner, march);
    expect(
      busy.map(({ start, end, busyType, instanceType }) => [
        new Date(start).toISOString(),
        end - start,
        busyType,
        instanceType,
      ]),
    ).toEqual([
      ['2026-03-02T09:00:00.000Z', 3_600_000, 'BUSY', 'RECURRING_INSTANCE'],
      ['2026-03-23T09:00:00.000Z', 3_600_000, 'BUSY', 'RECURRING_INSTANCE'],
      ['2026-03-27T14:00:00.000Z', 3_600_000, 'TENTATIVE', 'EXCEPTION'],
    ]);
    expect(busy.every((each) => each.uid === 'weekly' && each.name === 'weekly.ics')).toBe(true);
    const june = await t.model.objectsInWindow(owner, 'calendar', {
      start: at('2026-06-01T00:00:00Z'),
      end: at('2026-06-02T00:00:00Z'),
    });
    expect(june.ok && june.value.map((each) => each.name)).toEqual(['weekly.ics']);
    const sunday = await t.model.objectsInWindow(owner, 'calendar', {
      start: at('2026-06-07T00:00:00Z'),
      end: at('2026-06-08T00:00:00Z'),
    });
    expect(sunday.ok && sunday.value).toEqual([]);
  });

  it('refuses a booking into a taken slot and lets exactly one of two concurrent bookings of one slot pass', async () => {
    const owner = await freshMailbox();
    await t.model.putObject(
      owner,
      'calendar',
      'existing.ics',
      simpleEvent('existing', '20260310T090000Z', '20260310T100000Z'),
    );
    const clash = await t.model.putObject(
      owner,
      'calendar',
      'clash.ics',
      simpleEvent('clash', '20260310T093000Z', '20260310T103000Z'),
      { requireFreeSlot: true },
    );
    expect(clash).toMatchObject({
      ok: false,
      refusal: { type: 'slotTaken', conflicts: [{ name: 'existing.ics', uid: 'existing' }] },
    });
    const adjacent = await t.model.putObject(
      owner,
      'calendar',
      'adjacent.ics',
      simpleEvent('adjacent', '20260310T100000Z', '20260310T110000Z'),
      { requireFreeSlot: true },
    );
    expect(adjacent.ok).toBe(true);
    const results = await Promise.all(
      ['a', 'b', 'c'].map((name) =>
        t.model.putObject(
          owner,
          'calendar',
          `${name}.ics`,
          simpleEvent(name, '20260311T090000Z', '20260311T100000Z'),
          {
            requireFreeSlot: true,
          },
        ),
      ),
    );
    expect(results.filter((each) => each.ok)).toHaveLength(1);
    expect(results.filter((each) => !each.ok).map((each) => !each.ok && each.refusal.type)).toEqual([
      'slotTaken',
      'slotTaken',
    ]);
    const busy = await t.model.busyPeriods(owner, {
      start: at('2026-03-11T00:00:00Z'),
      end: at('2026-03-12T00:00:00Z'),
    });
    expect(busy).toHaveLength(1);
  });

  it('lets ten concurrent writers of one calendar all through, and only one of ten bookings of one slot', async () => {
    const owner = await freshMailbox();
    const distinct = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        t.model.putObject(
          owner,
          'calendar',
          `d${i}.ics`,
          simpleEvent(`d${i}`, `202603${10 + i}T090000Z`, `202603${10 + i}T100000Z`),
          {
            requireFreeSlot: true,
          },
        ),
      ),
    );
    expect(distinct.every((each) => each.ok)).toBe(true);
    const same = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        t.model.putObject(
          owner,
          'calendar',
          `s${i}.ics`,
          simpleEvent(`s${i}`, '20260401T090000Z', '20260401T100000Z'),
          {
            requireFreeSlot: true,
          },
        ),
      ),
    );
    expect(same.filter((each) => each.ok)).toHaveLength(1);
    expect((await t.model.getCollection(owner, 'calendar'))?.syncSeq).toBe(11);
  });

  it('refuses a recurring booking when one of its instances meets a busy event, and accepts it around a free one', async () => {
    const owner = await freshMailbox();
    await t.model.putObject(
      owner,
      'calendar',
      'third.ics',
      simpleEvent('third', '20260316T093000Z', '20260316T094500Z'),
    );
    await t.model.putObject(
      owner,
      'calendar',
      'free.ics',
      simpleEvent('free', '20260309T090000Z', '20260309T100000Z', 'TRANSP:TRANSPARENT'),
    );
    const series = (uid: string, rule: string) =>
      t.model.putObject(
        owner,
        'calendar',
        `${uid}.ics`,
        simpleEvent(uid, '20260302T090000Z', '20260302T100000Z', rule),
        {
          requireFreeSlot: true,
        },
      );
    const weekly = await series('weekly', 'RRULE:FREQ=WEEKLY;COUNT=4');
    expect(weekly).toMatchObject({
      ok: false,
      refusal: { type: 'slotTaken', conflicts: [{ name: 'third.ics' }] },
    });
    const twoWeeks = await series('two-weeks', 'RRULE:FREQ=WEEKLY;COUNT=2');
    expect(twoWeeks.ok).toBe(true);
  });

  it('frees the slot when the booked event is removed or cancelled', async () => {
    const owner = await freshMailbox();
    const slot = ['20260312T090000Z', '20260312T100000Z'] as const;
    await t.model.putObject(owner, 'calendar', 'first.ics', simpleEvent('first', ...slot));
    await t.model.putObject(
      owner,
      'calendar',
      'first.ics',
      simpleEvent('first', ...slot, 'STATUS:CANCELLED'),
    );
    const second = await t.model.putObject(owner, 'calendar', 'second.ics', simpleEvent('second', ...slot), {
      requireFreeSlot: true,
    });
    expect(second.ok).toBe(true);
    await t.model.removeObject(owner, 'calendar', 'second.ics');
    const third = await t.model.putObject(owner, 'calendar', 'third.ics', simpleEvent('third', ...slot), {
      requireFreeSlot: true,
    });
    expect(third.ok).toBe(true);
  });
});
