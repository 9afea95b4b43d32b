import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Page, PageRequest } from '../../../lambdas/core/api/pagination';
import { AdminKeyExistsError } from '../../../lambdas/core/auth/errors';
import type { AdminKeyStore } from '../../../lambdas/core/auth/ports';
import type { AdminKey, AdminKeyScope } from '../../../lambdas/core/auth/types';
import type { KeyWrapper } from '../../../lambdas/core/crypto/ports';

/** An in-memory AdminKeyStore that counts reads, for unit tests. */
export class MemoryAdminKeyStore implements AdminKeyStore {
  readonly keys = new Map<string, AdminKey>();
  reads = 0;

  async createKey(key: AdminKey): Promise<void> {
    if (this.keys.has(key.accessKeyId)) throw new AdminKeyExistsError(key.accessKeyId);
    this.keys.set(key.accessKeyId, key);
  }

  async replaceSecret(accessKeyId: string, wrappedSecret: Uint8Array): Promise<boolean> {
    const key = this.keys.get(accessKeyId);
    if (key?.state !== 'ACTIVE') return false;
    this.keys.set(accessKeyId, { ...key, wrappedSecret });
    return true;
  }

  async getKey(accessKeyId: string): Promise<AdminKey | undefined> {
    this.reads += 1;
    return this.keys.get(accessKeyId);
  }

  async listKeys(request: PageRequest): Promise<Page<AdminKey>> {
    const all = [...this.keys.values()].sort((a, b) => a.accessKeyId.localeCompare(b.accessKeyId));
    const start =
      typeof request.cursor?.after === 'string'
        ? all.findIndex((k) => k.accessKeyId > (request.cursor!.after as string))
        : 0;
    const items = start < 0 ? [] : all.slice(start, start + request.limit);
    const last = items.at(-1);
    return last && start + request.limit < all.length
      ? { items, cursor: { after: last.accessKeyId } }
      : { items };
  }

  async updateScope(accessKeyId: string, organizations: AdminKeyScope): Promise<boolean> {
    const key = this.keys.get(accessKeyId);
    if (key) this.keys.set(accessKeyId, { ...key, organizations });
    return key !== undefined;
  }

  async revokeKey(accessKeyId: string, revokedAt: number): Promise<boolean> {
    const key = this.keys.get(accessKeyId);
    if (key) this.keys.set(accessKeyId, { ...key, state: 'REVOKED', revokedAt: key.revokedAt ?? revokedAt });
    return key !== undefined;
  }
}

/** A KeyWrapper double: AES-256-GCM under a random key, the encryption context bound as AAD. */
export class TestKeyWrapper implements KeyWrapper {
  private readonly key = randomBytes(32);
  unwraps = 0;

  async wrap(
    _keyId: string | undefined,
    plaintext: Uint8Array,
    context: Readonly<Record<string, string>>,
  ): Promise<Uint8Array> {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv).setAAD(aad(context));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  async unwrap(ciphertext: Uint8Array, context: Readonly<Record<string, string>>): Promise<Uint8Array> {
    this.unwraps += 1;
    const data = Buffer.from(ciphertext);
    const decipher = createDecipheriv('aes-256-gcm', this.key, data.subarray(0, 12)).setAAD(aad(context));
    decipher.setAuthTag(data.subarray(12, 28));
    return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]);
  }
}

function aad(context: Readonly<Record<string, string>>): Buffer {
  return Buffer.from(JSON.stringify(Object.entries(context).sort(([a], [b]) => a.localeCompare(b))));
}
