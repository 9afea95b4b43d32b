import { ageStart } from '../../../lambdas/core/mailbox/age';
import { RECOVERABLE_ITEMS } from '../../../lambdas/core/mailbox/folders';
import type { AgedPage, RetentionIndex, RetentionPolicyStore } from '../../../lambdas/core/retention/ports';
import { RETENTION_FOLDERS, type RetentionPolicy } from '../../../lambdas/core/retention/types';
import type { InMemoryMailboxStore } from '../mailbox/doubles';

const INDEXED = new Set<string>([...RETENTION_FOLDERS, RECOVERABLE_ITEMS.folderId]);

/** The age index over an in-memory mailbox store: the same answers as gsi3, computed from the entries. */
export class InMemoryRetentionIndex implements RetentionIndex {
  constructor(private readonly store: InMemoryMailboxStore) {}

  async aged(
    organizationId: string,
    folderId: string,
    before: number,
    limit: number,
    cursor?: string,
  ): Promise<AgedPage> {
    const prefix = `${organizationId}|`;
    const all = [...this.store.messages]
      .filter(([key, entry]) => key.startsWith(prefix) && entry.folder === folderId && INDEXED.has(folderId))
      .filter(([, entry]) => ageStart(entry) < before)
      .map(([key, entry]) => ({
        sortKey: `${String(ageStart(entry)).padStart(15, '0')}#${key}`,
        mailboxId: key.slice(prefix.length, key.lastIndexOf('/')),
        messageId: entry.messageId,
      }))
      .sort((a, b) => (a.sortKey < b.sortKey ? -1 : 1))
      .filter((item) => cursor === undefined || item.sortKey > cursor);
    const items = all.slice(0, limit);
    return all.length > limit
      ? {
          items: items.map(({ mailboxId, messageId }) => ({ mailboxId, messageId })),
          cursor: items.at(-1)?.sortKey,
        }
      : { items: items.map(({ mailboxId, messageId }) => ({ mailboxId, messageId })) };
  }
}

/** Retention policies in a Map; like the adapter, an organization stays listed after its policy is deleted. */
export class InMemoryRetentionPolicyStore implements RetentionPolicyStore {
  readonly policies = new Map<string, RetentionPolicy | undefined>();

  async get(organizationId: string): Promise<RetentionPolicy | undefined> {
    return this.policies.get(organizationId);
  }

  async put(organizationId: string, policy: RetentionPolicy): Promise<void> {
    this.policies.set(organizationId, policy);
  }

  async delete(organizationId: string, policyId: string): Promise<void> {
    if (this.policies.get(organizationId)?.id === policyId) this.policies.set(organizationId, undefined);
  }

  async listOrganizations(): Promise<{ organizationIds: string[] }> {
    return { organizationIds: [...this.policies.keys()] };
  }
}
