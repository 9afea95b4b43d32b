import { describe, expect, it } from '@jest/globals';
import {
  ITIP_LIMITS,
  calendarAddress,
  itipText,
  parseItip,
  parseSchedulingObject,
  storedText,
} from '../../../lambdas/core/scheduling/itip-message';
import { ics, meeting, vevent } from './ics';

describe('iTIP message parsing', () => {
  it('reads the method, UID, SEQUENCE, DTSTAMP and ORGANIZER of a request', () => {
    const parsed = parseItip(ics('request', meeting('SEQUENCE:3', 'DTSTAMP:20261205T080000Z')));

    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.method).toBe('REQUEST');
    expect(parsed.value.object.uid).toBe('meeting-1');
    expect(parsed.value.object.sequence).toBe(3);
    expect(parsed.value.object.dtstamp).toBe(Date.UTC(2026, 11, 5, 8));
    expect(parsed.value.object.organizer?.address).toBe('ana@example.com');
    expect(parsed.value.object.isRecurring).toBe(false);
  });

  it('knows a recurring event by its RRULE', () => {
    const parsed = parseSchedulingObject(ics(undefined, meeting('RRULE:FREQ=WEEKLY;COUNT=4')));

    expect(parsed.ok && parsed.value.isRecurring).toBe(true);
  });

  it('refuses a calendar without a known METHOD', () => {
    expect(parseItip(ics(undefined, meeting()))).toEqual({ ok: false, reason: 'no known METHOD' });
    expect(parseItip(ics('X-FOO', meeting()))).toEqual({ ok: false, reason: 'no known METHOD' });
  });

  it('refuses an unterminated component without echoing it', () => {
    const parsed = parseItip('BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nSUMMARY:secret\r\n');

    expect(parsed).toEqual({ ok: false, reason: 'not valid iCalendar' });
  });

  it('refuses components with different UIDs, and a calendar without events', () => {
    expect(parseItip(ics('REQUEST', meeting(), vevent('UID:other')))).toEqual({
      ok: false,
      reason: 'not one UID',
    });
    expect(parseItip(ics('REQUEST'))).toEqual({ ok: false, reason: 'no VEVENT or VTODO' });
  });

  it('refuses more attendees than the limit', () => {
    const many = Array.from(
      { length: ITIP_LIMITS.maxAttendees + 1 },
      (_, index) => `ATTENDEE:mailto:a${index}@example.com`,
    );

    expect(parseItip(ics('REQUEST', meeting(...many)))).toEqual({ ok: false, reason: 'too many attendees' });
  });

  it('refuses text over the size limit before parsing it', () => {
    const text = ics('REQUEST', meeting(`DESCRIPTION:${'x'.repeat(ITIP_LIMITS.maxChars)}`));

    expect(parseItip(text)).toEqual({ ok: false, reason: 'too large' });
  });

  it('reads calendar user addresses as lower-case e-mail addresses', () => {
    expect(calendarAddress('MAILTO:Ben@Example.COM')).toBe('ben@example.com');
    expect(calendarAddress('urn:uuid:1234')).toBe('');
    expect(calendarAddress(undefined)).toBe('');
  });

  it('writes stored text without a METHOD and iTIP text with one', () => {
    const parsed = parseItip(ics('REQUEST', meeting()));
    if (!parsed.ok) throw new Error(parsed.reason);

    const stored = storedText(parsed.value.object.calendar);
    const cancel = itipText(parsed.value.object.calendar, 'CANCEL');

    expect(stored).not.toMatch(/METHOD/);
    expect(cancel).toMatch(/\r\nMETHOD:CANCEL\r\n/);
    expect(parsed.value.object.calendar.getFirstPropertyValue('method')).toBe('REQUEST');
  });
});
