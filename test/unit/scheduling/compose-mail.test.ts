import { describe, expect, it } from '@jest/globals';
import { parseMime, decodeBody } from '../../../lambdas/core/message';
import { composeItipMail } from '../../../lambdas/core/scheduling/compose-mail';
import { parseItip, parseSchedulingObject } from '../../../lambdas/core/scheduling/itip-message';
import { ics, meeting } from './ics';

function calendarOf(text: string) {
  const parsed = parseSchedulingObject(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value.calendar;
}

describe('iMIP messages (RFC 6047)', () => {
  it('writes multipart/alternative with a text part and a text/calendar part carrying the method', async () => {
    const raw = await composeItipMail({
      from: 'ana@example.com',
      to: ['ben@example.com'],
      method: 'REQUEST',
      calendar: calendarOf(ics(undefined, meeting())),
      date: Date.UTC(2026, 11, 6),
    });

    const message = parseMime(raw);
    expect(message.root.type).toBe('multipart/alternative');
    expect(message.root.subParts.map((part) => part.type)).toEqual(['text/plain', 'text/calendar']);
    const calendarPart = message.root.subParts[1]!;
    expect(calendarPart.parameters.get('method')).toBe('REQUEST');
    const parsed = parseItip(decodeBody(raw, calendarPart).toString('utf8'));
    expect(parsed.ok && parsed.value.method).toBe('REQUEST');
    expect(raw.toString()).toMatch(/^Subject: Invitation: Planning\r$/m);
  });

  it("names the answer in a reply's subject and marks a resource's answer as automatic", async () => {
    const reply = ics(
      undefined,
      meeting()
        .filter((line) => !line.startsWith('ATTENDEE'))
        .concat(),
    ).replace('END:VEVENT', 'ATTENDEE;PARTSTAT=DECLINED:mailto:room@example.com\r\nEND:VEVENT');

    const raw = (
      await composeItipMail({
        from: 'room@example.com',
        to: ['ana@example.com'],
        method: 'REPLY',
        calendar: calendarOf(reply),
        automatic: true,
        date: 0,
      })
    ).toString();

    expect(raw).toMatch(/^Subject: Declined: Planning\r$/m);
    expect(raw).toMatch(/^Auto-Submitted: auto-replied\r$/m);
  });
});
