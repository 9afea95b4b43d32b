import type { MailboxRef } from '../../lambdas/core/calendar/types';
import { ics, meeting as baseMeeting, vevent } from '../unit/scheduling/ics';
import { scheduleChange } from '../../lambdas/core/scheduling/schedule-change';
import { schedulingHarness } from '../support/scheduling';

type Harness = Awaited<ReturnType<typeof schedulingHarness>>;

const AUTO = {
  AutoAcceptRequests: true,
  AutoDeclineRecurringRequests: true,
  AutoDeclineConflictingRequests: true,
};

/** Ana's meeting `uid` from `start` to `end` (UTC, `YYYYMMDDTHHMMSSZ`) with `room` as an attendee. */
function booking(
  uid: string,
  room: string,
  start = '20261210T090000Z',
  end = '20261210T100000Z',
  ...extra: string[]
) {
  return ics(
    'REQUEST',
    baseMeeting(`UID:${uid}`, `ATTENDEE;CUTYPE=ROOM;RSVP=TRUE:mailto:${room}`, ...extra).map((line) =>
      line.startsWith('DTSTART') ? `DTSTART:${start}` : line.startsWith('DTEND') ? `DTEND:${end}` : line,
    ),
  );
}

describe('Resource booking (real calendar model)', () => {
  let h: Harness;
  let room: MailboxRef;
  let ana: MailboxRef;

  beforeAll(async () => {
    h = await schedulingHarness();
    ana = await h.addUser('ana');
    await h.addUser('ben');
    await h.addUser('pat');
    room = await h.addResource('room', AUTO);
    await h.addResource('studio', { ...AUTO, AutoAcceptRequests: false }, ['pat@example.com']);
    await h.addResource('hall', {
      ...AUTO,
      AutoDeclineConflictingRequests: false,
      AutoDeclineRecurringRequests: false,
    });
  });
  afterAll(() => h.close());
  beforeEach(() => h.sent.splice(0));

  const busy = (owner: MailboxRef) =>
    h.t.model.busyPeriods(owner, { start: Date.UTC(2026, 11, 1), end: Date.UTC(2027, 0, 1) });

  it('accepts a request into the resource calendar and answers ACCEPTED from the resource', async () => {
    const request = booking('b-accept', 'room@example.com');
    await h.t.model.putObject(ana, 'calendar', 'b-accept.ics', request.replace('METHOD:REQUEST\r\n', ''));

    const result = await h.itip('ana@example.com', 'room@example.com', 'REQUEST', request);

    expect(result).toBe('accepted');
    expect(await h.partstat(room, 'b-accept', 'room@example.com')).toBe('ACCEPTED');
    expect(h.sent.map(({ from, to, method }) => ({ from, to, method }))).toEqual([
      { from: 'room@example.com', to: ['ana@example.com'], method: 'REPLY' },
    ]);
    expect(h.sent[0]!.subject).toBe('Accepted: Planning');
    expect(await h.partstat(ana, 'b-accept', 'room@example.com')).toBe('ACCEPTED');
  });

  it('declines a request that clashes with a booking and stores nothing', async () => {
    const result = await h.itip(
      'ana@example.com',
      'room@example.com',
      'REQUEST',
      booking('b-clash', 'room@example.com', '20261210T093000Z', '20261210T103000Z'),
    );

    expect(result).toBe('declined: conflict');
    expect(await h.t.model.findByUid(room, 'calendar', 'b-clash')).toBeUndefined();
    expect(h.sent.map(({ method, subject }) => ({ method, subject }))).toEqual([
      { method: 'REPLY', subject: 'Declined: Planning' },
    ]);
  });

  it('books a clashing request when the resource allows conflicts', async () => {
    const hall = { organizationId: room.organizationId, mailboxId: 'S-1-1-hall' };
    await h.itip('ana@example.com', 'hall@example.com', 'REQUEST', booking('h-1', 'hall@example.com'));

    const result = await h.itip(
      'ana@example.com',
      'hall@example.com',
      'REQUEST',
      booking('h-2', 'hall@example.com'),
    );

    expect(result).toBe('accepted');
    expect((await busy(hall)).map((period) => period.uid).sort()).toEqual(['h-1', 'h-2']);
  });

  it('declines a recurring request when AutoDeclineRecurringRequests is on', async () => {
    const result = await h.itip(
      'ana@example.com',
      'room@example.com',
      'REQUEST',
      booking(
        'b-weekly',
        'room@example.com',
        '20261214T090000Z',
        '20261214T100000Z',
        'RRULE:FREQ=WEEKLY;COUNT=4',
      ),
    );

    expect(result).toBe('declined: recurring');
    expect(await h.t.model.findByUid(room, 'calendar', 'b-weekly')).toBeUndefined();
  });

  it('frees the slot when the organizer cancels, so the next request for it is accepted', async () => {
    const cancel = ics('CANCEL', vevent('UID:b-accept', 'ORGANIZER:mailto:ana@example.com', 'SEQUENCE:1'));

    expect(await h.itip('ana@example.com', 'room@example.com', 'CANCEL', cancel)).toBe('cancelled');
    expect(await h.t.model.findByUid(room, 'calendar', 'b-accept')).toBeUndefined();
    expect(
      await h.itip('ana@example.com', 'room@example.com', 'REQUEST', booking('b-after', 'room@example.com')),
    ).toBe('accepted');
  });

  it('ignores a cancellation from someone other than the organizer', async () => {
    const cancel = ics('CANCEL', vevent('UID:b-after', 'ORGANIZER:mailto:ana@example.com', 'SEQUENCE:1'));

    expect(await h.itip('ben@example.com', 'room@example.com', 'CANCEL', cancel)).toBe(
      'sender is not the organizer',
    );
    expect(await h.t.model.findByUid(room, 'calendar', 'b-after')).toBeDefined();
  });

  it('accepts exactly one of two concurrent requests for one slot', async () => {
    const results = await Promise.all(
      ['b-race-1', 'b-race-2'].map((uid) =>
        h.itip(
          'ana@example.com',
          'room@example.com',
          'REQUEST',
          booking(uid, 'room@example.com', '20261211T090000Z', '20261211T100000Z'),
        ),
      ),
    );

    expect(results.sort()).toEqual(['accepted', 'declined: conflict']);
    const booked = (await busy(room)).filter((period) => period.start === Date.UTC(2026, 11, 11, 9));
    expect(booked).toHaveLength(1);
  });

  describe('bad input', () => {
    const lab = () => ({ organizationId: room.organizationId, mailboxId: 'S-1-1-lab' });

    it('declines a request whose RRULE never ends, every second, within bounds', async () => {
      await h.addResource('lab', { ...AUTO, AutoDeclineRecurringRequests: false });
      const started = Date.now();

      const result = await h.itip(
        'ana@example.com',
        'lab@example.com',
        'REQUEST',
        booking('bomb', 'lab@example.com', '20261215T090000Z', '20261215T090001Z', 'RRULE:FREQ=SECONDLY'),
      );

      expect(result).toBe('declined: not bookable');
      expect(h.sent.map(({ method, subject }) => ({ method, subject }))).toEqual([
        { method: 'REPLY', subject: 'Declined: Planning' },
      ]);
      expect(Date.now() - started).toBeLessThan(20_000);
    });

    it('refuses malformed iCalendar and 10,000 attendees for scheduling, storing nothing', async () => {
      const raw = (calendar: string) =>
        Buffer.from(
          [
            'From: ana@example.com',
            'To: lab@example.com',
            'Content-Type: text/calendar; method=REQUEST; charset=utf-8',
            '',
            calendar,
          ].join('\r\n'),
        );
      const crowd = Array.from({ length: 10_000 }, (_, index) => `ATTENDEE:mailto:p${index}@example.net`);

      const unterminated = await h.deliver(
        'lab@example.com',
        raw('BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:broken\r\n'),
      );
      const crowded = await h.deliver(
        'lab@example.com',
        raw(booking('crowd', 'lab@example.com', undefined, undefined, ...crowd)),
      );

      expect(unterminated).toBe('refused: not valid iCalendar');
      expect(crowded).toBe('refused: too many attendees');
      expect(await h.t.model.findByUid(lab(), 'calendar', 'broken')).toBeUndefined();
      expect(await h.t.model.findByUid(lab(), 'calendar', 'crowd')).toBeUndefined();
    });

    it('does nothing with a request that does not name the resource', async () => {
      const result = await h.itip(
        'ana@example.com',
        'lab@example.com',
        'REQUEST',
        ics('REQUEST', baseMeeting('UID:not-me')),
      );

      expect(result).toBe('not invited');
      expect(h.sent).toEqual([]);
    });
  });

  describe('with delegates (AutoAcceptRequests off)', () => {
    const studio = () => ({ organizationId: room.organizationId, mailboxId: 'S-1-1-studio' });
    const answer = (uid: string, partstat: string) =>
      ics(
        'REPLY',
        vevent(
          `UID:${uid}`,
          'ORGANIZER:mailto:ana@example.com',
          `ATTENDEE;PARTSTAT=${partstat};SENT-BY="mailto:pat@example.com":mailto:studio@example.com`,
        ),
      );

    it('keeps the request pending without blocking the slot and sends it to the delegates', async () => {
      const result = await h.itip(
        'ana@example.com',
        'studio@example.com',
        'REQUEST',
        booking('s-1', 'studio@example.com'),
      );

      expect(result).toBe('pending, sent to delegates');
      expect(await h.partstat(studio(), 's-1', 'studio@example.com')).toBe('NEEDS-ACTION');
      expect(await busy(studio())).toEqual([]);
      expect(h.sent[0]!.mail.raw.toString()).toMatch(/ana@example.com asks to book studio@example.com/);
      expect(h.sent.map(({ from, to, method, subject }) => ({ from, to, method, subject }))).toEqual([
        {
          from: 'studio@example.com',
          to: ['pat@example.com'],
          method: 'REQUEST',
          subject: 'Booking request for studio@example.com: Planning',
        },
      ]);
      expect(
        await h.t.model.findByUid(
          { organizationId: room.organizationId, mailboxId: 'S-1-1-pat' },
          'calendar',
          's-1',
        ),
      ).toBeUndefined();
    });

    it("books on the delegate's approval and answers the organizer in the resource's name", async () => {
      const result = await h.itip(
        'pat@example.com',
        'studio@example.com',
        'REPLY',
        answer('s-1', 'ACCEPTED'),
      );

      expect(result).toBe('accepted');
      expect(await h.partstat(studio(), 's-1', 'studio@example.com')).toBe('ACCEPTED');
      expect((await busy(studio())).map((period) => period.uid)).toEqual(['s-1']);
      expect(h.sent.map(({ from, to, method }) => ({ from, to, method }))).toEqual([
        { from: 'studio@example.com', to: ['ana@example.com'], method: 'REPLY' },
      ]);
      expect(h.sent[0]!.calendarText).toMatch(/SENT-BY="mailto:pat@example.com"/);
    });

    it('does not ask the delegates again when the organizer re-sends an approved request', async () => {
      const resent = booking('s-1', 'studio@example.com').replace(
        'DTSTAMP:20261204T120000Z',
        'DTSTAMP:20261205T120000Z',
      );

      const result = await h.itip('ana@example.com', 'studio@example.com', 'REQUEST', resent);

      expect(result).toBe('already answered by a delegate');
      expect(h.sent).toEqual([]);
    });

    it('leaves TENTATIVE answers, counters and refreshes to the mail', async () => {
      const tentative = await h.itip(
        'pat@example.com',
        'studio@example.com',
        'REPLY',
        answer('s-1', 'TENTATIVE'),
      );
      const counter = await h.itip(
        'ana@example.com',
        'studio@example.com',
        'COUNTER',
        booking('s-1', 'studio@example.com'),
      );

      expect(tentative).toBe('answer not supported');
      expect(counter).toBe('shown as mail only');
      expect(await h.partstat(studio(), 's-1', 'studio@example.com')).toBe('ACCEPTED');
    });

    it("removes the request on the delegate's decline and answers DECLINED", async () => {
      await h.itip(
        'ana@example.com',
        'studio@example.com',
        'REQUEST',
        booking('s-2', 'studio@example.com', '20261212T090000Z', '20261212T100000Z'),
      );
      h.sent.splice(0);

      const result = await h.itip(
        'pat@example.com',
        'studio@example.com',
        'REPLY',
        answer('s-2', 'DECLINED'),
      );

      expect(result).toBe('declined: by a delegate');
      expect(await h.t.model.findByUid(studio(), 'calendar', 's-2')).toBeUndefined();
      expect(h.sent.map(({ method, subject }) => ({ method, subject }))).toEqual([
        { method: 'REPLY', subject: 'Declined: Planning' },
      ]);
    });

    it("sends the resource's answer when a delegate accepts in the resource calendar over CalDAV", async () => {
      const request = booking('s-4', 'studio@example.com', '20261214T130000Z', '20261214T140000Z');
      await h.t.model.putObject(ana, 'calendar', 's-4.ics', request.replace('METHOD:REQUEST\r\n', ''));
      await h.itip('ana@example.com', 'studio@example.com', 'REQUEST', request);
      const pending = (await h.t.model.findByUid(studio(), 'calendar', 's-4'))!.content;
      const accepted = pending.replace(
        /PARTSTAT=NEEDS-ACTION(;RSVP=TRUE)?:mailto:studio/,
        'PARTSTAT=ACCEPTED:mailto:studio',
      );
      h.sent.splice(0);

      const outcome = await scheduleChange(h.deps, {
        actor: { organizationId: room.organizationId, userId: 'S-1-1-pat', email: 'pat@example.com' },
        owner: studio(),
        before: pending,
        after: accepted,
      });

      expect(outcome.sent).toEqual([{ method: 'REPLY', recipients: ['ana@example.com'], outcome: 'sent' }]);
      expect(h.sent[0]).toMatchObject({ from: 'studio@example.com', sender: 'pat@example.com' });
      expect(h.sent[0]!.calendarText).toMatch(/SENT-BY="mailto:pat@example.com"/);
      expect(await h.partstat(ana, 's-4', 'studio@example.com')).toBe('ACCEPTED');
    });

    it('ignores an answer from someone who is not a delegate', async () => {
      await h.itip(
        'ana@example.com',
        'studio@example.com',
        'REQUEST',
        booking('s-3', 'studio@example.com', '20261213T090000Z', '20261213T100000Z'),
      );
      const forged = answer('s-3', 'ACCEPTED').replace('mailto:pat@example.com', 'mailto:ben@example.com');

      expect(await h.itip('ben@example.com', 'studio@example.com', 'REPLY', forged)).toBe(
        'sender is not a delegate',
      );
      expect(await h.partstat(studio(), 's-3', 'studio@example.com')).toBe('NEEDS-ACTION');
    });
  });
});
