import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { encodeAad, openGcm, sealGcm } from '../../../lambdas/core/crypto/envelope';
import { DecryptionFailedError, UnsupportedCiphertextError } from '../../../lambdas/core/crypto/errors';
import { FieldSealer } from '../../../lambdas/core/crypto/field-sealer';

const binding = ['INBOUND#m-1', 'TARGET#DSN', 'recipient'];

/** The subkey `purpose` of a deployment key, as docs/encryption.md §6 derives it. */
const subkey = (key: Buffer, purpose: string) =>
  Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `mailwright/deployment/${purpose}/v1`, 32));

describe('FieldSealer', () => {
  it('seals a value that opens only with the same binding', () => {
    const sealer = new FieldSealer(randomBytes(32), 'delivery-ledger');

    const sealed = sealer.seal('a@example.com', binding);

    expect(sealed).not.toContain('example');
    expect(Buffer.from(sealed, 'base64').includes(Buffer.from('a@example.com'))).toBe(false);
    expect(sealer.open(sealed, binding)).toBe('a@example.com');
    expect(sealer.seal('a@example.com', binding)).not.toBe(sealed);
  });

  it('refuses a value moved to another item or attribute with a clear error', () => {
    const sealer = new FieldSealer(randomBytes(32), 'delivery-ledger');
    const sealed = sealer.seal('a@example.com', binding);

    expect(() => sealer.open(sealed, ['INBOUND#m-2', 'TARGET#DSN', 'recipient'])).toThrow(
      DecryptionFailedError,
    );
    expect(() => sealer.open(sealed, ['INBOUND#m-1', 'TARGET#DSN', 'reason'])).toThrow(
      /^The sealed reason could not be authenticated for this item: .*copied from another item/,
    );
  });

  it('refuses another key, another purpose, a flipped bit and plaintext', () => {
    const key = randomBytes(32);
    const sealed = new FieldSealer(key, 'delivery-ledger').seal('x', binding);
    const flipped = Buffer.from(sealed, 'base64');
    flipped[flipped.length - 1] = (flipped[flipped.length - 1] ?? 0) ^ 1;

    expect(() => new FieldSealer(randomBytes(32), 'delivery-ledger').open(sealed, binding)).toThrow(
      DecryptionFailedError,
    );
    expect(() => new FieldSealer(key, 'other').open(sealed, binding)).toThrow(DecryptionFailedError);
    expect(() => new FieldSealer(key, 'delivery-ledger').open(flipped.toString('base64'), binding)).toThrow(
      DecryptionFailedError,
    );
    expect(() => new FieldSealer(key, 'delivery-ledger').open('a@example.com', binding)).toThrow(
      UnsupportedCiphertextError,
    );
  });

  it('computes a keyed, deterministic blind index', () => {
    const key = randomBytes(32);
    const sealer = new FieldSealer(key, 'delivery-ledger');

    const index = sealer.blindIndex('a@example.com');

    expect(index).toMatch(/^[0-9a-f]{64}$/);
    expect(sealer.blindIndex('a@example.com')).toBe(index);
    expect(new FieldSealer(randomBytes(32), 'delivery-ledger').blindIndex('a@example.com')).not.toBe(index);
  });

  it('refuses a key that is not 256 bits', () => {
    expect(() => new FieldSealer(randomBytes(16), 'delivery-ledger')).toThrow(UnsupportedCiphertextError);
  });

  it.each([
    ['partition key', ['INBOUND#m-2', 'TARGET#DSN', 'recipient']],
    ['sort key', ['INBOUND#m-1', 'TARGET#ADDR#1', 'recipient']],
    ['attribute name', ['INBOUND#m-1', 'TARGET#DSN', 'reason']],
    ['number of binding parts', ['INBOUND#m-1', 'TARGET#DSN']],
  ])('refuses a value opened with another %s', (_part, moved) => {
    const sealer = new FieldSealer(randomBytes(32), 'delivery-ledger');
    const sealed = sealer.seal('a@example.com', binding);

    expect(() => sealer.open(sealed, moved)).toThrow(DecryptionFailedError);
  });

  it('seals in the documented form: 0x01, then AES-256-GCM under the seal subkey with the bound AAD', () => {
    const key = randomBytes(32);

    const sealed = Buffer.from(
      new FieldSealer(key, 'delivery-ledger').seal('a@example.com', binding),
      'base64',
    );

    const aad = encodeAad(['mailwright/sealed-field', 1, 'delivery-ledger', ...binding]);
    expect(sealed[0]).toBe(0x01);
    expect(openGcm(subkey(key, 'delivery-ledger/seal'), sealed.subarray(1), aad).toString()).toBe(
      'a@example.com',
    );
  });

  it('opens a value sealed by hand in the documented form', () => {
    const key = randomBytes(32);
    const aad = encodeAad(['mailwright/sealed-field', 1, 'delivery-ledger', ...binding]);
    const body = sealGcm(subkey(key, 'delivery-ledger/seal'), Buffer.from('a@example.com'), aad);
    const sealed = Buffer.concat([Buffer.of(0x01), body]).toString('base64');

    expect(new FieldSealer(key, 'delivery-ledger').open(sealed, binding)).toBe('a@example.com');
  });

  it('refuses a sealed value with another format byte or a non-canonical base64 form', () => {
    const sealer = new FieldSealer(randomBytes(32), 'delivery-ledger');
    const bytes = Buffer.from(sealer.seal('a@example.com', binding), 'base64');
    const otherFormat = Buffer.from(bytes);
    otherFormat[0] = 0x02;

    expect(() => sealer.open(otherFormat.toString('base64'), binding)).toThrow(UnsupportedCiphertextError);
    expect(() => sealer.open(`${bytes.toString('base64')}\n`, binding)).toThrow(UnsupportedCiphertextError);
  });

  it('keeps blind indexes stable: HMAC-SHA256 under the documented index subkey', () => {
    const key = randomBytes(32);

    const index = new FieldSealer(key, 'delivery-ledger').blindIndex('a@example.com');

    const expected = createHmac('sha256', subkey(key, 'delivery-ledger/index'))
      .update('a@example.com')
      .digest('hex');
    expect(index).toBe(expected);
  });

  it('names the attribute of a value that is not sealed, and keeps the cause of a failed one', () => {
    const sealer = new FieldSealer(randomBytes(32), 'delivery-ledger');
    const sealed = sealer.seal('a@example.com', binding);

    expect(() => sealer.open('a@example.com', binding)).toThrow(/^The recipient value is not a sealed field/);
    expect(() => sealer.open('a@example.com', [])).toThrow(/^The field value is not a sealed field/);
    expect(() => sealer.open(sealed, [])).toThrow(/^The sealed field could not be authenticated/);
    expect(() => sealer.open(sealed, ['INBOUND#m-1', 'TARGET#DSN', 'reason'])).toThrow(
      expect.objectContaining({ cause: expect.any(DecryptionFailedError) }),
    );
  });
});
