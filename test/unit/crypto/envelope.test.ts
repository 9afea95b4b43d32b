import {
  WRAPPED_MESSAGE_KEY_BYTES,
  decryptField,
  encodeAad,
  encryptField,
  generateKey,
  openGcm,
  sealGcm,
  unwrapMessageKey,
  wrapMessageKey,
  type MessageIdentity,
} from '../../../lambdas/core/crypto/envelope';
import { DecryptionFailedError, UnsupportedCiphertextError } from '../../../lambdas/core/crypto/errors';
import { canonicalContext, mailboxKeyContext } from '../../../lambdas/core/crypto/context';

const identity: MessageIdentity = {
  organizationId: 'm-org1',
  mailboxId: 'S-1-1',
  messageId: 'msg-1',
  keyVersion: 3,
};

describe('Envelope: message keys and index fields', () => {
  it('encodes AAD parts unambiguously', () => {
    expect(encodeAad(['ab', 'c']).equals(encodeAad(['a', 'bc']))).toBe(false);
    expect(encodeAad([1, 'x']).equals(encodeAad(['1', 'x']))).toBe(true);
  });

  it('wraps a message key under the mailbox key and unwraps it for the same identity only', () => {
    const mailboxKey = generateKey();
    const messageKey = generateKey();
    const wrapped = wrapMessageKey(mailboxKey, messageKey, identity);
    expect(wrapped.length).toBe(WRAPPED_MESSAGE_KEY_BYTES);
    expect(wrapped.includes(messageKey)).toBe(false);
    expect(unwrapMessageKey(mailboxKey, wrapped, identity)).toEqual(messageKey);
    expect(() => unwrapMessageKey(mailboxKey, wrapped, { ...identity, messageId: 'msg-2' })).toThrow(
      DecryptionFailedError,
    );
    expect(() => unwrapMessageKey(mailboxKey, wrapped, { ...identity, mailboxId: 'S-1-2' })).toThrow(
      DecryptionFailedError,
    );
    expect(() => unwrapMessageKey(mailboxKey, wrapped, { ...identity, keyVersion: 4 })).toThrow(
      DecryptionFailedError,
    );
    expect(() => unwrapMessageKey(generateKey(), wrapped, identity)).toThrow(DecryptionFailedError);
    expect(() => unwrapMessageKey(mailboxKey, wrapped.subarray(1), identity)).toThrow(
      UnsupportedCiphertextError,
    );
  });

  it('uses a fresh nonce for every seal', () => {
    const key = generateKey();
    expect(
      sealGcm(key, Buffer.from('same'), Buffer.alloc(0)).equals(
        sealGcm(key, Buffer.from('same'), Buffer.alloc(0)),
      ),
    ).toBe(false);
    expect(() => openGcm(key, Buffer.alloc(10), Buffer.alloc(0))).toThrow(DecryptionFailedError);
  });

  it('encrypts an index field bound to its name and message', () => {
    const messageKey = generateKey();
    const sealed = encryptField(messageKey, identity, 'subject', 'Quarterly numbers');
    expect(sealed.includes(Buffer.from('Quarterly'))).toBe(false);
    expect(decryptField(messageKey, identity, 'subject', sealed)).toBe('Quarterly numbers');
    expect(() => decryptField(messageKey, identity, 'snippet', sealed)).toThrow(DecryptionFailedError);
    expect(() => decryptField(messageKey, { ...identity, messageId: 'msg-2' }, 'subject', sealed)).toThrow(
      DecryptionFailedError,
    );
  });

  it('builds the mailbox-key encryption context and serialises contexts independently of key order', () => {
    expect(mailboxKeyContext('arn:org', 'S-1-1')).toEqual({
      'aws:workmail:arn': 'arn:org',
      'mailwright:mailbox': 'S-1-1',
    });
    expect(canonicalContext({ b: '2', a: '1' }).equals(canonicalContext({ a: '1', b: '2' }))).toBe(true);
    expect(canonicalContext({ a: '1', b: '2' }).equals(canonicalContext({ a: '1', b: '3' }))).toBe(false);
  });
});
