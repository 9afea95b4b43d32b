import { DeliveryIncompleteError, type DeliveryLogger, type Verdicts } from '../../../lambdas/core/delivery';
import { duplicates, readVerdicts, recordedBounces, sendDsn } from '../../../lambdas/core/delivery/dsn-step';
import { InMemoryLedger, RecordingMailSender, sesEvent } from './doubles';

const PASS: Verdicts = { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' };
const bounce = {
  recipient: 'x@example.com',
  status: '5.1.1',
  diagnostic: 'smtp; 550 5.1.1 unknown',
} as const;

function setup() {
  const ledger = new InMemoryLedger();
  const mailSender = new RecordingMailSender();
  const lines: { message: string; attributes: Readonly<Record<string, unknown>> }[] = [];
  const logger: DeliveryLogger = {
    info: (message, attributes) => lines.push({ message, attributes }),
    warn: (message, attributes) => lines.push({ message, attributes }),
    error: (message, attributes) => lines.push({ message, attributes }),
  };
  const deps = { ledger, mailSender, logger, reportingMta: 'mx.example.org' };
  const attempt = (owner = 'one') => ({ messageId: 'ses-1', owner, now: () => 1000, leaseMs: 500 });
  const message = (overrides: Partial<Parameters<typeof sendDsn>[2]> = {}) => ({
    envelopeFrom: 'sender@remote.example',
    arrivedAt: 0,
    headers: { subject: 'Hi', rawHeaderBlock: 'Subject: Hi\r\n', isDeliveryReport: false },
    bounces: [bounce],
    outcomes: [],
    verdicts: PASS,
    ...overrides,
  });
  return { ledger, mailSender, lines, deps, attempt, message };
}

describe('sendDsn', () => {
  it('sends nothing and asks the ledger nothing when nothing bounced', async () => {
    const { deps, attempt, message, mailSender, ledger } = setup();

    expect(await sendDsn(deps, attempt(), message({ bounces: [] }))).toBe(false);
    expect(mailSender.sent).toEqual([]);
    expect([...ledger.calls.keys()]).toEqual([]);
  });

  it('reports no bounce to the null sender or of a DSN, and logs why', async () => {
    const { deps, attempt, message, mailSender, lines } = setup();
    const dsn = { rawHeaderBlock: '', isDeliveryReport: true };

    expect(await sendDsn(deps, attempt(), message({ envelopeFrom: '' }))).toBe(false);
    expect(await sendDsn(deps, attempt(), message({ headers: dsn }))).toBe(false);

    expect(mailSender.sent).toEqual([]);
    expect(lines).toEqual([
      { message: 'bounces not reported: null sender or a DSN', attributes: { messageId: 'ses-1' } },
      { message: 'bounces not reported: null sender or a DSN', attributes: { messageId: 'ses-1' } },
    ]);
  });

  it('reports no bounce to a sender the verdicts do not vouch for, and logs the reason', async () => {
    const { deps, attempt, message, mailSender, lines } = setup();

    expect(await sendDsn(deps, attempt(), message({ verdicts: { ...PASS, spam: 'FAIL' } }))).toBe(false);

    expect(mailSender.sent).toEqual([]);
    expect(lines).toEqual([
      {
        message: 'bounces not reported: the sender is not authenticated',
        attributes: { messageId: 'ses-1', reason: 'spam verdict FAIL' },
      },
    ]);
  });

  it('sends one DSN from the null sender and records it as sent; a replay sends none', async () => {
    const { deps, attempt, message, mailSender, ledger } = setup();

    expect(await sendDsn(deps, attempt(), message())).toBe(true);
    expect(await sendDsn(deps, attempt('two'), message())).toBe(false);

    expect(mailSender.sent.map((sent) => [sent.envelopeFrom, sent.recipients])).toEqual([
      ['', ['sender@remote.example']],
    ]);
    expect(ledger.entries.get('ses-1|DSN')).toMatchObject({
      state: 'SENT',
      record: { state: 'SENT', recipient: 'sender@remote.example' },
    });
  });

  it('holds its claim while sending, so a concurrent attempt is told to retry instead of sending again', async () => {
    const { deps, attempt, message, mailSender } = setup();
    let concurrent: unknown;
    const send = mailSender.sendRaw.bind(mailSender);
    mailSender.sendRaw = async (raw) => {
      concurrent ??= await sendDsn(deps, attempt('two'), message()).catch((error: unknown) => error);
      await send(raw);
    };

    await sendDsn(deps, attempt(), message());

    expect(mailSender.sent).toHaveLength(1);
    expect(concurrent).toBeInstanceOf(DeliveryIncompleteError);
    expect((concurrent as DeliveryIncompleteError).message).toBe(
      'message ses-1: another attempt is sending the DSN',
    );
    expect((concurrent as DeliveryIncompleteError).result).toEqual({
      messageId: 'ses-1',
      recipients: [],
      dsnSent: false,
      rawDeleted: false,
    });
  });
});

describe('recordedBounces', () => {
  it('lists the bounced targets only, with defaults for fields an older record may lack', () => {
    const entries = [
      {
        target: 'ADDR#a@example.com',
        state: 'BOUNCED',
        record: { state: 'BOUNCED', recipient: 'a@example.com' },
      },
      { target: 'MBX#o#b', state: 'DELIVERED', record: { state: 'DELIVERED', recipient: 'b@example.com' } },
      { target: 'MBX#o#c', state: 'CLAIMED' },
      { target: 'DECISION', state: 'SENT', record: { state: 'SENT', recipient: 'ses-1', reason: '{}' } },
    ] as const;

    expect(recordedBounces(entries)).toEqual([
      { recipient: 'a@example.com', status: '5.1.1', diagnostic: '' },
    ]);
  });
});

describe('duplicates', () => {
  it('reports each settled recipient target of a completed message, not the DSN, decision or open claims', () => {
    const entries = [
      { target: 'MBX#o#b', state: 'DELIVERED', record: { state: 'DELIVERED', recipient: 'b@example.com' } },
      { target: 'DSN', state: 'SENT', record: { state: 'SENT', recipient: 'sender@remote.example' } },
      { target: 'DECISION', state: 'SENT', record: { state: 'SENT', recipient: 'ses-1', reason: '{}' } },
      { target: 'MBX#o#c', state: 'CLAIMED' },
    ] as const;

    expect(duplicates(entries)).toEqual([
      { recipient: 'b@example.com', outcome: 'duplicate', previous: 'delivered' },
    ]);
  });
});

describe('readVerdicts', () => {
  it('upper-cases the verdicts and the DMARC policy, and counts a missing verdict as GRAY', () => {
    const [record] = sesEvent({ messageId: 'ses-1', recipients: ['a@example.com'], spam: 'fail' }).Records;
    const receipt = { ...record!.ses.receipt, dkimVerdict: undefined, dmarcPolicy: 'reject' };

    expect(readVerdicts({ ...record!, ses: { ...record!.ses, receipt } })).toEqual({
      spam: 'FAIL',
      virus: 'PASS',
      spf: 'PASS',
      dkim: 'GRAY',
      dmarc: 'PASS',
      dmarcPolicy: 'REJECT',
    });
  });
});
