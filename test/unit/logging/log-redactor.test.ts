import { LogRedactor } from '../../../lambdas/core/logging';

const keyA = new Uint8Array(32).fill(1);
const keyB = new Uint8Array(32).fill(2);

function keyed(key: Uint8Array = keyA): LogRedactor {
  const redactor = new LogRedactor();
  redactor.useKey(key);
  return redactor;
}

describe('LogRedactor', () => {
  it('gives one address the same pseudonym whatever its case, and other addresses or keys another', () => {
    const redactor = keyed();

    const alice = redactor.pseudonym('alice@example.com');

    expect(alice).toMatch(/^addr:[0-9a-f]{16}$/);
    expect(redactor.pseudonym(' Alice@EXAMPLE.com ')).toBe(alice);
    expect(redactor.pseudonym('bob@example.com')).not.toBe(alice);
    expect(keyed(keyB).pseudonym('alice@example.com')).not.toBe(alice);
  });

  it('keeps the first key it is given, so pseudonyms do not change within a process', () => {
    const redactor = keyed();
    const before = redactor.pseudonym('alice@example.com');

    redactor.useKey(keyB);

    expect(redactor.pseudonym('alice@example.com')).toBe(before);
  });

  it('replaces addresses with an uncorrelatable placeholder until a key is set', () => {
    const redactor = new LogRedactor();

    expect(redactor.redact({ recipient: 'alice@example.com' })).toEqual({ recipient: 'addr:redacted' });
  });

  it('pseudonymizes addresses at any depth and inside longer strings, leaving other values alone', () => {
    const redactor = keyed();
    const p = (address: string) => redactor.pseudonym(address);

    const out = redactor.redact({
      messageId: 'm-1',
      attempt: 2,
      ruleActions: [{ action: 'DROP', recipients: ['a@example.com', 'B@example.com'] }],
      target: 'ADDR#c@example.com',
      note: 'delivery to d@example.com failed',
    });

    expect(out).toEqual({
      messageId: 'm-1',
      attempt: 2,
      ruleActions: [{ action: 'DROP', recipients: [p('a@example.com'), p('b@example.com')] }],
      target: `ADDR#${p('c@example.com')}`,
      note: `delivery to ${p('d@example.com')} failed`,
    });
  });

  it('drops display names from header-like fields and redacts subjects wherever they are', () => {
    const redactor = keyed();

    const out = redactor.redact({
      from: '"Alice Secret" <alice@example.com>',
      to: 'Nobody Here',
      event: {
        mail: { commonHeaders: { subject: 'Quarterly plans', from: ['Bob Secret <bob@x.example>'] } },
      },
      originalSubject: 'Quarterly plans',
    });

    expect(JSON.stringify(out)).not.toMatch(/Secret|Quarterly|Nobody/);
    expect(out).toMatchObject({
      from: redactor.pseudonym('alice@example.com'),
      to: '[redacted]',
      event: {
        mail: { commonHeaders: { subject: '[redacted]', from: [redactor.pseudonym('bob@x.example')] } },
      },
      originalSubject: '[redacted]',
    });
  });

  it('redacts error messages, stacks and causes', () => {
    const redactor = keyed();
    const error = new Error('cannot deliver to alice@example.com', {
      cause: new Error('mailbox of bob@example.com is full'),
    });

    const out = JSON.stringify(redactor.redact({ error }));

    expect(out).not.toContain('@example.com');
    expect(out).toContain('cannot deliver to addr:');
    expect(out).toContain('mailbox of addr:');
  });

  it('survives circular structures and reports bytes by their size only', () => {
    const redactor = keyed();
    const loop: Record<string, unknown> = { recipient: 'a@example.com' };
    loop.self = loop;

    const out = redactor.redact({ loop, raw: Buffer.from('Subject: secret a@example.com') });

    expect(out).toMatchObject({ loop: { self: '[circular]' }, raw: '[29 bytes]' });
  });

  it('wraps a logger so the message text and the attributes are redacted before they are written', () => {
    const redactor = keyed();
    const written: unknown[] = [];
    const logger = redactor.wrap({
      info: (message, attributes) => written.push(message, attributes),
      warn: (message, attributes) => written.push(message, attributes),
      error: (message, attributes) => written.push(message, attributes),
    });

    logger.info('bounced a@example.com', { subject: 'Hi' });
    logger.warn('w', { envelopeFrom: 'b@example.com' });
    logger.error('e', { recipient: 'c@example.com' });

    expect(JSON.stringify(written)).not.toMatch(/@example\.com|Hi/);
    expect(written).toHaveLength(6);
  });
});
