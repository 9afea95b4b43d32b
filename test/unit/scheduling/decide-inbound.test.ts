import { describe, expect, it } from '@jest/globals';
import { decideInbound, type InboundChange } from '../../../lambdas/core/scheduling/decide-inbound';
import {
  attendeesOf,
  parseItip,
  parseSchedulingObject,
  schedulingComponents,
  storedText,
  type ItipMessage,
  type SchedulingObject,
} from '../../../lambdas/core/scheduling/itip-message';
import { ics, meeting, vevent } from './ics';

const BEN = { ownAddresses: ['ben@example.com'], from: 'ana@example.com' };
const ANA = { ownAddresses: ['ana@example.com'], from: 'ben@example.com' };

function message(text: string): ItipMessage {
  const parsed = parseItip(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}
function stored(text: string): SchedulingObject {
  const parsed = parseSchedulingObject(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}
/** The PARTSTAT of an address in each component of a stored change. */
function partstats(change: InboundChange, address: string): string[] {
  if (change.type !== 'store') throw new Error(`expected a store, got ${JSON.stringify(change)}`);
  return schedulingComponents(change.calendar).map(
    (component) => attendeesOf(component).find((attendee) => attendee.address === address)?.partstat ?? '-',
  );
}
function text(change: InboundChange): string {
  if (change.type !== 'store') throw new Error(`expected a store, got ${JSON.stringify(change)}`);
  return storedText(change.calendar);
}

describe('iTIP: REQUEST to an attendee', () => {
  it('creates the event from the organizer, without a METHOD, the attendee needing to answer', () => {
    const change = decideInbound(message(ics('REQUEST', meeting())), BEN);

    expect(text(change)).toMatch(/SUMMARY:Planning/);
    expect(text(change)).not.toMatch(/METHOD/);
    expect(partstats(change, 'ben@example.com')).toEqual(['NEEDS-ACTION']);
  });

  it('ignores a request whose sender is not the organizer', () => {
    const change = decideInbound(message(ics('REQUEST', meeting())), { ...BEN, from: 'eve@example.net' });

    expect(change).toEqual({ type: 'ignore', reason: 'sender is not the organizer' });
  });

  it("accepts a request sent by the organizer's SENT-BY", () => {
    const invitation = ics(
      'REQUEST',
      meeting().map((line) =>
        line.startsWith('ORGANIZER')
          ? 'ORGANIZER;SENT-BY="mailto:pa@example.com":mailto:ana@example.com'
          : line,
      ),
    );

    expect(decideInbound(message(invitation), { ...BEN, from: 'pa@example.com' }).type).toBe('store');
  });

  it('ignores an older sequence and the same version again', () => {
    const current = stored(ics(undefined, meeting('SEQUENCE:2')));

    expect(
      decideInbound(message(ics('REQUEST', meeting('SEQUENCE:1'))), { ...BEN, stored: current }),
    ).toEqual({
      type: 'ignore',
      reason: 'outdated',
    });
    expect(
      decideInbound(message(ics('REQUEST', meeting('SEQUENCE:2'))), { ...BEN, stored: current }),
    ).toEqual({
      type: 'ignore',
      reason: 'already applied',
    });
  });

  it('orders versions of one sequence by DTSTAMP', () => {
    const current = stored(ics(undefined, meeting('SEQUENCE:1', 'DTSTAMP:20261205T100000Z')));
    const older = ics('REQUEST', meeting('SEQUENCE:1', 'DTSTAMP:20261205T090000Z'));
    const newer = ics('REQUEST', meeting('SEQUENCE:1', 'DTSTAMP:20261205T110000Z', 'LOCATION:Room 2'));

    expect(decideInbound(message(older), { ...BEN, stored: current }).type).toBe('ignore');
    expect(text(decideInbound(message(newer), { ...BEN, stored: current }))).toMatch(/LOCATION:Room 2/);
  });

  it("keeps the attendee's answer to the same sequence, and asks again for a new one", () => {
    const answered = stored(
      ics(
        undefined,
        meeting('SEQUENCE:1').map((line) =>
          line.replace('NEEDS-ACTION;RSVP=TRUE:mailto:ben', 'ACCEPTED:mailto:ben'),
        ),
      ),
    );
    const resent = ics('REQUEST', meeting('SEQUENCE:1', 'DTSTAMP:20261205T110000Z'));
    const moved = ics('REQUEST', meeting('SEQUENCE:2', 'DTSTAMP:20261205T110000Z'));

    expect(
      partstats(decideInbound(message(resent), { ...BEN, stored: answered }), 'ben@example.com'),
    ).toEqual(['ACCEPTED']);
    expect(partstats(decideInbound(message(moved), { ...BEN, stored: answered }), 'ben@example.com')).toEqual(
      ['NEEDS-ACTION'],
    );
  });

  it('ignores a request from another organizer for a UID already stored', () => {
    const current = stored(
      ics(
        undefined,
        meeting().map((line) => line.replace('ORGANIZER;CN=Ana:mailto:ana', 'ORGANIZER:mailto:olga')),
      ),
    );

    expect(
      decideInbound(message(ics('REQUEST', meeting('SEQUENCE:5'))), { ...BEN, stored: current }),
    ).toEqual({
      type: 'ignore',
      reason: 'another organizer',
    });
  });

  it('updates only the instance a request names, keeping the rest of the series', () => {
    const series = stored(ics(undefined, meeting('RRULE:FREQ=DAILY;COUNT=5')));
    const instance = ics(
      'REQUEST',
      meeting('RECURRENCE-ID:20261212T090000Z', 'LOCATION:Moved').map((line) =>
        line.replace('DTSTART:20261210T090000Z', 'DTSTART:20261212T140000Z'),
      ),
    );

    const result = text(decideInbound(message(instance), { ...BEN, stored: series }));

    expect(result).toMatch(/RRULE:FREQ=DAILY;COUNT=5/);
    expect(result).toMatch(/RECURRENCE-ID:20261212T090000Z/);
    expect(result).toMatch(/LOCATION:Moved/);
  });

  it('ignores an invitation the recipient organizes', () => {
    const change = decideInbound(message(ics('REQUEST', meeting())), {
      ...BEN,
      ownAddresses: ['ana@example.com'],
    });

    expect(change).toEqual({ type: 'ignore', reason: 'the recipient is the organizer' });
  });
});

describe('iTIP: CANCEL to an attendee', () => {
  it('marks the whole event cancelled', () => {
    const current = stored(ics(undefined, meeting()));

    const change = decideInbound(message(ics('CANCEL', meeting('SEQUENCE:1'))), { ...BEN, stored: current });

    expect(text(change)).toMatch(/STATUS:CANCELLED/);
  });

  it('excludes one instance of a series without an override, keeping its time zone form', () => {
    const current = stored(ics(undefined, meeting('RRULE:FREQ=DAILY;COUNT=5')));
    const cancel = ics(
      'CANCEL',
      vevent('ORGANIZER:mailto:ana@example.com', 'RECURRENCE-ID:20261211T090000Z'),
    );

    const result = text(decideInbound(message(cancel), { ...BEN, stored: current }));

    expect(result).toMatch(/EXDATE:20261211T090000Z/);
    expect(result).not.toMatch(/STATUS:CANCELLED/);
  });

  it('cancels an override that exists', () => {
    const current = stored(
      ics(undefined, meeting('RRULE:FREQ=DAILY;COUNT=5'), meeting('RECURRENCE-ID:20261211T090000Z')),
    );
    const cancel = ics(
      'CANCEL',
      vevent('ORGANIZER:mailto:ana@example.com', 'RECURRENCE-ID:20261211T090000Z'),
    );

    const result = text(decideInbound(message(cancel), { ...BEN, stored: current }));

    expect(result.match(/STATUS:CANCELLED/g)).toHaveLength(1);
  });

  it('changes nothing for an unknown event, another sender, or a second cancel', () => {
    const cancelled = stored(ics(undefined, meeting('STATUS:CANCELLED')));
    const cancel = message(ics('CANCEL', meeting()));

    expect(decideInbound(cancel, BEN)).toEqual({ type: 'ignore', reason: 'no such event' });
    expect(decideInbound(cancel, { ...BEN, from: 'ben@example.com', stored: cancelled }).type).toBe('ignore');
    expect(decideInbound(cancel, { ...BEN, stored: cancelled })).toEqual({
      type: 'ignore',
      reason: 'already applied',
    });
  });
});

describe('iTIP: REPLY to the organizer', () => {
  const organizerCopy = stored(ics(undefined, meeting('SEQUENCE:1')));
  const answer = (partstat: string, ...extra: string[]) =>
    message(
      ics(
        'REPLY',
        vevent(
          'ORGANIZER:mailto:ana@example.com',
          `ATTENDEE;PARTSTAT=${partstat}:mailto:ben@example.com`,
          'SEQUENCE:1',
          ...extra,
        ),
      ),
    );

  it("sets the replying attendee's PARTSTAT in the organizer's copy", () => {
    const change = decideInbound(answer('ACCEPTED'), { ...ANA, stored: organizerCopy });

    expect(partstats(change, 'ben@example.com')).toEqual(['ACCEPTED']);
    expect(text(change)).not.toMatch(/RSVP/);
  });

  it('ignores a reply whose sender is not that attendee', () => {
    const change = decideInbound(answer('DECLINED'), {
      ...ANA,
      from: 'eve@example.net',
      stored: organizerCopy,
    });

    expect(change).toEqual({ type: 'ignore', reason: 'sender is not the attendee' });
  });

  it('ignores replies to an older sequence, from uninvited people, and to other organizers', () => {
    const outdated = message(
      ics(
        'REPLY',
        vevent('ORGANIZER:mailto:ana@example.com', 'ATTENDEE;PARTSTAT=DECLINED:mailto:ben@example.com'),
      ),
    );
    const crasher = message(
      ics(
        'REPLY',
        vevent('ORGANIZER:mailto:ana@example.com', 'ATTENDEE;PARTSTAT=ACCEPTED:mailto:eve@example.net'),
      ),
    );

    expect(decideInbound(outdated, { ...ANA, stored: organizerCopy })).toEqual({
      type: 'ignore',
      reason: 'outdated',
    });
    expect(decideInbound(crasher, { ...ANA, from: 'eve@example.net', stored: organizerCopy })).toEqual({
      type: 'ignore',
      reason: 'not invited',
    });
    expect(decideInbound(answer('ACCEPTED'), { ...BEN, stored: organizerCopy })).toEqual({
      type: 'ignore',
      reason: 'the recipient is not the organizer',
    });
  });

  it('answers one instance of a series in its override', () => {
    const series = stored(
      ics(
        undefined,
        meeting('SEQUENCE:1', 'RRULE:FREQ=DAILY;COUNT=3'),
        meeting('SEQUENCE:1', 'RECURRENCE-ID:20261211T090000Z'),
      ),
    );

    const change = decideInbound(answer('DECLINED', 'RECURRENCE-ID:20261211T090000Z'), {
      ...ANA,
      stored: series,
    });

    expect(partstats(change, 'ben@example.com')).toEqual(['NEEDS-ACTION', 'DECLINED']);
  });
});

describe('iTIP: REFRESH, COUNTER and the rest', () => {
  const organizerCopy = stored(ics(undefined, meeting()));
  const refresh = message(
    ics('REFRESH', vevent('ORGANIZER:mailto:ana@example.com', 'ATTENDEE:mailto:ben@example.com')),
  );

  it('sends the event again to an invited attendee who asks', () => {
    expect(decideInbound(refresh, { ...ANA, stored: organizerCopy })).toEqual({
      type: 'refresh',
      attendee: 'ben@example.com',
    });
  });

  it('does not refresh for someone who is not invited', () => {
    expect(decideInbound(refresh, { ...ANA, from: 'eve@example.net', stored: organizerCopy })).toEqual({
      type: 'ignore',
      reason: 'sender is not an attendee',
    });
  });

  it('leaves the calendar alone for a COUNTER (the mail shows it)', () => {
    const counter = message(ics('COUNTER', meeting('DTSTART:20261211T090000Z')));

    expect(decideInbound(counter, { ...ANA, stored: organizerCopy })).toEqual({
      type: 'ignore',
      reason: 'shown as mail only',
    });
  });

  it('adds instances an ADD names to the stored event', () => {
    const series = stored(ics(undefined, meeting('RRULE:FREQ=DAILY;COUNT=3')));
    const added = message(ics('ADD', meeting('RECURRENCE-ID:20261220T090000Z', 'SEQUENCE:1')));

    expect(text(decideInbound(added, { ...BEN, stored: series }))).toMatch(/RECURRENCE-ID:20261220T090000Z/);
  });
});
