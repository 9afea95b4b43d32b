import type { ThreadRecord } from './model-types';
import type { Cursor } from '../api/pagination';
import type { MailboxModelStore, MailboxStore } from './ports';
import type { MailboxRecord, MessageIndexEntry } from './types';

/**
 * Reads of the mailbox model by id, for front ends answering `/get`: each is one transactional read per 99 ids, so
 * the cost follows the ids asked for.
 */

/** Ids per transactional read (the mailbox record takes the hundredth slot). */
const IDS_PER_READ = 99;
const THREADS_PER_READ = 30;
/** The shape of every message and thread id the model stores. */
const STORED_ID = /^[A-Za-z0-9._:-]{1,255}$/;

/** What a read by id found: the mailbox record (undefined when there is none) and the items that exist. */
export interface ReadById<T> {
  readonly mailbox?: MailboxRecord;
  readonly found: readonly T[];
}

/**
 * The index entries of the given messages that exist in the mailbox.
 * @example
 * const { mailbox, found } = await readMessages(store, orgId, mailboxId, ['ses-1', 'ses-2']);
 */
export function readMessages(
  store: MailboxModelStore,
  organizationId: string,
  mailboxId: string,
  messageIds: readonly string[],
): Promise<ReadById<MessageIndexEntry>> {
  return readInChunks(messageIds, IDS_PER_READ, async (ids) => {
    const snapshot = await store.read(organizationId, mailboxId, { messages: ids });
    return { mailbox: snapshot.mailbox, found: snapshot.messages };
  });
}

/**
 * The given threads that exist in the mailbox.
 * @example
 * const { found } = await readThreads(store, orgId, mailboxId, ['T…']);
 */
export function readThreads(
  store: MailboxModelStore,
  organizationId: string,
  mailboxId: string,
  threadIds: readonly string[],
): Promise<ReadById<ThreadRecord>> {
  // Thread records are up to ~60 KB: 30 per read keeps a read under DynamoDB's 4 MB.
  return readInChunks(threadIds, THREADS_PER_READ, async (ids) => {
    const snapshot = await store.read(organizationId, mailboxId, { threads: ids });
    return { mailbox: snapshot.mailbox, found: snapshot.threads };
  });
}

/** Index entries read per page of a folder walk. */
const FOLDER_PAGE = 100;

/**
 * A folder's index entries, newest first, read a page at a time as the caller iterates: a caller that stops
 * early reads no further page.
 * @example
 * for await (const entry of folderEntries(store, orgId, mailboxId, 'INBOX')) if (entry.uid > 10) break;
 */
export async function* folderEntries(
  store: Pick<MailboxStore, 'listMessages'>,
  organizationId: string,
  mailboxId: string,
  folderId: string,
): AsyncGenerator<MessageIndexEntry> {
  let cursor: Cursor | undefined;
  do {
    const page = await store.listMessages(organizationId, mailboxId, folderId, {
      limit: FOLDER_PAGE,
      ...(cursor ? { cursor } : {}),
    });
    yield* page.items;
    cursor = page.cursor;
  } while (cursor);
}

async function readInChunks<T>(
  ids: readonly string[],
  perRead: number,
  read: (ids: readonly string[]) => Promise<ReadById<T>>,
): Promise<ReadById<T>> {
  // Ids come from clients: one that no message or thread can have is simply not found, without a read.
  const unique = [...new Set(ids)].filter((id) => STORED_ID.test(id));
  let mailbox: MailboxRecord | undefined;
  const found: T[] = [];
  let start = 0;
  do {
    const result = await read(unique.slice(start, start + perRead));
    mailbox ??= result.mailbox;
    found.push(...result.found);
    start += perRead;
  } while (start < unique.length);
  return mailbox ? { mailbox, found } : { found };
}
