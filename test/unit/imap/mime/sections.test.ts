import { applyPartial, parseMessage, sectionBytes, withCrlfLineEnds } from '../../../../lambdas/imap/mime';
import type { SectionSpec } from '../../../../lambdas/imap/protocol/types';
import { corpusMessage } from './corpus';

const raw = corpusMessage('05');
const text = raw.toString('latin1');
const root = parseMessage(raw);

function section(spec: SectionSpec): string | undefined {
  return sectionBytes(root, raw, spec)?.toString('latin1');
}

const outerHeader = text.slice(0, text.indexOf('\r\n\r\n') + 4);
const part2Mime =
  'Content-Type: message/rfc822\r\nContent-Disposition: attachment; filename="Your booking is confirmed.eml"\r\n\r\n';
const embedded = text.slice(text.indexOf(part2Mime) + part2Mime.length, text.indexOf('\r\n--fwd-outer--'));
const embeddedHeader = embedded.slice(0, embedded.indexOf('\r\n\r\n') + 4);

describe('sectionBytes', () => {
  it('serves the whole message, its header (with the blank line) and its text', () => {
    expect(section({ part: [] })).toBe(text);
    expect(section({ part: [], text: 'HEADER' })).toBe(outerHeader);
    expect(section({ part: [], text: 'TEXT' })).toBe(text.slice(outerHeader.length));
  });

  it('serves a part body, a part MIME header, and the header and text of an embedded message', () => {
    expect(section({ part: [1] })).toBe('Keeping this for the trip.\r\n');
    expect(section({ part: [2], text: 'MIME' })).toBe(part2Mime);
    expect(section({ part: [2] })).toBe(embedded);
    expect(section({ part: [2], text: 'HEADER' })).toBe(embeddedHeader);
    expect(section({ part: [2], text: 'TEXT' })).toBe(embedded.slice(embeddedHeader.length));
  });

  it('numbers the parts inside an embedded message from 1', () => {
    expect(section({ part: [2, 1] })).toBe('Booking 88123: 2 nights from 20 November 2026.\r\n');
    expect(section({ part: [2, 2], text: 'MIME' })).toBe('Content-Type: text/html; charset=utf-8\r\n\r\n');
  });

  it('picks header fields in message order, case-insensitively, and ends them with a blank line', () => {
    const fields = section({ part: [], text: 'HEADER.FIELDS', fields: ['subject', 'FROM'] });

    expect(fields).toBe(
      'From: Ana Lima <ana@example.com>\r\nSubject: Fwd: Your booking is confirmed\r\n\r\n',
    );
  });

  it('leaves out the named fields with HEADER.FIELDS.NOT, also inside an embedded message', () => {
    const fields = section({
      part: [2],
      text: 'HEADER.FIELDS.NOT',
      fields: ['Content-Type', 'MIME-Version', 'Date'],
    });

    expect(fields).toBe(
      'From: Hotel Miramar <bookings@hotel.example.org>\r\nTo: ana@example.com\r\n' +
        'Subject: Your booking is confirmed\r\nMessage-ID: <booking-88123@hotel.example.org>\r\n\r\n',
    );
  });

  it('matches no HEADER.FIELDS name with a line without a colon, and keeps it with HEADER.FIELDS.NOT', () => {
    const odd = Buffer.from('Subject: hi\nFrom\n\nbody');
    const fields = (text: 'HEADER.FIELDS' | 'HEADER.FIELDS.NOT') =>
      sectionBytes(parseMessage(odd), odd, { part: [], text, fields: ['FROM', 'SUBJECT'] })?.toString();

    expect(fields('HEADER.FIELDS')).toBe('Subject: hi\r\n\r\n');
    expect(fields('HEADER.FIELDS.NOT')).toBe('From\r\n\r\n');
  });

  it('serves [1] of a single-part message as its body', () => {
    const single = corpusMessage('09');

    const body = sectionBytes(parseMessage(single), single, { part: [1] })?.toString('latin1');

    expect(body).toBe("Let's pick a date for the offsite. Proposals: 3, 10 or 17 December.\r\n");
  });

  it('has no content for a missing part, HEADER of a non-message part, or MIME of the root', () => {
    expect(section({ part: [3] })).toBeUndefined();
    expect(section({ part: [1, 2] })).toBeUndefined();
    expect(section({ part: [1], text: 'HEADER' })).toBeUndefined();
    expect(section({ part: [], text: 'MIME' })).toBeUndefined();
  });

  it('serves bare LF as CRLF and NUL as 0x80', () => {
    const lf = Buffer.from('Subject: x\n\na\0b\n');

    const body = sectionBytes(parseMessage(lf), lf, { part: [], text: 'TEXT' });

    expect(body).toEqual(Buffer.from([0x61, 0x80, 0x62, 0x0d, 0x0a]));
  });
});

describe('applyPartial', () => {
  it('cuts a window and is empty past the end', () => {
    expect(applyPartial(Buffer.from('hello'), { start: 1, length: 3 }).toString()).toBe('ell');
    expect(applyPartial(Buffer.from('hello'), { start: 3, length: 10 }).toString()).toBe('lo');
    expect(applyPartial(Buffer.from('hello'), { start: 5, length: 1 })).toHaveLength(0);
  });
});

describe('withCrlfLineEnds', () => {
  it('makes every bare LF a CRLF and leaves CRLF, lone CR and NUL alone', () => {
    expect(withCrlfLineEnds(Buffer.from('\na\nb\r\nc\rd\0\n')).toString('latin1')).toBe(
      '\r\na\r\nb\r\nc\rd\0\r\n',
    );
  });

  it('returns input without bare LF as it is', () => {
    const crlf = Buffer.from('a\r\nb');

    expect(withCrlfLineEnds(crlf)).toBe(crlf);
  });
});
