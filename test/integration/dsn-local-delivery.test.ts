import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OutboxMailSender, SplitMailSender } from '../../lambdas/adapters/local/outbox-mail-sender';
import { processInboundEvent, spamVerdictDecider, type SesReceiptEvent } from '../../lambdas/core/delivery';
import { offlineResolver, startSmtpIngress, type SmtpIngress } from '../../lambdas/local/smtp-ingress';
import {
  InMemoryDirectory,
  InMemoryLedger,
  InMemoryRawSource,
  MemoryLogger,
  RecordingDelivery,
  sesEvent,
  simpleMessage,
} from '../unit/delivery/doubles';

let outboxDir: string;
let ingress: SmtpIngress;
const injected: SesReceiptEvent[] = [];

beforeAll(async () => {
  outboxDir = await mkdtemp(join(tmpdir(), 'mailwright-outbox-'));
  ingress = await startSmtpIngress({
    port: 0,
    isLocalDomain: async (domain) => domain === 'example.com',
    isKnownAddress: async () => true,
    rawStore: { put: async () => undefined },
    invoke: async (event) => void injected.push(event),
    resolver: offlineResolver,
  });
});
afterAll(async () => {
  await ingress.stop();
  await rm(outboxDir, { recursive: true, force: true });
});

function pipeline(mailSender: SplitMailSender) {
  const rawSource = new InMemoryRawSource();
  const ledger = new InMemoryLedger();
  return {
    rawSource,
    deps: {
      rawSource,
      ledger,
      directory: new InMemoryDirectory(),
      delivery: new RecordingDelivery(ledger),
      decider: spamVerdictDecider,
      mailSender,
      logger: new MemoryLogger(),
      reportingMta: 'mx.mailwright.test',
    },
  };
}

describe('Local DSN routing', () => {
  const sender = () =>
    new SplitMailSender({
      isLocalDomain: async (domain) => domain === 'example.com',
      local: { sendRaw: async (message) => void (await ingress.inject(message)) },
      remote: new OutboxMailSender({ directory: outboxDir }),
    });

  it('writes the DSN for a remote sender into the outbox as an .eml file with its envelope', async () => {
    const { rawSource, deps } = pipeline(sender());
    rawSource.objects.set('m-remote', simpleMessage('Report'));

    await processInboundEvent(
      sesEvent({ messageId: 'm-remote', recipients: ['nobody@example.com'], source: 'far@remote.example' }),
      deps,
    );

    const files = (await readdir(outboxDir)).filter((name) => name.endsWith('.eml'));
    expect(files).toHaveLength(1);
    const eml = await readFile(join(outboxDir, files[0]!), 'utf8');
    expect(eml).toMatch(
      /^X-Mailwright-Envelope-From: <>\r\nX-Mailwright-Envelope-To: <far@remote\.example>\r\n/,
    );
    expect(eml).toContain('Final-Recipient: rfc822; nobody@example.com');
    expect(eml).toContain('Subject: Undeliverable: Report');
  });

  it('delivers the DSN for a local sender through the local ingress with the null sender', async () => {
    const { rawSource, deps } = pipeline(sender());
    rawSource.objects.set('m-local', simpleMessage());

    await processInboundEvent(
      sesEvent({ messageId: 'm-local', recipients: ['nobody@example.com'], source: 'alice@example.com' }),
      deps,
    );

    expect(injected).toHaveLength(1);
    expect(injected[0]?.Records[0]?.ses.mail.source).toBe('');
    expect(injected[0]?.Records[0]?.ses.receipt.recipients).toEqual(['alice@example.com']);
  });
});
