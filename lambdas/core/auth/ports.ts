import type { Page, PageRequest } from '../api/pagination';
import type { AdminKey, AdminKeyScope } from './types';

/** Where admin access keys are kept (the directory table in the cloud and locally). */
export interface AdminKeyStore {
  /**
   * Stores a new key.
   * @throws AdminKeyExistsError when the access key id is taken
   */
  createKey(key: AdminKey): Promise<void>;
  /**
   * Replaces the wrapped secret of an ACTIVE key (the bootstrap key, whose secret is configured), in one
   * conditional write; false when the key is missing or revoked, which it stays.
   */
  replaceSecret(accessKeyId: string, wrappedSecret: Uint8Array): Promise<boolean>;
  getKey(accessKeyId: string): Promise<AdminKey | undefined>;
  /** Lists keys in access key id order, revoked ones included. */
  listKeys(request: PageRequest): Promise<Page<AdminKey>>;
  /** Replaces the scope of a key; false when there is no such key. */
  updateScope(accessKeyId: string, organizations: AdminKeyScope): Promise<boolean>;
  /** Marks a key revoked (idempotent); false when there is no such key. */
  revokeKey(accessKeyId: string, revokedAt: number): Promise<boolean>;
}
