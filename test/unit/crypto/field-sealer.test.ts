import { randomBytes } from 'node:crypto';
import { DecryptionFailedError, UnsupportedCiphertextError } from '../../../lambdas/core/crypto/errors';
import { FieldSealer } from '../../../lambdas/core/crypto/field-sealer';

const binding = ['INBOUND#m-1', 'TARGET#DSN', 'recipient'];

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
      /could not be authenticated for this item/,
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
});
