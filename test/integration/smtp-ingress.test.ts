import nodemailer, { type SendMailOptions } from 'nodemailer';
import { SmtpDialog } from '../support/smtp-dialog';
import type { DNSResolver } from 'mailauth';
import { EICAR, type SesReceiptEvent } from '../../lambdas/core/delivery';
import {
  startSmtpIngress,
  type SmtpIngress,
  type SmtpIngressOptions,
} from '../../lambdas/local/smtp-ingress';

/** DNS records the fake resolver knows; everything else is ENOTFOUND. */
const records: Record<string, string[][]> = {
  'TXT:remote.example': [['v=spf1 ip4:127.0.0.1 -all']],
  'TXT:_dmarc.remote.example': [['v=DMARC1; p=none']],
  'TXT:evil.example': [['v=spf1 -all']],
  'TXT:_dmarc.evil.example': [['v=DMARC1; p=reject']],
};
const fakeResolver: DNSResolver = async (name, rrtype) => {
  const found = records[`${rrtype}:${name}`];
  if (found) return found;
  throw Object.assign(new Error(`ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
};

interface Harness {
  ingress: SmtpIngress;
  stored: Map<string, Buffer>;
  events: SesReceiptEvent[];
  send(message: SendMailOptions): Promise<{ accepted: unknown[]; rejected: unknown[]; response: string }>;
}

const running: SmtpIngress[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((ingress) => ingress.stop()));
});

async function start(overrides: Partial<SmtpIngressOptions> = {}): Promise<Harness> {
  const stored = new Map<string, Buffer>();
  const events: SesReceiptEvent[] = [];
  const ingress = await startSmtpIngress({
    port: 0,
    isLocalDomain: async (domain) => domain === 'example.com',
    isKnownAddress: async (address) => !address.startsWith('nobody'),
    rawStore: { put: async (messageId, raw) => void stored.set(messageId, raw) },
    invoke: async (event) => void events.push(event),
    resolver: fakeResolver,
    ...overrides,
  });
  running.push(ingress);
  const transport = nodemailer.createTransport({
    host: ingress.host,
    port: ingress.port,
    secure: false,
    ignoreTLS: true,
  });
  return { ingress, stored, events, send: (message) => transport.sendMail(message) };
}

const receipt = (event: SesReceiptEvent | undefined) => event?.Records[0]?.ses.receipt;

describe('SMTP ingress', () => {
  it('accepts mail for a registered domain, stores it, and invokes the pipeline with SES-shaped verdicts', async () => {
    const { stored, events, send } = await start();

    const info = await send({
      from: 'sender@remote.example',
      to: 'alice@example.com',
      subject: 'Hi',
      text: 'Hello',
    });

    expect(info.accepted).toEqual(['alice@example.com']);
    expect(events).toHaveLength(1);
    const { mail } = events[0]!.Records[0]!.ses;
    expect(mail).toMatchObject({
      source: 'sender@remote.example',
      destination: ['alice@example.com'],
      commonHeaders: { subject: 'Hi' },
    });
    expect(mail.messageId).toMatch(/^[a-z0-9]{40}$/);
    expect(info.response).toContain(mail.messageId);
    expect(receipt(events[0])).toMatchObject({
      recipients: ['alice@example.com'],
      spfVerdict: { status: 'PASS' },
      dkimVerdict: { status: 'GRAY' },
      dmarcVerdict: { status: 'PASS' },
      spamVerdict: { status: 'PASS' },
      virusVerdict: { status: 'PASS' },
      action: { type: 'Lambda' },
    });
    expect(stored.get(mail.messageId)?.toString()).toContain('Subject: Hi');
  });

  it('reports SPF and DMARC failure with the DMARC policy, and marks the message as spam', async () => {
    const { events, send } = await start();

    await send({ from: 'ceo@evil.example', to: 'alice@example.com', subject: 'Wire money', text: 'now' });

    expect(receipt(events[0])).toMatchObject({
      spfVerdict: { status: 'FAIL' },
      dmarcVerdict: { status: 'FAIL' },
      dmarcPolicy: 'reject',
      spamVerdict: { status: 'FAIL' },
    });
  });

  it('gives an EICAR attachment a virus verdict of FAIL', async () => {
    const { events, send } = await start();

    await send({
      from: 'sender@remote.example',
      to: 'alice@example.com',
      text: 'see attached',
      attachments: [{ filename: 'eicar.com', content: EICAR }],
    });

    expect(receipt(events[0])?.virusVerdict).toEqual({ status: 'FAIL' });
  });

  it('rejects recipients in unregistered domains at RCPT with 550 5.7.1', async () => {
    const { events, send } = await start();

    const mixed = await send({
      from: 'sender@remote.example',
      to: ['alice@example.com', 'x@elsewhere.example'],
      text: 'x',
    });
    const refused = await send({ from: 'sender@remote.example', to: 'x@elsewhere.example', text: 'x' }).catch(
      (e: unknown) => e,
    );

    expect(mixed.rejected).toEqual(['x@elsewhere.example']);
    expect(receipt(events[0])?.recipients).toEqual(['alice@example.com']);
    expect(refused).toMatchObject({ responseCode: 550 });
    expect(String((refused as { response?: string }).response)).toContain('5.7.1');
    expect(events).toHaveLength(1);
  });

  it('rejects an unknown address in a registered domain at RCPT with 550 5.1.1 and delivers to the rest', async () => {
    const { events, send } = await start();

    const mixed = await send({
      from: 'sender@remote.example',
      to: ['alice@example.com', 'nobody@example.com'],
      text: 'x',
    });
    const refused = await send({ from: 'sender@remote.example', to: 'nobody@example.com', text: 'x' }).catch(
      (e: unknown) => e,
    );

    expect(mixed.rejected).toEqual(['nobody@example.com']);
    expect(receipt(events[0])?.recipients).toEqual(['alice@example.com']);
    expect(refused).toMatchObject({ responseCode: 550 });
    expect(String((refused as { response?: string }).response)).toMatch(/^550 5\.1\.1 /);
    expect(events).toHaveLength(1);
  });

  it('answers 452 4.5.3 to recipients beyond the limit and takes the message for the accepted ones', async () => {
    const { ingress, events } = await start({ maxRecipients: 3 });
    const smtp = await SmtpDialog.open(ingress.host, ingress.port);
    await smtp.command('EHLO client.example');
    await smtp.command('MAIL FROM:<sender@remote.example>');

    const replies = [];
    for (const name of ['a', 'b', 'c', 'a', 'd', 'e'])
      replies.push(await smtp.command(`RCPT TO:<${name}@example.com>`));
    await smtp.command('DATA');
    const accepted = await smtp.streamData(0, Buffer.alloc(0));
    await smtp.close();

    expect(replies.map((reply) => reply.slice(0, 9))).toEqual([
      '250 Accep',
      '250 Accep',
      '250 Accep',
      '250 Accep',
      '452 4.5.3',
      '452 4.5.3',
    ]);
    expect(accepted).toMatch(/^250 /);
    expect(receipt(events[0])?.recipients).toEqual(['a@example.com', 'b@example.com', 'c@example.com']);
  });

  it('rejects a message over the size limit and stores nothing', async () => {
    const { stored, events, send } = await start({ maxSizeBytes: 10_000 });

    const error = await send({
      from: 'sender@remote.example',
      to: 'alice@example.com',
      text: 'x'.repeat(20_000),
    }).catch((e: unknown) => e);

    expect(error).toMatchObject({ responseCode: 552 });
    expect(String((error as { response?: string }).response)).toMatch(/^552 5\.3\.4 /);
    expect(stored.size).toBe(0);
    expect(events).toHaveLength(0);
  });

  it('answers 451 and invokes nothing when the raw message cannot be stored', async () => {
    const { events, send } = await start({
      rawStore: { put: async () => Promise.reject(new Error('disk full')) },
    });

    const error = await send({ from: 'sender@remote.example', to: 'alice@example.com', text: 'x' }).catch(
      (e: unknown) => e,
    );

    expect(error).toMatchObject({ responseCode: 451 });
    expect(events).toHaveLength(0);
  });

  it('accepts a stored message whose invoke failed, and retries the invoke itself', async () => {
    const attempts: string[] = [];
    const { ingress, send } = await start({
      retryDelaysMs: [10, 10],
      invoke: async (event) => {
        attempts.push(event.Records[0]!.ses.mail.messageId);
        if (attempts.length < 2) throw new Error('handler down');
      },
    });

    const info = await send({ from: 'sender@remote.example', to: 'alice@example.com', text: 'x' });
    await ingress.idle();

    expect(info.response).toMatch(/^250/);
    expect(attempts).toHaveLength(2);
    expect(new Set(attempts).size).toBe(1);
  });

  it('injects a local message (a DSN) with the null sender', async () => {
    const { ingress, stored, events } = await start();

    const messageId = await ingress.inject({
      envelopeFrom: '',
      recipients: ['alice@example.com'],
      raw: Buffer.from('Subject: dsn\r\n\r\nx'),
    });

    expect(stored.get(messageId)?.toString()).toBe('Subject: dsn\r\n\r\nx');
    expect(events[0]?.Records[0]?.ses.mail).toMatchObject({ source: '', messageId });
  });
});
