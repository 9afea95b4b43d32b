import { generateKey, type MessageIdentity } from '../../../lambdas/core/crypto/envelope';
import { DecryptionFailedError } from '../../../lambdas/core/crypto/errors';
import { decryptSummary, encryptSummary } from '../../../lambdas/core/mailbox/summary';

const identity: MessageIdentity = {
  organizationId: 'm-org1',
  mailboxId: 'S-1-1',
  messageId: 'msg-1',
  keyVersion: 2,
};
const summary = {
  subject: 'Quarterly numbers',
  from: 'ana@org.example',
  to: ['bo@org.example'],
  snippet: 'Hi',
};

describe('Message summary encryption', () => {
  it('round-trips every field and omits the ones that were absent', () => {
    const messageKey = generateKey();

    const full = decryptSummary(messageKey, identity, encryptSummary(messageKey, identity, summary));
    const partial = decryptSummary(
      messageKey,
      identity,
      encryptSummary(messageKey, identity, { subject: '' }),
    );

    expect(full).toEqual(summary);
    expect(partial).toEqual({ subject: '' });
  });

  it('stores no field in plaintext', () => {
    const sealed = encryptSummary(generateKey(), identity, summary);

    const bytes = Buffer.concat(Object.values(sealed));
    expect(Object.keys(sealed).sort()).toEqual(['from', 'snippet', 'subject', 'to']);
    for (const text of ['Quarterly', 'ana@org', 'bo@org', 'Hi'])
      expect(bytes.includes(Buffer.from(text))).toBe(false);
  });

  it.each([
    ['organization', { ...identity, organizationId: 'm-org2' }],
    ['mailbox', { ...identity, mailboxId: 'S-1-2' }],
    ['message id', { ...identity, messageId: 'msg-2' }],
    ['key version', { ...identity, keyVersion: 3 }],
  ])('refuses a summary read for another %s', (_field, moved) => {
    const messageKey = generateKey();
    const sealed = encryptSummary(messageKey, identity, summary);

    expect(() => decryptSummary(messageKey, moved, sealed)).toThrow(DecryptionFailedError);
  });

  it.each([
    ['subject', 'snippet'],
    ['snippet', 'subject'],
    ['from', 'subject'],
    ['to', 'from'],
  ] as const)('refuses a %s passed off as the %s', (source, target) => {
    const messageKey = generateKey();
    const sealed = encryptSummary(messageKey, identity, summary);

    expect(() => decryptSummary(messageKey, identity, { [target]: sealed[source] })).toThrow(
      DecryptionFailedError,
    );
  });
});
