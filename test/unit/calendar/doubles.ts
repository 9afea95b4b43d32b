import { KeyCache } from '../../../lambdas/core/crypto/key-cache';
import { MailboxKeyring } from '../../../lambdas/core/mailbox/keyring';

/** A keyring over an ACTIVE mailbox whose key is 32 zero bytes, wrapped as itself. */
export function keyring(): MailboxKeyring {
  return new MailboxKeyring({
    store: {
      getMailbox: async () => ({ state: 'ACTIVE', currentKeyVersion: 1 }),
      getKey: async () => ({ version: 1, wrappedKey: new Uint8Array(32), createdAt: 0 }),
    } as never,
    keyWrapper: {
      wrap: async (_arn: string, key: Uint8Array) => key,
      unwrap: async (key: Uint8Array) => key,
    } as never,
    organizationKey: async () => ({ arn: 'arn:aws:workmail:eu-west-1:1:organization/m-1' }),
    cache: new KeyCache({}),
    now: () => 0,
    versionTtlMs: 60_000,
  });
}
