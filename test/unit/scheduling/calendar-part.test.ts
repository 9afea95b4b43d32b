import { describe, expect, it } from '@jest/globals';
import { findCalendarPart, mayCarryCalendar } from '../../../lambdas/core/scheduling/calendar-part';

const mail = (...lines: string[]) => Buffer.from(lines.join('\r\n'));

describe('Finding the iMIP part of a message', () => {
  it('passes plain text and HTML messages by from their Content-Type alone', () => {
    expect(mayCarryCalendar('Subject: x\r\nContent-Type: text/plain\r\n')).toBe(false);
    expect(mayCarryCalendar('Subject: x\r\n')).toBe(false);
    expect(mayCarryCalendar('Content-Type: multipart/alternative; boundary=b\r\n')).toBe(true);
    expect(mayCarryCalendar('Content-Type: TEXT/CALENDAR; method=REQUEST\r\n')).toBe(true);
  });

  it('decodes the text/calendar part that names a method inside a multipart', () => {
    const raw = mail(
      'Content-Type: multipart/alternative; boundary=b',
      '',
      '--b',
      'Content-Type: text/plain',
      '',
      'Hi',
      '--b',
      'Content-Type: text/calendar; charset=utf-8; method=REQUEST',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('BEGIN:VCALENDAR\r\nSUMMARY:Café\r\n').toString('base64'),
      '--b--',
      '',
    );

    expect(findCalendarPart(raw)).toBe('BEGIN:VCALENDAR\r\nSUMMARY:Café\r\n');
  });

  it('ignores calendar attachments without a method and invitations inside forwarded messages', () => {
    const raw = mail(
      'Content-Type: multipart/mixed; boundary=b',
      '',
      '--b',
      'Content-Type: text/calendar',
      '',
      'BEGIN:VCALENDAR',
      '--b',
      'Content-Type: message/rfc822',
      '',
      'Content-Type: text/calendar; method=REQUEST',
      '',
      'BEGIN:VCALENDAR',
      '--b--',
      '',
    );

    expect(findCalendarPart(raw)).toBeUndefined();
  });
});
