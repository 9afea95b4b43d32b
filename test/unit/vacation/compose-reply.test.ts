import PostalMime from 'postal-mime';
import {
  composeVacationReply,
  DEFAULT_VACATION_TEXT,
  NO_VACATION_RESPONSE,
  type VacationReplyInput,
} from '../../../lambdas/core/vacation';

const ENABLED = { ...NO_VACATION_RESPONSE, isEnabled: true };

function reply(overrides: Partial<VacationReplyInput> = {}): Buffer {
  return composeVacationReply({
    from: 'ana@example.com',
    to: 'olga@outside.example',
    response: { ...ENABLED, subject: 'Away until Monday', textBody: 'Back on Monday.' },
    original: { subject: 'Budget', messageId: '<b1@outside.example>', references: '<a0@outside.example>' },
    date: Date.UTC(2027, 0, 4, 9, 30),
    ...overrides,
  });
}

/** The raw header block, unfolded. */
function headerBlock(raw: Buffer): string {
  return raw
    .toString()
    .split('\r\n\r\n')[0]!
    .replace(/\r\n[ \t]/g, ' ');
}

describe('Vacation reply message (RFC 3834 §3)', () => {
  it('goes from the user to the sender, answers the original and says it is an automatic reply', async () => {
    const raw = reply();
    const email = await PostalMime.parse(raw);

    expect(email.from?.address).toBe('ana@example.com');
    expect(email.to?.map((to) => to.address)).toEqual(['olga@outside.example']);
    expect(email.subject).toBe('Away until Monday');
    expect(email.inReplyTo).toBe('<b1@outside.example>');
    expect(email.references).toBe('<a0@outside.example> <b1@outside.example>');
    expect(email.date).toBe('2027-01-04T09:30:00.000Z');
    expect(email.messageId).toMatch(/^<vacation\.[0-9a-f]{32}@example\.com>$/);
    expect(headerBlock(raw)).toMatch(/^Auto-Submitted: auto-replied$/m);
    expect(headerBlock(raw)).toMatch(/^X-Auto-Response-Suppress: All$/m);
    expect(email.text?.trim()).toBe('Back on Monday.');
    expect(email.html).toBeUndefined();
  });

  it('gives every reply its own Message-ID', () => {
    const ids = [reply(), reply()].map((raw) => /^Message-ID: (.*)$/m.exec(raw.toString())?.[1]);

    expect(ids[0]).not.toBe(ids[1]);
  });

  it('answers with "Auto: <original subject>" when the user set no subject', async () => {
    const untitled = { ...ENABLED, textBody: 'Away.' };

    const named = await PostalMime.parse(reply({ response: untitled }));
    const unnamed = await PostalMime.parse(reply({ response: untitled, original: {} }));

    expect(named.subject).toBe('Auto: Budget');
    expect(unnamed.subject).toBe('Auto: (no subject)');
  });

  it('sends the HTML body as an alternative to the text', async () => {
    const response = { ...ENABLED, textBody: 'Back on Monday.', htmlBody: '<p>Back on <b>Monday</b>.</p>' };

    const raw = reply({ response });
    const email = await PostalMime.parse(raw);

    expect(headerBlock(raw)).toMatch(/^Content-Type: multipart\/alternative; boundary="/m);
    expect(email.text?.trim()).toBe('Back on Monday.');
    expect(email.html?.trim()).toBe('<p>Back on <b>Monday</b>.</p>');
  });

  it('derives the text from the HTML when only the HTML is set, one line per block', async () => {
    const response = {
      ...ENABLED,
      htmlBody: '<p>Out of office &amp; offline.</p><p>Back <i>Monday</i>.<br>Ana</p>',
    };

    const email = await PostalMime.parse(reply({ response }));

    expect(email.text?.trim()).toBe('Out of office & offline.\nBack Monday.\nAna');
  });

  it('sends a default text when neither body is set', async () => {
    const email = await PostalMime.parse(reply({ response: ENABLED }));

    expect(email.text?.trim()).toBe(DEFAULT_VACATION_TEXT);
  });

  it('carries any text safely: non-ASCII subject and body, long lines', async () => {
    const subject =
      'Abwesend bis Montag – Grüße aus dem Urlaub, mit einem langen Betreff für die Kodierung 🌴';
    const body = `Zurück am Montag. ${'ä'.repeat(500)}`;

    const raw = reply({ response: { ...ENABLED, subject, textBody: body } });
    const email = await PostalMime.parse(raw);

    expect(email.subject).toBe(subject);
    expect(email.text?.trim()).toBe(body);
    for (const line of raw.toString().split('\r\n')) expect(line.length).toBeLessThanOrEqual(998);
    expect(raw.every((byte) => byte < 0x80)).toBe(true);
  });

  it('cannot be made to carry extra header lines through the subject or the addresses', () => {
    const raw = reply({
      to: 'olga@outside.example\r\nBcc: victim@example.net',
      response: { ...ENABLED, subject: 'Away\r\nBcc: victim@example.net' },
      original: { messageId: '<b1@outside.example>\r\nBcc: x@example.net' },
    });

    expect(headerBlock(raw)).not.toMatch(/^Bcc:/im);
  });

  it('leaves out In-Reply-To and References when the original has no usable Message-ID', async () => {
    const raw = reply({ original: { subject: 'Budget', messageId: 'not an id', references: '' } });

    expect(headerBlock(raw)).not.toMatch(/^(In-Reply-To|References):/m);
  });

  it('keeps at most 20 references, the newest, ending with the original', async () => {
    const references = Array.from({ length: 30 }, (_, i) => `<r${i}@outside.example>`).join(' ');

    const email = await PostalMime.parse(
      reply({ original: { messageId: '<b1@outside.example>', references } }),
    );
    const ids = email.references?.split(' ') ?? [];

    expect(ids).toHaveLength(20);
    expect(ids[0]).toBe('<r11@outside.example>');
    expect(ids.at(-1)).toBe('<b1@outside.example>');
  });

  it('clips a very long subject to 200 characters', async () => {
    const email = await PostalMime.parse(reply({ response: { ...ENABLED, subject: 'x'.repeat(900) } }));

    expect(email.subject).toBe('x'.repeat(200));
  });
});
