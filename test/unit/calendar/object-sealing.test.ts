import { ObjectSealing } from '../../../lambdas/core/calendar/object-sealing';
import { DecryptionFailedError } from '../../../lambdas/core/crypto/errors';
import { keyring } from './doubles';

const owner = { organizationId: 'm-1', mailboxId: 'S-1' };
const text = 'BEGIN:VCARD\r\nVERSION:4.0\r\nUID:c\r\nFN:Carol Secret\r\nEND:VCARD\r\n';

describe('ObjectSealing', () => {
  const sealing = new ObjectSealing(keyring());

  it('opens what it sealed, and the ciphertext does not contain the text', async () => {
    const sealed = await sealing.seal(owner, 1, text);
    expect(Buffer.from(sealed.sealed).includes('Carol Secret')).toBe(false);
    expect(await sealing.open(owner, sealed)).toBe(text);
  });

  it('refuses a sealed object moved to another object, mailbox or organization, given another key, or altered', async () => {
    const sealed = await sealing.seal(owner, 1, text);
    const other = await sealing.seal(owner, 1, text);
    const flipped = Buffer.from(sealed.sealed);
    flipped[20] ^= 1;
    const tampered = [
      sealing.open(owner, { ...sealed, objectId: other.objectId }),
      sealing.open({ ...owner, mailboxId: 'S-2' }, sealed),
      sealing.open({ ...owner, organizationId: 'm-2' }, sealed),
      sealing.open(owner, { ...sealed, wrappedKey: other.wrappedKey }),
      sealing.open(owner, { ...sealed, sealed: flipped }),
    ];
    for (const attempt of tampered) await expect(attempt).rejects.toBeInstanceOf(DecryptionFailedError);
  });
});
