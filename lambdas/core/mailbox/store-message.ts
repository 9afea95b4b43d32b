import { randomBytes } from 'node:crypto';
import { parseMessageHeaders } from '../delivery/parse-headers';
import { FolderNotFoundError, MailboxQuotaExceededError } from './errors';
import { RECOVERABLE_ITEMS } from './folders';
import type { ModelResult } from './model-types';
import { readMessages } from './model-reads';
import type { MailboxModelStore } from './ports';
import type { MailboxService } from './service';
import type { MessageIndexEntry } from './types';

/** What {@link storeMessage} needs: the mail store and the mailbox's quota. */
export interface StoreMessageDeps {
  readonly mailboxes: Pick<MailboxService, 'deliver'>;
  readonly store: MailboxModelStore;
  /** The mailbox's quota in bytes. */
  readonly quotaBytes: (organizationId: string, mailboxId: string) => Promise<number>;
}

/** A message a user puts into their own mailbox (JMAP Email/import and Email/set, IMAP APPEND and COPY). */
export interface StoreMessageInput {
  readonly organizationId: string;
  readonly mailboxId: string;
  readonly raw: Buffer;
  readonly folder: string;
  /** Normalized keywords (see `keywords.ts`). */
  readonly keywords: readonly string[];
  readonly receivedAt: number;
  /**
   * The message id to store it under, when the caller wants storing to be idempotent (a mailbox import: a second
   * store of the same id stores nothing and returns the stored message). @default - a new random id
   */
  readonly messageId?: string;
}

/**
 * Stores a message a user gave, under a new id, threaded by its headers, within the quota: the stored index entry
 * (with its UID in the folder), or `folderNotFound` / `overQuota` / `retentionFolder` (only retention puts mail into
 * Recoverable Items).
 * @example
 * const stored = await storeMessage(deps, { organizationId, mailboxId, raw, folder: 'DRAFTS', keywords: ['$draft'], receivedAt: Date.now() });
 */
export async function storeMessage(
  deps: StoreMessageDeps,
  input: StoreMessageInput,
): Promise<ModelResult<MessageIndexEntry>> {
  const { organizationId, mailboxId, raw } = input;
  if (input.folder === RECOVERABLE_ITEMS.folderId) return { ok: false, refusal: { type: 'retentionFolder' } };
  const headers = parseMessageHeaders(raw);
  const messageId = input.messageId ?? `I${randomBytes(16).toString('hex')}`;
  try {
    await deps.mailboxes.deliver({
      organizationId,
      mailboxId,
      messageId,
      folder: input.folder,
      keywords: input.keywords,
      raw,
      receivedAt: input.receivedAt,
      summary: { subject: headers.subject, from: headers.from, snippet: headers.snippet },
      quotaBytes: await deps.quotaBytes(organizationId, mailboxId),
      threading: {
        messageId: headers.messageId,
        inReplyTo: headers.inReplyTo,
        references: headers.references,
      },
    });
  } catch (error) {
    if (error instanceof FolderNotFoundError) return { ok: false, refusal: { type: 'folderNotFound' } };
    if (error instanceof MailboxQuotaExceededError) return { ok: false, refusal: { type: 'overQuota' } };
    throw error;
  }
  const { found } = await readMessages(deps.store, organizationId, mailboxId, [messageId]);
  return { ok: true, value: found[0] };
}
