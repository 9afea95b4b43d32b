import { jest } from '@jest/globals';
import type { MailboxRef } from '../../lambdas/core/calendar/types';
import { parseMessageHeaders } from '../../lambdas/core/delivery/parse-headers';
import { scheduleChange } from '../../lambdas/core/scheduling/schedule-change';
import { ics, meeting, vevent } from '../unit/scheduling/ics';
import { ORG, schedulingHarness } from '../support/scheduling';

type Harness = Awaited<ReturnType<typeof schedulingHarness>>;

const stored = (text: string) => text.replace(/METHOD:[A-Z]+\r\n/, '');

describe('Invitations and answers between users (real calendar model)', () => {
  let h: Harness;
  let ana: MailboxRef;
  let ben: MailboxRef;
  const ANA = { organizationId: ORG, userId: 'S-1-1-ana', email: 'ana@example.com' };
  const BEN = { organizationId: ORG, userId: 'S-1-1-ben', email: 'ben@example.com' };

  beforeAll(async () => {
    h = await schedulingHarness();
    ana = await h.addUser('ana');
    ben = await h.addUser('ben');
  });
  afterAll(() => h.close());
  beforeEach(() => h.sent.splice(0));

  it("puts a REQUEST into the attendee's calendar, needing an answer, once however often it arrives", async () => {
    const request = ics('REQUEST', meeting('UID:i-1'));

    const first = await h.itip('ana@example.com', 'ben@example.com', 'REQUEST', request);
    const copy = await h.t.model.findByUid(ben, 'calendar', 'i-1');
    const again = await h.itip('ana@example.com', 'ben@example.com', 'REQUEST', request);

    expect(first).toBe('REQUEST applied');
    expect(again).toBe('already applied');
    expect(await h.partstat(ben, 'i-1', 'ben@example.com')).toBe('NEEDS-ACTION');
    expect((await h.t.model.findByUid(ben, 'calendar', 'i-1'))?.etag).toBe(copy?.etag);
    expect(copy?.content).not.toMatch(/METHOD/);
  });

  it("updates the organizer's copy from the attendee's REPLY, and not from anyone else's", async () => {
    await h.t.model.putObject(ana, 'calendar', 'i-2.ics', stored(ics(undefined, meeting('UID:i-2'))));
    const reply = (partstat: string) =>
      ics(
        'REPLY',
        vevent(
          'UID:i-2',
          'ORGANIZER:mailto:ana@example.com',
          `ATTENDEE;PARTSTAT=${partstat}:mailto:ben@example.com`,
        ),
      );

    const forged = await h.itip('eve@example.net', 'ana@example.com', 'REPLY', reply('DECLINED'));
    const real = await h.itip('ben@example.com', 'ana@example.com', 'REPLY', reply('ACCEPTED'));

    expect(forged).toBe('sender is not the attendee');
    expect(real).toBe('REPLY applied');
    expect(await h.partstat(ana, 'i-2', 'ben@example.com')).toBe('ACCEPTED');
  });

  it("marks the attendee's event cancelled on the organizer's CANCEL", async () => {
    await h.itip('ana@example.com', 'ben@example.com', 'REQUEST', ics('REQUEST', meeting('UID:i-3')));

    const result = await h.itip(
      'ana@example.com',
      'ben@example.com',
      'CANCEL',
      ics('CANCEL', meeting('UID:i-3', 'SEQUENCE:1', 'STATUS:CANCELLED')),
    );

    expect(result).toBe('CANCEL applied');
    expect((await h.t.model.findByUid(ben, 'calendar', 'i-3'))?.content).toMatch(/STATUS:CANCELLED/);
    const busy = await h.t.model.busyPeriods(ben, {
      start: Date.UTC(2026, 11, 10),
      end: Date.UTC(2026, 11, 11),
    });
    expect(busy.map((period) => period.uid)).not.toContain('i-3');
  });

  it('passes a message without a calendar part by without reading the calendar', async () => {
    const raw = Buffer.from('From: ana@example.com\r\nTo: ben@example.com\r\nSubject: Hi\r\n\r\nHello\r\n');
    const findByUid = jest.spyOn(h.t.model, 'findByUid');

    const result = await h.inbox.received({
      messageId: 'plain',
      target: {
        recipient: 'ben@example.com',
        organizationId: ORG,
        mailboxId: ben.mailboxId,
        kind: 'USER',
        quotaBytes: 1e9,
      },
      raw,
      headers: parseMessageHeaders(raw),
    });

    expect(result).toBe('no calendar part');
    expect(findByUid).not.toHaveBeenCalled();
    findByUid.mockRestore();
  });

  it("sends the organizer's new event to the attendee, whose answer comes back into the organizer's copy", async () => {
    const created = stored(ics(undefined, meeting('UID:i-4')));
    await h.t.model.putObject(ana, 'calendar', 'i-4.ics', created);

    const invited = await scheduleChange(h.deps, { actor: ANA, owner: ana, after: created });
    const received = (await h.t.model.findByUid(ben, 'calendar', 'i-4'))!.content;
    const accepted = received.replace(
      'PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:ben',
      'PARTSTAT=ACCEPTED:mailto:ben',
    );
    await h.t.model.putObject(ben, 'calendar', 'i-4.ics', accepted);
    const answered = await scheduleChange(h.deps, {
      actor: BEN,
      owner: ben,
      before: received,
      after: accepted,
    });

    expect(invited.sent).toEqual([{ method: 'REQUEST', recipients: ['ben@example.com'], outcome: 'sent' }]);
    expect(answered.sent).toEqual([{ method: 'REPLY', recipients: ['ana@example.com'], outcome: 'sent' }]);
    expect(h.sent.map(({ from, method }) => ({ from, method }))).toEqual([
      { from: 'ana@example.com', method: 'REQUEST' },
      { from: 'ben@example.com', method: 'REPLY' },
    ]);
    expect(await h.partstat(ana, 'i-4', 'ben@example.com')).toBe('ACCEPTED');
  });

  it('cancels for the attendees when the organizer deletes the event', async () => {
    const created = stored(ics(undefined, meeting('UID:i-5')));
    await scheduleChange(h.deps, { actor: ANA, owner: ana, after: created });

    const outcome = await scheduleChange(h.deps, { actor: ANA, owner: ana, before: created });

    expect(outcome.sent.map((each) => each.method)).toEqual(['CANCEL']);
    expect((await h.t.model.findByUid(ben, 'calendar', 'i-5'))?.content).toMatch(/STATUS:CANCELLED/);
  });

  it('sends the current event again to an attendee who asks with REFRESH', async () => {
    await h.t.model.putObject(ana, 'calendar', 'i-6.ics', stored(ics(undefined, meeting('UID:i-6'))));

    const result = await h.itip(
      'ben@example.com',
      'ana@example.com',
      'REFRESH',
      ics(
        'REFRESH',
        vevent('UID:i-6', 'ORGANIZER:mailto:ana@example.com', 'ATTENDEE:mailto:ben@example.com'),
      ),
    );

    expect(result).toBe('sent');
    expect(h.sent.map(({ from, to, method }) => ({ from, to, method }))).toEqual([
      { from: 'ana@example.com', to: ['ben@example.com'], method: 'REQUEST' },
    ]);
    expect(await h.t.model.findByUid(ben, 'calendar', 'i-6')).toBeDefined();
  });
});
