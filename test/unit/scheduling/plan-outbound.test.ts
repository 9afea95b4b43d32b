import { describe, expect, it } from '@jest/globals';
import { planOutbound, type OutgoingItip } from '../../../lambdas/core/scheduling/plan-outbound';
import {
  attendeesOf,
  parseSchedulingObject,
  schedulingComponents,
  type SchedulingObject,
} from '../../../lambdas/core/scheduling/itip-message';
import { ics, meeting } from './ics';

const NOW = Date.UTC(2026, 11, 6, 12);
const ANA = { ownAddresses: ['ana@example.com'], now: NOW };
const BEN = { ownAddresses: ['ben@example.com'], now: NOW };

function object(...components: string[][]): SchedulingObject {
  const parsed = parseSchedulingObject(ics(undefined, ...components));
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}
const summary = (messages: OutgoingItip[]) =>
  messages.map((message) => ({ method: message.method, recipients: message.recipients }));
const answered = (partstat: string, ...extra: string[]) =>
  meeting(...extra).map((line) =>
    line.replace('PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:ben', `PARTSTAT=${partstat}:mailto:ben`),
  );

describe('Implicit scheduling: the organizer changes an event', () => {
  it('invites every attendee but the organizer when the event is created, stamped now', () => {
    const messages = planOutbound(ANA, undefined, object(meeting()));

    expect(summary(messages)).toEqual([{ method: 'REQUEST', recipients: ['ben@example.com'] }]);
    const stamp = schedulingComponents(messages[0]!.calendar)[0]!.getFirstPropertyValue('dtstamp');
    expect(String(stamp)).toBe('2026-12-06T12:00:00Z');
  });

  it('sends the change to every attendee when the time moves', () => {
    const moved = meeting('SEQUENCE:1').map((line) => line.replace('T090000Z', 'T110000Z'));

    expect(summary(planOutbound(ANA, object(meeting()), object(moved)))).toEqual([
      { method: 'REQUEST', recipients: ['ben@example.com'] },
    ]);
  });

  it('sends nothing when only answers and time stamps changed', () => {
    const after = object(answered('ACCEPTED', 'DTSTAMP:20261206T100000Z'));

    expect(planOutbound(ANA, object(meeting()), after)).toEqual([]);
  });

  it('invites only an added attendee when nothing else changed, and cancels a removed one', () => {
    const added = object(meeting('ATTENDEE:mailto:cleo@example.com'));
    const withoutBen = object(
      meeting('ATTENDEE:mailto:cleo@example.com').filter((line) => !line.includes('ben@')),
    );

    expect(summary(planOutbound(ANA, object(meeting()), added))).toEqual([
      { method: 'REQUEST', recipients: ['cleo@example.com'] },
    ]);
    expect(summary(planOutbound(ANA, added, withoutBen))).toEqual([
      { method: 'CANCEL', recipients: ['ben@example.com'] },
    ]);
  });

  it('cancels for every attendee when the event is deleted or marked cancelled', () => {
    const deleted = planOutbound(ANA, object(meeting()), undefined);
    const cancelled = planOutbound(ANA, object(meeting()), object(meeting('STATUS:CANCELLED')));

    expect(summary(deleted)).toEqual([{ method: 'CANCEL', recipients: ['ben@example.com'] }]);
    expect(summary(cancelled)).toEqual([{ method: 'CANCEL', recipients: ['ben@example.com'] }]);
    const status = schedulingComponents(deleted[0]!.calendar)[0]!.getFirstPropertyValue('status');
    expect(status).toBe('CANCELLED');
  });

  it('sends nothing when the organizer schedules (SCHEDULE-AGENT=CLIENT), nor to such attendees', () => {
    const clientScheduled = meeting().map((line) =>
      line.replace('ORGANIZER;CN=Ana', 'ORGANIZER;CN=Ana;SCHEDULE-AGENT=CLIENT'),
    );
    const attendeeByClient = meeting('ATTENDEE;SCHEDULE-AGENT=CLIENT:mailto:cleo@example.com');

    expect(planOutbound(ANA, undefined, object(clientScheduled))).toEqual([]);
    expect(summary(planOutbound(ANA, undefined, object(attendeeByClient)))).toEqual([
      { method: 'REQUEST', recipients: ['ben@example.com'] },
    ]);
  });
});

describe('Implicit scheduling: an attendee answers', () => {
  it('replies to the organizer with only their own ATTENDEE when their PARTSTAT changes', () => {
    const messages = planOutbound(BEN, object(meeting()), object(answered('ACCEPTED')));

    expect(summary(messages)).toEqual([{ method: 'REPLY', recipients: ['ana@example.com'] }]);
    const attendees = attendeesOf(schedulingComponents(messages[0]!.calendar)[0]!);
    expect(attendees.map(({ address, partstat }) => ({ address, partstat }))).toEqual([
      { address: 'ben@example.com', partstat: 'ACCEPTED' },
    ]);
  });

  it('sends nothing when the answer did not change, or the attendee schedules themselves', () => {
    const byClient = answered('ACCEPTED').map((line) =>
      line.replace('PARTSTAT=ACCEPTED:mailto:ben', 'PARTSTAT=ACCEPTED;SCHEDULE-AGENT=CLIENT:mailto:ben'),
    );

    expect(
      planOutbound(BEN, object(answered('ACCEPTED')), object(answered('ACCEPTED', 'LOCATION:x'))),
    ).toEqual([]);
    expect(planOutbound(BEN, object(meeting()), object(byClient))).toEqual([]);
  });

  it('declines when the attendee deletes an event they had not declined', () => {
    const messages = planOutbound(BEN, object(answered('ACCEPTED')), undefined);

    expect(summary(messages)).toEqual([{ method: 'REPLY', recipients: ['ana@example.com'] }]);
    expect(attendeesOf(schedulingComponents(messages[0]!.calendar)[0]!)[0]!.partstat).toBe('DECLINED');
    expect(planOutbound(BEN, object(answered('DECLINED')), undefined)).toEqual([]);
  });

  it('names a delegate who answers for the attendee as SENT-BY', () => {
    const messages = planOutbound(
      { ...BEN, sentBy: 'pa@example.com' },
      object(meeting()),
      object(answered('DECLINED')),
    );

    expect(attendeesOf(schedulingComponents(messages[0]!.calendar)[0]!)[0]!.sentBy).toBe('pa@example.com');
  });

  it('answers only the instance whose PARTSTAT changed', () => {
    const before = object(meeting('RRULE:FREQ=DAILY;COUNT=3'), meeting('RECURRENCE-ID:20261211T090000Z'));
    const after = object(
      meeting('RRULE:FREQ=DAILY;COUNT=3'),
      answered('DECLINED', 'RECURRENCE-ID:20261211T090000Z'),
    );

    const components = schedulingComponents(planOutbound(BEN, before, after)[0]!.calendar);

    expect(components.map((component) => String(component.getFirstPropertyValue('recurrence-id')))).toEqual([
      '2026-12-11T09:00:00Z',
    ]);
  });
});
