import { buildJournalReport, envelopeText } from '../../../lambdas/core/journaling/report-format';

const original = Buffer.from(
  'From: Ana <ana@outside.example>\r\nTo: team@acme.example\r\nSubject: Q3\r\nMessage-ID: <q3@outside.example>\r\n\r\nNumbers\r\n',
);
const headers = {
  from: 'amazonjournaling@acme.mailwright.test',
  to: 'archive@vault.example',
  recordId: 'jabc',
  signature: 'v=1; id=jabc',
  date: Date.UTC(2026, 11, 4, 9, 0, 0),
};
const envelope = {
  sender: 'ana@outside.example',
  subject: 'Q3',
  messageId: '<q3@outside.example>',
  recipients: [
    { kind: 'To', address: 'bo@acme.example', expanded: 'team@acme.example' },
    { kind: 'Cc', address: 'cy@acme.example' },
    { kind: 'Bcc', address: 'di@acme.example', forwarded: 'ed@acme.example' },
  ] as const,
};

describe('envelopeText', () => {
  it('lists Sender, Subject, Message-ID and one line per recipient with Expanded and Forwarded markers', () => {
    expect(envelopeText(envelope)).toBe(
      'Sender: ana@outside.example\r\n' +
        'Subject: Q3\r\n' +
        'Message-ID: <q3@outside.example>\r\n' +
        'To: bo@acme.example, Expanded: team@acme.example\r\n' +
        'Cc: cy@acme.example\r\n' +
        'Bcc: di@acme.example, Forwarded: ed@acme.example\r\n',
    );
  });

  it('keeps each value on its own line, whatever line breaks it holds', () => {
    const text = envelopeText({ ...envelope, subject: 'Hi\r\nBcc: forged@x', recipients: [] });
    expect(text.split('\r\n')).toEqual([
      'Sender: ana@outside.example',
      'Subject: Hi Bcc: forged@x',
      'Message-ID: <q3@outside.example>',
      '',
    ]);
  });
});

describe('buildJournalReport', () => {
  it('is multipart/mixed: the envelope as text/plain, then the original as message/rfc822, byte for byte', () => {
    const report = buildJournalReport(headers, envelope, original).toString('latin1');
    const boundary = /boundary="([^"]+)"/.exec(report)?.[1] as string;
    const [head, envelopePart, originalPart, epilogue] = report.split(`--${boundary}`);

    expect(head).toContain('From: amazonjournaling@acme.mailwright.test\r\n');
    expect(head).toContain('To: archive@vault.example\r\n');
    expect(head).toContain('Subject: Q3\r\n');
    expect(head).toContain('Message-ID: <jabc@acme.mailwright.test>\r\n');
    expect(head).toContain('X-WM-Journal-Report: v=1; id=jabc\r\n');
    expect(head).toContain('Date: Fri, 04 Dec 2026 09:00:00 +0000\r\n');
    expect(envelopePart).toBe(
      '\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n' +
        envelopeText(envelope) +
        '\r\n', // the line break before a delimiter belongs to the delimiter
    );
    expect(originalPart).toBe(
      '\r\nContent-Type: message/rfc822\r\nContent-Transfer-Encoding: 7bit\r\nContent-Disposition: attachment\r\n\r\n' +
        original.toString('latin1') +
        '\r\n',
    );
    expect(epilogue).toBe('--\r\n');
  });

  it('encodes a non-ASCII subject and declares 8bit for an original with 8-bit bytes', () => {
    const eightBit = Buffer.concat([original, Buffer.from('café\r\n')]);
    const report = buildJournalReport(headers, { ...envelope, subject: 'Café' }, eightBit).toString('utf8');
    expect(report).toContain(`Subject: =?UTF-8?B?${Buffer.from('Café').toString('base64')}?=\r\n`);
    expect(report).toContain('Content-Type: message/rfc822\r\nContent-Transfer-Encoding: 8bit\r\n');
  });

  it('picks a boundary the original does not contain', () => {
    const report = buildJournalReport(headers, envelope, original).toString('latin1');
    const boundary = /boundary="([^"]+)"/.exec(report)?.[1] as string;
    expect(original.toString('latin1')).not.toContain(boundary);
    expect(boundary).toMatch(/^=_journal_[0-9a-f]{24}$/);
  });
});
