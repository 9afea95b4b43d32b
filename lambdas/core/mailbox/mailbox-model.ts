import { randomUUID } from 'node:crypto';
import type { Clock } from '../crypto/key-cache';
import { meetsAgeGuard, type AgeGuard } from './age';
import {
  checkFolderPlacement,
  compareFolders,
  isSystemFolder,
  newFolder,
  RECOVERABLE_ITEMS,
  SYSTEM_FOLDERS,
  type SystemFolder,
} from './folders';
import { applyKeywordChange, sameKeywords } from './keywords';
import type {
  ChangeKind,
  FolderChange,
  FolderRecord,
  MessageUpdate,
  ModelChanges,
  ModelRefusal,
  ModelResult,
  UpdatedMessage,
} from './model-types';
import { changeMailbox, type Decision, type Snapshot } from './optimistic-change';
import { readChanges } from './model-changes';
import { planChanges, type MessageAfter, type MessageChange } from './plan-changes';
import type { BlobStore, MailboxModelStore, SnapshotKeys } from './ports';
import type { MessageIndexEntry } from './types';

/** Dependencies of {@link MailboxModel}. */
export interface MailboxModelDeps {
  readonly store: MailboxModelStore;
  readonly blobs: BlobStore;
  /** @default - `Date.now` */
  readonly now?: Clock;
  /** Id of a new user folder. @default - a random UUID */
  readonly newFolderId?: () => string;
}

export type { FolderChange, MessageUpdate, UpdatedMessage } from './model-types';

/**
 * Messages changed per commit, within DynamoDB's 100 items per transaction at worst: each message writes itself, its
 * change-log entry, the entry it replaces and an expunge record (4), its thread three (record, entry, old entry) and
 * two folders three each — 6 × (4 + 3 + 6) + the mailbox record = 79.
 */
const MESSAGES_PER_COMMIT = 6;

type Refused = { readonly ok: false; readonly refusal: ModelRefusal };
const refused = (refusal: ModelRefusal): Refused => ({ ok: false, refusal });

/**
 * The mailbox model every user-facing protocol shares: folders, message state (folder, keywords, UID) and the
 * change log. Each operation is one optimistic change per batch (see `optimistic-change.ts`); refusals come back
 * per item as {@link ModelRefusal}s that front ends map to their own errors.
 * @example
 * const model = new MailboxModel({ store, blobs });
 * const folders = await model.folders('m-1', 'S-1-1');
 */
export class MailboxModel {
  private readonly now: Clock;
  private readonly newFolderId: () => string;

  constructor(private readonly deps: MailboxModelDeps) {
    this.now = deps.now ?? Date.now;
    this.newFolderId = deps.newFolderId ?? randomUUID;
  }

  /**
   * Every folder of the mailbox, system folders first in their usual order, then Recoverable Items, then user
   * folders by name; the system folders are created by the first call.
   */
  async folders(organizationId: string, mailboxId: string): Promise<FolderRecord[]> {
    let folders = await this.deps.store.listFolders(organizationId, mailboxId);
    if (!SYSTEM_FOLDERS.every((system) => folders.some((folder) => folder.folderId === system.folderId)))
      folders = await this.change(organizationId, mailboxId, (snapshot) => ({
        result: [...snapshot.folders],
      }));
    return folders.sort(compareFolders);
  }

  /** Creates a user folder. */
  createFolder(
    organizationId: string,
    mailboxId: string,
    input: { readonly name: string; readonly parentId?: string },
  ): Promise<ModelResult<FolderRecord>> {
    return this.change(organizationId, mailboxId, (snapshot, modseq): Decision<ModelResult<FolderRecord>> => {
      const refusal = checkFolderPlacement(snapshot.folders, input);
      if (refusal) return { result: refused(refusal) };
      const folder = newFolder({ ...input, folderId: this.newFolderId() }, modseq, this.now());
      return { result: { ok: true, value: folder }, commit: { folders: [folder] } };
    });
  }

  /** Renames or moves a user folder; system folders stay as they are. */
  updateFolder(
    organizationId: string,
    mailboxId: string,
    folderId: string,
    change: FolderChange,
  ): Promise<ModelResult<FolderRecord>> {
    return this.change(organizationId, mailboxId, (snapshot, modseq): Decision<ModelResult<FolderRecord>> => {
      const folder = snapshot.folders.find((candidate) => candidate.folderId === folderId);
      if (!folder) return { result: refused({ type: 'notFound' }) };
      if (isSystemFolder(folderId)) return { result: refused({ type: 'systemFolder' }) };
      const parentId = change.parentId === undefined ? folder.parentId : (change.parentId ?? undefined);
      const { parentId: _old, ...rest } = folder;
      const updated: FolderRecord = {
        ...rest,
        name: change.name ?? folder.name,
        modseq,
        ...(parentId ? { parentId } : {}),
      };
      const refusal = checkFolderPlacement(snapshot.folders, updated);
      if (refusal) return { result: refused(refusal) };
      return { result: { ok: true, value: updated }, commit: { folders: [updated] } };
    });
  }

  /** Destroys an empty user folder without subfolders. */
  destroyFolder(organizationId: string, mailboxId: string, folderId: string): Promise<ModelResult<void>> {
    return this.change(organizationId, mailboxId, (snapshot): Decision<ModelResult<void>> => {
      const folder = snapshot.folders.find((candidate) => candidate.folderId === folderId);
      if (!folder) return { result: refused({ type: 'notFound' }) };
      if (isSystemFolder(folderId)) return { result: refused({ type: 'systemFolder' }) };
      if (snapshot.folders.some((candidate) => candidate.parentId === folderId))
        return { result: refused({ type: 'folderHasChildren' }) };
      if (folder.totalEmails > 0) return { result: refused({ type: 'folderHasMessages' }) };
      return { result: { ok: true, value: undefined }, commit: { destroyedFolders: [folder] } };
    });
  }

  /**
   * Changes the keywords and/or folder of messages; each message succeeds or is refused on its own. Only retention
   * moves messages into Recoverable Items (created when missing): its `guard` refuses, as `notFound`, a message that
   * left the folder or changed since the sweep found it.
   */
  async updateMessages(
    organizationId: string,
    mailboxId: string,
    updates: readonly MessageUpdate[],
    guard?: AgeGuard,
  ): Promise<Map<string, ModelResult<UpdatedMessage>>> {
    const results = new Map<string, ModelResult<UpdatedMessage>>();
    for (let start = 0; start < updates.length; start += MESSAGES_PER_COMMIT) {
      const batch = updates.slice(start, start + MESSAGES_PER_COMMIT);
      const ids = batch.map((update) => update.messageId);
      const { results: outcome } = await this.changeMessages(
        organizationId,
        mailboxId,
        ids,
        (snapshot, message) => {
          const update = batch.find(
            (candidate) => candidate.messageId === message.messageId,
          ) as MessageUpdate;
          const folderId = update.folderId ?? message.folder;
          if (guard && !meetsAgeGuard(message, guard)) return refused({ type: 'notFound' });
          if (!guard && folderId === RECOVERABLE_ITEMS.folderId && message.folder !== folderId)
            return refused({ type: 'retentionFolder' });
          if (!snapshot.folders.some((folder) => folder.folderId === folderId))
            return refused({ type: 'folderNotFound' });
          const keywords = update.keywords ? applyKeywordChange(message.keywords, update.keywords) : message;
          if ('invalid' in keywords) return refused({ type: 'invalidKeyword', keyword: keywords.invalid });
          if ('tooMany' in keywords) return refused({ type: 'tooManyKeywords' });
          return { after: { ...message, folder: folderId, keywords: keywords.keywords } };
        },
        guard ? [RECOVERABLE_ITEMS] : [],
      );
      for (const [id, result] of outcome) results.set(id, result);
    }
    return results;
  }

  /**
   * Destroys messages: their index entries go (with the wrapped message keys, so the blobs become unreadable at
   * once), then each batch's blobs are deleted. Blobs that could not be deleted are returned; their tombstones keep
   * the blob keys for 90 days.
   * @param options - `inFolder`: destroy only messages (still) in this folder; `agedBefore`: only messages whose
   * retention age started before this (epoch ms)
   */
  async destroyMessages(
    organizationId: string,
    mailboxId: string,
    messageIds: readonly string[],
    options: Partial<AgeGuard> = {},
  ): Promise<{ results: Map<string, ModelResult<void>>; blobFailures: unknown[] }> {
    const results = new Map<string, ModelResult<void>>();
    const blobFailures: unknown[] = [];
    for (let start = 0; start < messageIds.length; start += MESSAGES_PER_COMMIT) {
      const ids = messageIds.slice(start, start + MESSAGES_PER_COMMIT);
      // With inFolder, a message that has left the folder meanwhile is not this caller's to destroy.
      const outcome = await this.changeMessages(organizationId, mailboxId, ids, (_snapshot, message) =>
        meetsAgeGuard(message, options) ? { after: undefined } : refused({ type: 'notFound' }),
      );
      for (const [id, result] of outcome.results)
        results.set(id, result.ok ? { ok: true, value: undefined } : result);
      const settled = await Promise.allSettled(
        outcome.removedBlobs.map((key) => this.deps.blobs.delete(key)),
      );
      for (const result of settled) if (result.status === 'rejected') blobFailures.push(result.reason);
    }
    return { results, blobFailures };
  }

  /**
   * What changed since `sinceModseq`, at most `maxChanges` ids (see `model-changes.ts`).
   * @param kind - emails, folders or threads
   */
  changes(
    organizationId: string,
    mailboxId: string,
    kind: ChangeKind,
    sinceModseq: number,
    maxChanges: number,
  ): Promise<ModelResult<ModelChanges>> {
    return readChanges(this.deps.store, organizationId, mailboxId, kind, sinceModseq, maxChanges);
  }

  /**
   * One change with all folders read (system folders, and `extra` ones, created in the same commit when missing).
   * Every commit carries the time it was decided: the retention age of the messages it writes restarts then.
   */
  private change<T>(
    organizationId: string,
    mailboxId: string,
    decide: (snapshot: Snapshot, modseq: number) => Decision<T>,
    keys: SnapshotKeys = { allFolders: true },
    extra: readonly SystemFolder[] = [],
  ): Promise<T> {
    return changeMailbox(this.deps.store, organizationId, mailboxId, keys, (snapshot, modseq) => {
      const changedAt = this.now();
      // A mailbox stored before the model got its folders has none yet: the first change creates them.
      const missing = [...SYSTEM_FOLDERS, ...extra]
        .filter((system) => !snapshot.folders.some((folder) => folder.folderId === system.folderId))
        .map((system) => newFolder(system, modseq, changedAt));
      const decision = decide({ ...snapshot, folders: [...snapshot.folders, ...missing] }, modseq);
      if (missing.length === 0)
        return decision.commit ? { ...decision, commit: { ...decision.commit, changedAt } } : decision;
      const written = decision.commit?.folders ?? [];
      const created = missing.filter(
        (folder) => !written.some((other) => other.folderId === folder.folderId),
      );
      return {
        result: decision.result,
        commit: { ...decision.commit, folders: [...created, ...written], changedAt },
      };
    });
  }

  /** One change of up to {@link MESSAGES_PER_COMMIT} messages, read with their threads, then planned. */
  private changeMessages(
    organizationId: string,
    mailboxId: string,
    messageIds: readonly string[],
    decideOne: (
      snapshot: Snapshot,
      message: MessageIndexEntry,
    ) => { readonly after: MessageAfter | undefined } | Refused,
    extraFolders: readonly SystemFolder[] = [],
  ): Promise<{ results: Map<string, ModelResult<UpdatedMessage>>; removedBlobs: string[] }> {
    const keys = { allFolders: true, messages: messageIds, threadsOfMessages: true };
    return this.change(
      organizationId,
      mailboxId,
      (snapshot, modseq) => {
        const found = new Map(snapshot.messages.map((message) => [message.messageId, message]));
        const results = new Map<string, ModelResult<UpdatedMessage>>();
        const removedBlobs: string[] = [];
        const changes: MessageChange[] = [];
        for (const id of new Set(messageIds)) {
          const message = found.get(id);
          const decided = message ? decideOne(snapshot, message) : refused({ type: 'notFound' });
          if ('refusal' in decided || !message) {
            results.set(id, decided as Refused);
            continue;
          }
          const { after } = decided;
          results.set(id, { ok: true, value: { ...message, ...after } });
          if (after && after.folder === message.folder && sameKeywords(after.keywords, message.keywords))
            continue;
          changes.push({ before: message, after });
          if (!after) removedBlobs.push(message.blobKey);
        }
        if (changes.length === 0) return { result: { results, removedBlobs } };
        const planned = planChanges(snapshot.folders, snapshot.threads, changes, modseq);
        for (const [id, uid] of planned.uids) {
          const result = results.get(id) as { ok: true; value: UpdatedMessage };
          results.set(id, { ok: true, value: { ...result.value, uid } });
        }
        return { result: { results, removedBlobs }, commit: planned.commit };
      },
      keys,
      extraFolders,
    );
  }
}
