import PostalMime from 'postal-mime';
import { composeDsn } from '../../../lambdas/core/delivery';

const originalHeaders =
  'From: Sender <s@remote.example>\r\nTo: x@example.com\r\nSubject: Quarterly numbers\r\nMessage-ID: <o@remote.example>\r\n';

function dsn(overrides: Partial<Parameters<typeof composeDsn>[0]> = {}): Buffer {
  return composeDsn({
    reportingMta: 'mx.mailwright.test',
    to: 's@remote.example',
    arrivalDate: Date.UTC(2026, 10, 22, 10, 0, 0),
    date: Date.UTC(2026, 10, 22, 10, 0, 5),
    messageId: 'ses-1',
    originalSubject: 'Quarterly numbers',
    bounces: [
      { recipient: 'nobody@example.com', status: '5.1.1', diagnostic: 'smtp; 550 5.1.1 no such user' },
      { recipient: 'full@example.com', status: '5.2.2', diagnostic: 'smtp; 552 5.2.2 Mailbox full' },
    ],
    originalHeaders,
    ...overrides,
  });
}

/** The per-message and per-recipient field groups of a message/delivery-status body. */
function statusGroups(text: string): Record<string, string>[] {
  return text
    .trim()
    .split(/\r?\n\r?\n/)
    .map((group) =>
      Object.fromEntries(
        group
          .split(/\r?\n/)
          .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]),
      ),
    );
}

describe('composeDsn', () => {
  it('writes a multipart/report delivery-status message that parses back', async () => {
    const raw = dsn();

    const email = await PostalMime.parse(raw);

    expect(raw.toString()).toMatch(
      /^Content-Type: multipart\/report; report-type=delivery-status; boundary="/m,
    );
    expect(email.from?.address).toBe('MAILER-DAEMON@mx.mailwright.test');
    expect(email.to?.map((a) => a.address)).toEqual(['s@remote.example']);
    expect(email.subject).toBe('Undeliverable: Quarterly numbers');
    expect(email.messageId).toBe('<dsn.ses-1@mx.mailwright.test>');
    expect(email.headers.find((h) => h.key === 'auto-submitted')?.value).toBe('auto-replied');
    expect(email.text).toContain(
      'nobody@example.com: The address does not exist in this organization. (5.1.1)',
    );
  });

  it('reports each recipient with Final-Recipient, Action: failed, Status and Diagnostic-Code', async () => {
    const email = await PostalMime.parse(dsn(), { attachmentEncoding: 'utf8' });
    const status = email.attachments.find((a) => a.mimeType === 'message/delivery-status');
    const headers = email.attachments.find((a) => a.mimeType === 'text/rfc822-headers');

    const [perMessage, ...perRecipient] = statusGroups(String(status?.content));

    expect(perMessage).toEqual({
      'Reporting-MTA': 'dns; mx.mailwright.test',
      'Arrival-Date': 'Sun, 22 Nov 2026 10:00:00 +0000',
    });
    expect(perRecipient).toEqual([
      {
        'Final-Recipient': 'rfc822; nobody@example.com',
        Action: 'failed',
        Status: '5.1.1',
        'Diagnostic-Code': 'smtp; 550 5.1.1 no such user',
      },
      {
        'Final-Recipient': 'rfc822; full@example.com',
        Action: 'failed',
        Status: '5.2.2',
        'Diagnostic-Code': 'smtp; 552 5.2.2 Mailbox full',
      },
    ]);
    expect(String(headers?.content)).toContain('Subject: Quarterly numbers');
  });

  it('neutralises line breaks in values so they cannot inject headers', async () => {
    const raw = dsn({
      originalSubject: 'x\r\nBcc: victim@example.com',
      bounces: [
        {
          recipient: 'a@example.com\r\nAction: delivered',
          status: '5.1.1',
          diagnostic: 'smtp; 550\r\nStatus: 2.0.0',
        },
      ],
    });
    const text = raw.toString();

    expect(text).not.toMatch(/^Bcc:/m);
    expect(text).not.toMatch(/^Action: delivered/m);
    expect(text).not.toMatch(/^Status: 2.0.0/m);
  });

  it('encodes a non-ASCII subject', async () => {
    const email = await PostalMime.parse(dsn({ originalSubject: 'Grüße' }));
    expect(email.subject).toBe('Undeliverable: Grüße');
  });

  it('stays a few kilobytes for 600 bounced recipients and a 160 KB header block', async () => {
    const bounces = Array.from({ length: 600 }, (_, i) => ({
      recipient: `unknown-${i}@example.com`,
      status: i % 2 ? ('5.1.1' as const) : ('5.7.1' as const),
      diagnostic: `smtp; 550 ${'rule text '.repeat(100)}`,
    }));
    const spamSubject = 'CHEAP PILLS '.repeat(800);
    const huge =
      `From: Spammer <forged@victim.example>\r\nTo: ${bounces.map((b) => b.recipient).join(', ')}\r\n` +
      `Subject: ${spamSubject}\r\nMessage-ID: <spam@victim.example>\r\n` +
      Array.from({ length: 1500 }, (_, i) => `X-Filler-${i}: ${'y'.repeat(80)}\r\n`).join('');

    const raw = dsn({ bounces, originalHeaders: huge, originalSubject: spamSubject });
    const email = await PostalMime.parse(raw, { attachmentEncoding: 'utf8' });
    const quoted = String(email.attachments.find((a) => a.mimeType === 'text/rfc822-headers')?.content);
    const status = String(email.attachments.find((a) => a.mimeType === 'message/delivery-status')?.content);
    const listed = [...status.matchAll(/^Final-Recipient: rfc822; (\S+)$/gm)].map((m) => m[1]);

    expect(huge.length).toBeGreaterThan(160_000);
    expect(raw.length).toBeLessThan(16 * 1024);
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.length).toBeLessThan(600);
    expect(listed).toEqual(bounces.slice(0, listed.length).map((b) => b.recipient));
    expect(email.text).toContain(`and ${600 - listed.length} more recipients`);
    expect(quoted).toMatch(/^Message-ID: <spam@victim\.example>$/m);
    expect(quoted).not.toContain('X-Filler');
    expect(quoted.length).toBeLessThan(2048);
  });

  it('counts the recipients it does not list by status', async () => {
    const bounces = Array.from({ length: 100 }, (_, i) => ({
      recipient: `u${i}@example.com`,
      status: i < 70 ? ('5.1.1' as const) : ('5.2.2' as const),
      diagnostic: 'smtp; 550',
    }));

    const email = await PostalMime.parse(dsn({ bounces }));
    const counted = [...String(email.text).matchAll(/^ {2}(\d+) x .*\((5\.\d\.\d)\)$/gm)];
    const listedLines = [...String(email.text).matchAll(/^ {2}u\d+@example\.com: /gm)].length;

    const total = counted.reduce((sum, m) => sum + Number(m[1]), 0);
    expect(listedLines + total).toBe(100);
    expect(counted.map((m) => m[2])).toContain('5.2.2');
  });

  it('writes a remote server’s status only in the RFC 3463 form, and its own text for the recipient', async () => {
    const raw = dsn({
      bounces: [
        { recipient: 'a@remote.example', status: '5.7.26', text: 'Rejected by DMARC.' },
        { recipient: 'b@remote.example', status: '4.4.7\r\nX-Injected: yes' },
        { recipient: 'c@remote.example', status: 'bogus' },
      ],
    });

    const email = await PostalMime.parse(raw, { attachmentEncoding: 'utf8' });
    const status = String(email.attachments.find((a) => a.mimeType === 'message/delivery-status')?.content);
    expect(email.text).toContain('a@remote.example: Rejected by DMARC. (5.7.26)');
    expect(email.text).toContain('b@remote.example: The message could not be delivered. (4.0.0)');
    expect(email.text).toContain('c@remote.example: The message could not be delivered. (5.0.0)');
    expect(status).not.toContain('X-Injected');
    expect(status).not.toContain('Diagnostic-Code');
  });
});
