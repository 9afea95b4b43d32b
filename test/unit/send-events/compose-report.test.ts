import PostalMime from 'postal-mime';
import { composeSendEventReport, readSendEvent, type SesSendEvent } from '../../../lambdas/core/send-events';
import { BOUNCE, DELIVERY_DELAY } from './ses-events';

const NOW = Date.UTC(2027, 0, 15, 12);
type Reportable = Extract<SesSendEvent, { eventType: 'Bounce' | 'DeliveryDelay' }>;

function event(record: object): Reportable {
  return readSendEvent(JSON.stringify(record)) as Reportable;
}

async function parsed(record: object) {
  const report = composeSendEventReport(event(record), 'ana@example.com', 'mail.example.com', NOW);
  const email = await PostalMime.parse(report.raw, { attachmentEncoding: 'utf8' });
  const part = (type: string) =>
    (email.attachments.find((a) => a.mimeType === type)?.content as string | undefined)
      ?.replace(/\r\n/g, '\n')
      .trim();
  return { report, email, status: part('message/delivery-status'), headers: part('text/rfc822-headers') };
}

describe('Send events: composeSendEventReport', () => {
  it('turns the documented bounce into an "Undeliverable" report to the sender from the mail system', async () => {
    const { email, status, headers } = await parsed(BOUNCE);

    expect(email.subject).toBe('Undeliverable: Message sent from Amazon SES');
    expect(email.from?.address).toBe('MAILER-DAEMON@mail.example.com');
    expect(email.to?.map((to) => to.address)).toEqual(['ana@example.com']);
    expect(email.text).toContain(
      "recipient@example.com: The recipient's mail server rejected the message. The server said: 550 5.1.1 user unknown (5.1.1)",
    );
    expect(status).toContain(
      'Final-Recipient: rfc822; recipient@example.com\nAction: failed\nStatus: 5.1.1\n' +
        'Diagnostic-Code: smtp; 550 5.1.1 user unknown',
    );
    expect(status).toContain('Arrival-Date: Sat, 05 Aug 2017 00:40:02 +0000');
    expect(headers).toBe(
      'From: Sender Name <sender@example.com>\nTo: recipient@example.com\nSubject: Message sent from Amazon SES',
    );
  });

  it('gives a repeated event the same report id, and another bounce of the message another', () => {
    const id = (record: object) =>
      composeSendEventReport(event(record), 'ana@example.com', 'mail.example.com', NOW).reportId;
    const later = { ...BOUNCE, bounce: { ...BOUNCE.bounce, feedbackId: 'another-feedback-000000' } };

    expect(id(BOUNCE)).toBe(id(structuredClone(BOUNCE)));
    expect(id(BOUNCE)).toMatch(/^B[0-9a-f]{40}$/);
    expect(id(later)).not.toBe(id(BOUNCE));
  });

  it('says what a transient bounce means, with a 4.x.x status when SES gives none', async () => {
    const full = await parsed({
      ...BOUNCE,
      bounce: {
        ...BOUNCE.bounce,
        bounceType: 'Transient',
        bounceSubType: 'MailboxFull',
        bouncedRecipients: [{ emailAddress: 'recipient@example.com' }],
      },
    });
    const general = await parsed({
      ...BOUNCE,
      bounce: { ...BOUNCE.bounce, bounceType: 'Transient', bounceSubType: 'General' },
    });

    expect(full.email.subject).toBe('Undeliverable: Message sent from Amazon SES');
    expect(full.email.text).toContain("recipient@example.com: The recipient's mailbox is full. (4.0.0)");
    expect(full.status).toContain('Action: failed\nStatus: 4.0.0');
    expect(full.status).not.toContain('Diagnostic-Code');
    expect(general.email.text).toContain('The problem may be temporary: try sending it again later.');
  });

  it('turns a delay into a "Delivery delayed" notice saying until when the mail system keeps trying', async () => {
    const { email, status, headers } = await parsed(DELIVERY_DELAY);

    expect(email.subject).toBe('Delivery delayed: (no subject)');
    expect(email.text).toContain('It will keep trying until Tue, 16 Jun 2020 00:25:40 +0000.');
    expect(email.text).toContain('The server said: 421 4.4.1 Unable to connect to remote host (4.4.1)');
    expect(status).toContain('Action: delayed\nStatus: 4.4.1');
    expect(status).toContain('Will-Retry-Until: Tue, 16 Jun 2020 00:25:40 +0000');
    expect(headers).toBe('');
  });

  it('decodes an encoded original subject', async () => {
    const { email } = await parsed({
      ...BOUNCE,
      mail: {
        ...BOUNCE.mail,
        commonHeaders: { subject: `=?UTF-8?B?${Buffer.from('Réunion').toString('base64')}?=` },
      },
    });

    expect(email.subject).toBe('Undeliverable: Réunion');
  });
});
