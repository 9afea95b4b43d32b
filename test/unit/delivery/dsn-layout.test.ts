import { composeDsn } from '../../../lambdas/core/delivery';
import type { Bounce } from '../../../lambdas/core/delivery/types';

const originalHeaders =
  'From: Sender <s@remote.example>\r\nTo: x@example.com\r\nSubject: Quarterly numbers\r\n' +
  'Message-ID: <o@remote.example>\r\nX-Other: not quoted\r\n';

function dsn(overrides: Partial<Parameters<typeof composeDsn>[0]> = {}): string {
  return composeDsn({
    reportingMta: 'mx.mailwright.test',
    to: 's@remote.example',
    arrivalDate: Date.UTC(2026, 10, 22, 10, 0, 0),
    date: Date.UTC(2026, 10, 22, 10, 0, 5),
    messageId: 'ses-1',
    originalSubject: 'Quarterly numbers',
    bounces: [
      { recipient: 'nobody@example.com', status: '5.1.1', diagnostic: 'smtp; 550 5.1.1 no such user' },
    ],
    originalHeaders,
    ...overrides,
  }).toString('utf8');
}

interface Part {
  readonly headers: string[];
  readonly lines: string[];
}

/** Splits a DSN into its header lines, its preamble, its parts and what follows the closing delimiter (RFC 2046). */
function layout(raw: string) {
  const headerEnd = raw.indexOf('\r\n\r\n');
  const headers = raw.slice(0, headerEnd).split('\r\n');
  const boundary = /boundary="([^"]+)"/.exec(headers.join('\n'))?.[1] ?? 'missing';
  const [preamble, ...pieces] = raw.slice(headerEnd + 4).split(`\r\n--${boundary}`);
  const epilogue = pieces.pop();
  const parts: Part[] = pieces.map((piece) => {
    const body = piece.slice(2);
    const end = body.indexOf('\r\n\r\n');
    return { headers: body.slice(0, end).split('\r\n'), lines: body.slice(end + 4).split('\r\n') };
  });
  return { headers, preamble, parts, epilogue };
}

function header(raw: string, name: string): string | undefined {
  const line = layout(raw).headers.find((h) => h.startsWith(`${name}: `));
  return line?.slice(name.length + 2);
}

function statusLines(raw: string): string[] {
  return layout(raw).parts[1]?.lines ?? [];
}

function humanLines(raw: string): string[] {
  return layout(raw).parts[0]?.lines ?? [];
}

describe('composeDsn layout', () => {
  it('writes CRLF lines: headers, a preamble, three parts and the closing delimiter', () => {
    const raw = dsn();
    const { headers, preamble, parts, epilogue } = layout(raw);

    expect(raw).not.toMatch(/[^\r]\n|\r[^\n]/);
    expect(headers.map((h) => h.slice(0, h.indexOf(':')))).toEqual([
      'From',
      'To',
      'Subject',
      'Date',
      'Message-ID',
      'Auto-Submitted',
      'MIME-Version',
      'Content-Type',
    ]);
    expect(header(raw, 'Date')).toBe('Sun, 22 Nov 2026 10:00:05 +0000');
    expect(preamble).toBe('This is a MIME-formatted delivery status notification.\r\n');
    expect(parts.map((p) => p.headers)).toEqual([
      ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit'],
      ['Content-Type: message/delivery-status'],
      ['Content-Type: text/rfc822-headers', 'Content-Transfer-Encoding: 8bit'],
    ]);
    expect(parts[0]?.lines).toEqual([
      'This is the mail system at mx.mailwright.test.',
      '',
      'Your message could not be delivered to one or more recipients. It has not been delivered to:',
      '',
      '  nobody@example.com: The address does not exist in this organization. (5.1.1)',
      '',
    ]);
    expect(parts[1]?.lines).toEqual([
      'Reporting-MTA: dns; mx.mailwright.test',
      'Arrival-Date: Sun, 22 Nov 2026 10:00:00 +0000',
      '',
      'Final-Recipient: rfc822; nobody@example.com',
      'Action: failed',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 no such user',
      '',
    ]);
    expect(parts[2]?.lines).toEqual([
      'Message-ID: <o@remote.example>',
      'From: Sender <s@remote.example>',
      'To: x@example.com',
      'Subject: Quarterly numbers',
      '',
    ]);
    expect(epilogue).toBe('--\r\n');
  });

  it('quotes only the listed original fields that are present', () => {
    const raw = dsn({
      originalHeaders: 'Subject: Hi\r\nX-Other: y\r\nDate: Mon, 1 Jan 2026 00:00:00 +0000\r\n',
    });

    expect(layout(raw).parts[2]?.lines).toEqual(['Date: Mon, 1 Jan 2026 00:00:00 +0000', 'Subject: Hi', '']);
  });

  it('writes "(no subject)" when the original had no subject', () => {
    expect(header(dsn({ originalSubject: undefined }), 'Subject')).toBe('Undeliverable: (no subject)');
  });

  it('leaves an ASCII subject as is and B-encodes any other as RFC 2047 UTF-8', () => {
    expect(header(dsn({ originalSubject: 'Plain ~ text' }), 'Subject')).toBe('Undeliverable: Plain ~ text');

    const encoded = header(dsn({ originalSubject: 'Grüße' }), 'Subject') ?? '';
    const match = /^=\?UTF-8\?B\?([A-Za-z0-9+/=]+)\?=$/.exec(encoded);
    expect(Buffer.from(match?.[1] ?? '', 'base64').toString('utf8')).toBe('Undeliverable: Grüße');
  });

  it('names the reason for each status in the human-readable part', () => {
    const statuses = ['5.1.1', '5.2.1', '5.2.2', '5.3.4', '5.5.3', '5.7.1'] as const;
    const bounces = statuses.map((status) => ({
      recipient: `r${status}@example.com`,
      status,
      diagnostic: 'x',
    }));

    expect(humanLines(dsn({ bounces })).slice(4, 10)).toEqual([
      '  r5.1.1@example.com: The address does not exist in this organization. (5.1.1)',
      '  r5.2.1@example.com: The mailbox is disabled and does not accept messages. (5.2.1)',
      '  r5.2.2@example.com: The mailbox is full. (5.2.2)',
      '  r5.3.4@example.com: The message is larger than the 40 MB the organization accepts. (5.3.4)',
      '  r5.5.3@example.com: The message has more recipients than the organization accepts. (5.5.3)',
      "  r5.7.1@example.com: The organization's policy rejected the message. (5.7.1)",
    ]);
  });

  it('lists 20 recipients and counts the rest per status after a blank line', () => {
    const bounce = (i: number): Bounce => ({
      recipient: `u${i}@example.com`,
      status: i === 21 ? '5.7.1' : '5.1.1',
      diagnostic: 'x',
    });

    expect(humanLines(dsn({ bounces: Array.from({ length: 20 }, (_, i) => bounce(i)) })).slice(23)).toEqual([
      '  u19@example.com: The address does not exist in this organization. (5.1.1)',
      '',
    ]);
    expect(humanLines(dsn({ bounces: Array.from({ length: 23 }, (_, i) => bounce(i)) })).slice(24)).toEqual([
      '',
      '  ... and 3 more recipients, not listed:',
      '  2 x The address does not exist in this organization. (5.1.1)',
      "  1 x The organization's policy rejected the message. (5.7.1)",
      '',
    ]);
  });

  it('turns each run of control characters into one space and trims the value', () => {
    const raw = dsn({
      bounces: [{ recipient: ' a\r\n\tb@example.com\u0000', status: '5.1.1', diagnostic: 'x' }],
    });

    expect(statusLines(raw)[3]).toBe('Final-Recipient: rfc822; a b@example.com');
  });

  it('clips a diagnostic to 256 characters without splitting a surrogate pair', () => {
    const diagnostic = (value: string) =>
      statusLines(dsn({ bounces: [{ recipient: 'a@example.com', status: '5.1.1', diagnostic: value }] }))[6];

    expect(diagnostic('x'.repeat(300))).toBe(`Diagnostic-Code: ${'x'.repeat(256)}`);
    expect(diagnostic(`${'x'.repeat(255)}😀tail`)).toBe(`Diagnostic-Code: ${'x'.repeat(255)}`);
    expect(diagnostic(`😀${'x'.repeat(300)}`)).toBe(`Diagnostic-Code: 😀${'x'.repeat(254)}`);
  });

  it('keeps a diagnostic of exactly 256 characters whole, even one ending in a lone surrogate', () => {
    const value = `${'x'.repeat(255)}\ud83d`;
    const lines = statusLines(
      dsn({ bounces: [{ recipient: 'a@example.com', status: '5.1.1', diagnostic: value }] }),
    );

    expect(lines[6]).toBe(`Diagnostic-Code: ${'x'.repeat(255)}\ufffd`);
  });
});
