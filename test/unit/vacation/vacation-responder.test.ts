import PostalMime from 'postal-mime';
import { parseMessageHeaders, type DeliveredToInbox } from '../../../lambdas/core/delivery';
import {
  NO_VACATION_RESPONSE,
  VacationResponder,
  type VacationResponse,
} from '../../../lambdas/core/vacation';
import { RecordingMailSender } from '../delivery/doubles';
import { InMemoryReplyLog, InMemoryVacationSettings } from './doubles';

const DAY = 24 * 3600 * 1000;
const ARRIVED = Date.UTC(2027, 0, 4, 9, 0);
const AWAY: VacationResponse = {
  ...NO_VACATION_RESPONSE,
  isEnabled: true,
  fromDate: Date.UTC(2027, 0, 1),
  toDate: Date.UTC(2027, 0, 11),
  subject: 'Away',
  textBody: 'Back on the 11th.',
};

function setup(response: VacationResponse | null = AWAY) {
  const settings = new InMemoryVacationSettings();
  if (response) settings.responses.set('m-1/u-ana', response);
  const replies = new InMemoryReplyLog();
  const mailSender = new RecordingMailSender();
  let now = ARRIVED;
  const responder = new VacationResponder({ settings, replies, mailSender, now: () => now });
  return { settings, replies, mailSender, responder, advance: (ms: number) => (now += ms) };
}

/** A message from `sender` to ana, delivered to her Inbox at `arrivedAt`. */
function delivered(
  options: { sender?: string; arrivedAt?: number; extra?: string[] } = {},
): DeliveredToInbox {
  const sender = options.sender ?? 'olga@outside.example';
  const raw = [
    `From: <${sender}>`,
    'To: <ana@example.com>',
    'Subject: Budget',
    'Message-ID: <b1@outside.example>',
  ]
    .concat(options.extra ?? [], ['', 'Hi'])
    .join('\r\n');
  return {
    messageId: 'ses-1',
    target: {
      recipient: 'ana@example.com',
      organizationId: 'm-1',
      mailboxId: 'u-ana',
      kind: 'USER',
      quotaBytes: 1e9,
      email: 'ana@example.com',
    },
    vacation: { fromDate: AWAY.fromDate!, toDate: AWAY.toDate! },
    envelopeFrom: sender,
    arrivedAt: options.arrivedAt ?? ARRIVED,
    headers: parseMessageHeaders(Buffer.from(raw)),
    verdicts: { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' },
  };
}

describe('VacationResponder', () => {
  it('answers a sender once, from the null sender, with the user’s reply', async () => {
    const { responder, mailSender } = setup();

    const result = await responder.reply(delivered());
    const [sent] = mailSender.sent;
    const email = await PostalMime.parse(sent!.raw);

    expect(result).toBe('sent');
    expect(sent?.envelopeFrom).toBe('');
    expect(sent?.recipients).toEqual(['olga@outside.example']);
    expect(email.from?.address).toBe('ana@example.com');
    expect(email.subject).toBe('Away');
    expect(email.inReplyTo).toBe('<b1@outside.example>');
  });

  it('answers the same sender again only after 7 days, and other senders meanwhile', async () => {
    const { responder, mailSender, advance } = setup();

    const first = await responder.reply(delivered());
    advance(7 * DAY - 1);
    const again = await responder.reply(delivered({ sender: 'OLGA@outside.example' }));
    const other = await responder.reply(delivered({ sender: 'piet@outside.example' }));
    advance(1);
    const later = await responder.reply(delivered());

    expect([first, again, other, later]).toEqual(['sent', 'answered within the period', 'sent', 'sent']);
    expect(mailSender.sent.map((message) => message.recipients[0])).toEqual([
      'olga@outside.example',
      'piet@outside.example',
      'olga@outside.example',
    ]);
  });

  it('makes no request for a message outside the mailbox record’s window', async () => {
    const { responder, settings, replies, mailSender } = setup();

    const before = await responder.reply(delivered({ arrivedAt: AWAY.fromDate! - 1 }));
    const after = await responder.reply(delivered({ arrivedAt: AWAY.toDate! }));

    expect([before, after]).toEqual(['outside the vacation window', 'outside the vacation window']);
    expect(settings.calls + replies.calls).toBe(0);
    expect(mailSender.sent).toHaveLength(0);
  });

  it('makes no request for a message the reply rules exclude', async () => {
    const { responder, settings, replies, mailSender } = setup();

    const result = await responder.reply(delivered({ extra: ['Precedence: bulk'] }));

    expect(result).toBe('list message');
    expect(settings.calls + replies.calls).toBe(0);
    expect(mailSender.sent).toHaveLength(0);
  });

  it('trusts the sealed settings over the mailbox record: disabled or moved since, nothing is sent', async () => {
    const disabled = setup({ ...AWAY, isEnabled: false });
    const moved = setup({ ...AWAY, fromDate: Date.UTC(2027, 1, 1), toDate: null });
    const never = setup(null);

    const results = await Promise.all(
      [disabled, moved, never].map(({ responder }) => responder.reply(delivered())),
    );

    expect(results).toEqual(['disabled', 'disabled', 'disabled']);
    expect(
      [disabled, moved, never].flatMap(({ mailSender, replies }) => [mailSender.sent.length, replies.calls]),
    ).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('answers concurrent deliveries from one sender once', async () => {
    const { responder, mailSender } = setup();

    const results = await Promise.all([1, 2, 3].map(() => responder.reply(delivered())));

    expect(results.filter((result) => result === 'sent')).toHaveLength(1);
    expect(mailSender.sent).toHaveLength(1);
  });

  it('forgets the sender when the reply cannot be sent, so its next message is answered', async () => {
    const { responder, mailSender } = setup();
    const send = mailSender.sendRaw.bind(mailSender);
    mailSender.sendRaw = async () => {
      throw Object.assign(new Error('throttled'), { name: 'TooManyRequestsException' });
    };

    await expect(responder.reply(delivered())).rejects.toThrow('throttled');
    mailSender.sendRaw = send;
    const retried = await responder.reply(delivered());

    expect(retried).toBe('sent');
    expect(mailSender.sent).toHaveLength(1);
  });

  it('writes From the primary address when the message came through an alias', async () => {
    const { responder, mailSender } = setup();
    const message = delivered({ extra: ['Cc: ana.alias@example.com'] });

    await responder.reply({ ...message, target: { ...message.target, recipient: 'ana.alias@example.com' } });
    const email = await PostalMime.parse(mailSender.sent[0]!.raw);

    expect(email.from?.address).toBe('ana@example.com');
  });
});
