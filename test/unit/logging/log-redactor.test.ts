import { createHmac } from 'node:crypto';
import { deriveDeploymentSubkey } from '../../../lambdas/core/crypto/deployment-keys';
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

  it('makes the pseudonym docs/security.md describes, so an operator holding the key can find an address', () => {
    const redactor = keyed();
    const subkey = deriveDeploymentSubkey(keyA, 'logs/address-pseudonym');
    const mac = createHmac('sha256', subkey).update('alice@example.com').digest('hex');

    expect(redactor.pseudonym(' Alice@Example.COM ')).toBe(`addr:${mac.slice(0, 16)}`);
  });

  it('leaves absent and null fields as they are instead of reporting redacted content', () => {
    const redactor = keyed();

    const out = redactor.redact({ subject: undefined, body: null, error: new Error('x', { cause: null }) });

    expect(out.subject).toBeUndefined();
    expect(out.body).toBeNull();
    expect(out.error).toMatchObject({ cause: null });
  });

  it('lists every address of a header-like field, separated by commas', () => {
    const redactor = keyed();

    const out = redactor.redact({ to: 'Alice <a@example.com>, Bob <b@example.com>' });

    expect(out.to).toBe(`${redactor.pseudonym('a@example.com')}, ${redactor.pseudonym('b@example.com')}`);
  });

  it('drops display names from camel-cased reply-to and return-path fields', () => {
    const redactor = keyed();

    const out = redactor.redact({
      replyTo: 'Alice Secret <a@example.com>',
      returnPath: 'Bounce Secret <b@example.com>',
    });

    expect(out).toEqual({
      replyTo: redactor.pseudonym('a@example.com'),
      returnPath: redactor.pseudonym('b@example.com'),
    });
  });

  it('treats fields that only start or end like an address header as ordinary fields', () => {
    const redactor = keyed();

    const out = redactor.redact({ topic: 'billing', routedTo: 'queue-7' });

    expect(out).toEqual({ topic: 'billing', routedTo: 'queue-7' });
  });

  it('pseudonymizes an address whose local part holds capitals and a # whole, not as a key prefix', () => {
    const redactor = keyed();

    const text = redactor.redactText('sent to team-OPS#1@example.com');

    expect(text).toBe(`sent to ${redactor.pseudonym('team-OPS#1@example.com')}`);
  });

  it('keeps dates as dates', () => {
    const at = new Date('2025-01-02T03:04:05Z');

    expect(keyed().redact({ at })).toEqual({ at });
  });

  it('redacts the stack of an error and keeps an error without a stack', () => {
    const redactor = keyed();
    const withStack = new Error('to alice@example.com');
    const withoutStack = new Error('plain');
    delete withoutStack.stack;

    const out = redactor.redact({ withStack, withoutStack });

    const stack = (out.withStack as { stack: string }).stack;
    expect(stack).toContain(`Error: to ${redactor.pseudonym('alice@example.com')}`);
    expect(stack).not.toContain('alice@');
    expect(out.withoutStack).toMatchObject({ message: 'plain', stack: undefined });
  });

  it('redacts an array given as an error cause item by item', () => {
    const redactor = keyed();

    const out = redactor.redact({ error: new Error('x', { cause: ['a@example.com', 2] }) });

    expect(out.error).toMatchObject({ cause: [redactor.pseudonym('a@example.com'), 2] });
  });

  it('keeps eight levels of nested objects and cuts deeper ones', () => {
    const nest = (levels: number): unknown => (levels === 0 ? 'leaf' : { next: nest(levels - 1) });

    const out = JSON.stringify(keyed().redact({ kept: nest(8), cut: nest(9) }));

    expect(out).toContain(
      '{"kept":{"next":{"next":{"next":{"next":{"next":{"next":{"next":{"next":"leaf"}}}}}}}}',
    );
    expect(out).toContain(
      '"cut":{"next":{"next":{"next":{"next":{"next":{"next":{"next":{"next":"[nested too deep]"}',
    );
  });

  it('cuts deeply nested arrays and long chains of causes too', () => {
    const nestArrays = (levels: number): unknown => (levels === 0 ? {} : [nestArrays(levels - 1)]);
    let error = new Error('root');
    for (let i = 0; i < 20; i++) error = new Error(`level ${i}`, { cause: error });

    const out = JSON.stringify(keyed().redact({ list: nestArrays(20), error }));

    expect(out.match(/nested too deep/g)).toHaveLength(2);
    expect(out).not.toContain('"root"');
  });
});
