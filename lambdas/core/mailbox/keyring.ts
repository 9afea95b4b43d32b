import { mailboxKeyContext } from '../crypto/context';
import { generateKey } from '../crypto/envelope';
import { MailboxKeyNotFoundError } from '../crypto/errors';
import { KeyCache } from '../crypto/key-cache';
import type { KeyWrapper } from '../crypto/ports';
import { MailboxNotFoundError } from './errors';
import type { MailboxStore, OrganizationKeyResolver } from './ports';
import type { WrappedMailboxKey } from './types';

/** Dependencies of {@link MailboxKeyring}. */
export interface MailboxKeyringDeps {
  readonly store: MailboxStore;
  readonly keyWrapper: KeyWrapper;
  readonly organizationKey: OrganizationKeyResolver;
  readonly cache: KeyCache;
  readonly now: () => number;
  /** How long a mailbox's current key version is remembered, like its keys. */
  readonly versionTtlMs: number;
}

/**
 * Mailbox keys: generated locally, wrapped by the KeyWrapper (KMS Encrypt) under the organization's key with the
 * context {org ARN, mailbox id}, stored only wrapped, unwrapped on demand and cached for at most 60 s.
 * @example
 * const wrapped = await keyring.use(orgId, mailboxId, 1, (mailboxKey) => wrapMessageKey(mailboxKey, messageKey, id));
 */
export class MailboxKeyring {
  private readonly versions = new Map<string, { readonly version: number; readonly until: number }>();

  constructor(private readonly deps: MailboxKeyringDeps) {}

  /**
   * The key version new messages of an active mailbox are wrapped with, remembered as long as keys are cached (a
   * rotation elsewhere reaches this process within that time; the older version stays valid meanwhile).
   * @throws MailboxNotFoundError when the mailbox does not exist or is being destroyed
   */
  async currentVersion(organizationId: string, mailboxId: string): Promise<number> {
    const key = cachePrefix(organizationId, mailboxId);
    const now = this.deps.now();
    const cached = this.versions.get(key);
    if (cached && cached.until > now) return cached.version;
    const mailbox = await this.deps.store.getMailbox(organizationId, mailboxId);
    if (mailbox?.state !== 'ACTIVE') throw new MailboxNotFoundError(organizationId, mailboxId);
    this.remember(organizationId, mailboxId, mailbox.currentKeyVersion);
    return mailbox.currentKeyVersion;
  }

  /** Records the current key version of a mailbox (after provisioning or rotating it here). */
  remember(organizationId: string, mailboxId: string, version: number): void {
    const until = this.deps.now() + this.deps.versionTtlMs;
    this.versions.set(cachePrefix(organizationId, mailboxId), { version, until });
  }

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

  /** Forgets the cached keys (zeroing them) and the current version of a mailbox. */
  evict(organizationId: string, mailboxId: string): void {
    this.versions.delete(cachePrefix(organizationId, mailboxId));
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
