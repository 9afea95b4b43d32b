import { mailboxKeyContext } from '../crypto/context';
import { generateKey } from '../crypto/envelope';
import { MailboxKeyNotFoundError } from '../crypto/errors';
import { KeyCache } from '../crypto/key-cache';
import type { KeyWrapper } from '../crypto/ports';
import type { MailboxStore, OrganizationKeyResolver } from './ports';
import type { WrappedMailboxKey } from './types';

/** Dependencies of {@link MailboxKeyring}. */
export interface MailboxKeyringDeps {
  readonly store: MailboxStore;
  readonly keyWrapper: KeyWrapper;
  readonly organizationKey: OrganizationKeyResolver;
  readonly cache: KeyCache;
  readonly now: () => number;
}

/**
 * Mailbox keys: generated locally, wrapped by the KeyWrapper (KMS Encrypt) under the organization's key with the
 * context {org ARN, mailbox id}, stored only wrapped, unwrapped on demand and cached for at most 60 s.
 * @example
 * const wrapped = await keyring.use(orgId, mailboxId, 1, (mailboxKey) => wrapMessageKey(mailboxKey, messageKey, id));
 */
export class MailboxKeyring {
  constructor(private readonly deps: MailboxKeyringDeps) {}

  /** Generates a fresh mailbox key and returns it wrapped (one KeyWrapper call); the plaintext is zeroed. */
  async newWrappedKey(
    organizationId: string,
    mailboxId: string,
    version: number,
  ): Promise<WrappedMailboxKey> {
    const organization = await this.deps.organizationKey(organizationId);
    const key = generateKey();
    try {
      const context = mailboxKeyContext(organization.arn, mailboxId);
      const wrappedKey = await this.deps.keyWrapper.wrap(organization.kmsKeyArn, key, context);
      return { version, wrappedKey, kmsKeyArn: organization.kmsKeyArn, createdAt: this.deps.now() };
    } finally {
      key.fill(0);
    }
  }

  /** Calls `fn` (synchronously) with the plaintext mailbox key of `version`; 0 KeyWrapper calls when cached. */
  use<T>(
    organizationId: string,
    mailboxId: string,
    version: number,
    fn: (mailboxKey: Buffer) => T,
  ): Promise<T> {
    return this.deps.cache.use(
      `${cachePrefix(organizationId, mailboxId)}${version}`,
      () => this.load(organizationId, mailboxId, version),
      fn,
    );
  }

  /** Forgets the cached keys of a mailbox (zeroing them). */
  evict(organizationId: string, mailboxId: string): void {
    this.deps.cache.evict(cachePrefix(organizationId, mailboxId));
  }

  private async load(organizationId: string, mailboxId: string, version: number): Promise<Buffer> {
    const stored = await this.deps.store.getKey(organizationId, mailboxId, version);
    if (!stored) throw new MailboxKeyNotFoundError(organizationId, mailboxId, version);
    const organization = await this.deps.organizationKey(organizationId);
    const key = await this.deps.keyWrapper.unwrap(
      stored.wrappedKey,
      mailboxKeyContext(organization.arn, mailboxId),
    );
    return Buffer.from(key.buffer, key.byteOffset, key.byteLength);
  }
}

function cachePrefix(organizationId: string, mailboxId: string): string {
  return `${organizationId}\u0000${mailboxId}\u0000`;
}
