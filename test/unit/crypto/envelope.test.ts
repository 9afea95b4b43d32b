import { hkdfSync } from 'node:crypto';
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

/** One changed part of the identity per row: every part is bound into the AAD. */
const movedIdentities: Array<[keyof MessageIdentity, MessageIdentity]> = [
  ['organizationId', { ...identity, organizationId: 'm-org2' }],
  ['mailboxId', { ...identity, mailboxId: 'S-1-2' }],
  ['messageId', { ...identity, messageId: 'msg-2' }],
  ['keyVersion', { ...identity, keyVersion: 4 }],
];

describe('Envelope: message keys and index fields', () => {
  it('encodes AAD parts unambiguously', () => {
    expect(encodeAad(['ab', 'c']).equals(encodeAad(['a', 'bc']))).toBe(false);
    expect(encodeAad([1, 'x']).equals(encodeAad(['1', 'x']))).toBe(true);
  });

  it('encodes each AAD part as a big-endian u32 length and its UTF-8 bytes (docs/encryption.md §2)', () => {
    expect(encodeAad(['ab', 7, 'é']).toString('hex')).toBe(
      '00000002' + '6162' + '00000001' + '37' + '00000002' + 'c3a9',
    );
    expect(encodeAad(['', 'x']).toString('hex')).toBe('00000000' + '00000001' + '78');
  });

  it('wraps a message key that opens with the documented AAD (label, format version 1, identity)', () => {
    const mailboxKey = generateKey();
    const messageKey = generateKey();

    const wrapped = wrapMessageKey(mailboxKey, messageKey, identity);

    const aad = encodeAad(['mailwright/message-key', 1, 'm-org1', 'S-1-1', 'msg-1', 3]);
    expect(openGcm(mailboxKey, wrapped, aad)).toEqual(messageKey);
  });

  it('unwraps a message key wrapped with the documented AAD', () => {
    const mailboxKey = generateKey();
    const messageKey = generateKey();
    const wrapped = sealGcm(
      mailboxKey,
      messageKey,
      encodeAad(['mailwright/message-key', 1, 'm-org1', 'S-1-1', 'msg-1', 3]),
    );

    expect(unwrapMessageKey(mailboxKey, wrapped, identity)).toEqual(messageKey);
  });

  it.each(movedIdentities)('refuses to unwrap a message key whose %s differs', (_field, moved) => {
    const mailboxKey = generateKey();
    const wrapped = wrapMessageKey(mailboxKey, generateKey(), identity);

    expect(() => unwrapMessageKey(mailboxKey, wrapped, moved)).toThrow(DecryptionFailedError);
  });

  it.each(movedIdentities)('refuses to decrypt an index field whose %s differs', (_field, moved) => {
    const messageKey = generateKey();
    const sealed = encryptField(messageKey, identity, 'subject', 'Quarterly numbers');

    expect(() => decryptField(messageKey, moved, 'subject', sealed)).toThrow(DecryptionFailedError);
  });

  it('encrypts an index field under the documented field key and AAD', () => {
    const messageKey = generateKey();
    const fieldKey = Buffer.from(hkdfSync('sha256', messageKey, Buffer.alloc(0), 'mailwright/fields/v1', 32));

    const sealed = encryptField(messageKey, identity, 'subject', 'Quarterly numbers');

    const aad = encodeAad(['mailwright/field', 1, 'm-org1', 'S-1-1', 'msg-1', 3, 'subject']);
    expect(openGcm(fieldKey, sealed, aad).toString('utf8')).toBe('Quarterly numbers');
  });

  it('decrypts an index field sealed under the documented field key and AAD', () => {
    const messageKey = generateKey();
    const fieldKey = Buffer.from(hkdfSync('sha256', messageKey, Buffer.alloc(0), 'mailwright/fields/v1', 32));
    const aad = encodeAad(['mailwright/field', 1, 'm-org1', 'S-1-1', 'msg-1', 3, 'subject']);
    const sealed = sealGcm(fieldKey, Buffer.from('Quarterly numbers'), aad);

    expect(decryptField(messageKey, identity, 'subject', sealed)).toBe('Quarterly numbers');
  });

  it('wraps a message key under the mailbox key and unwraps it with that key only', () => {
    const mailboxKey = generateKey();
    const messageKey = generateKey();
    const wrapped = wrapMessageKey(mailboxKey, messageKey, identity);
    expect(wrapped.length).toBe(WRAPPED_MESSAGE_KEY_BYTES);
    expect(wrapped.includes(messageKey)).toBe(false);
    expect(unwrapMessageKey(mailboxKey, wrapped, identity)).toEqual(messageKey);
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

  it('encrypts an index field that opens under its own field name only', () => {
    const messageKey = generateKey();
    const sealed = encryptField(messageKey, identity, 'subject', 'Quarterly numbers');
    expect(sealed.includes(Buffer.from('Quarterly'))).toBe(false);
    expect(decryptField(messageKey, identity, 'subject', sealed)).toBe('Quarterly numbers');
    expect(() => decryptField(messageKey, identity, 'snippet', sealed)).toThrow(DecryptionFailedError);
  });

  it('builds the mailbox-key encryption context and serialises contexts independently of key order', () => {
    expect(mailboxKeyContext('arn:org', 'S-1-1')).toEqual({
      'aws:workmail:arn': 'arn:org',
      'mailwright:mailbox': 'S-1-1',
    });
    expect(canonicalContext({ b: '2', a: '1' }).equals(canonicalContext({ a: '1', b: '2' }))).toBe(true);
    expect(canonicalContext({ c: '3', a: '1', b: '2' }).toString()).toBe('[["a","1"],["b","2"],["c","3"]]');
    expect(canonicalContext({ ä: '4', b: '2' }).toString('hex')).toBe(
      Buffer.from('[["b","2"],["ä","4"]]').toString('hex'),
    );
    expect(canonicalContext({ a: '1', b: '2' }).equals(canonicalContext({ a: '1', b: '3' }))).toBe(false);
  });

  it('opens a seal of empty plaintext (28 bytes) and refuses anything shorter', () => {
    const key = generateKey();
    const sealed = sealGcm(key, Buffer.alloc(0), Buffer.from('aad'));

    expect(sealed).toHaveLength(28);
    expect(openGcm(key, sealed, Buffer.from('aad'))).toEqual(Buffer.alloc(0));
    expect(() => openGcm(key, sealed.subarray(1), Buffer.from('aad'))).toThrow(/too short/);
    expect(() => openGcm(key, sealed, Buffer.from('other'))).toThrow(
      expect.objectContaining({ name: 'DecryptionFailedError', cause: expect.anything() }),
    );
  });

  it('says how long a wrapped message key must be', () => {
    const wrapped = wrapMessageKey(generateKey(), generateKey(), identity);

    expect(() => unwrapMessageKey(generateKey(), wrapped.subarray(1), identity)).toThrow(/60 bytes, got 59/);
  });
});
