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
});
