import {
  CHANGE_HISTORY_DAYS,
  type ChangeEntry,
  type ChangeKind,
  type FolderRecord,
  type ModelCommit,
  type ThreadRecord,
} from '../../core/mailbox/model-types';
import type { MessageIndexEntry } from '../../core/mailbox/types';
import { ageIndexKeys } from './dynamodb-age-index';
import type { TransactItem } from './dynamodb-transact';

/**
 * The mailbox model's items in the Mailbox table (layout in `dynamodb-tables.ts`) and the transaction items of one
 * commit. The change log lives in the table itself, not in an index, so `/changes` reads it strongly consistent:
 * each object keeps exactly one entry, `CHG#<kind>#<modseq>#<id>`, replaced in the same transaction as the object.
 */

type Item = Record<string, unknown>;

export const MAILBOX_SK = 'MAILBOX';

/** The partition of one mailbox. */
export const mailboxPk = (organizationId: string, mailboxId: string) => `MBX#${organizationId}#${mailboxId}`;
export const messageSk = (messageId: string) => `MSG#${messageId}`;
export const folderSk = (folderId: string) => `FOLDER#${folderId}`;
export const threadSk = (threadId: string) => `THREAD#${threadId}`;
export const referenceSk = (key: string) => `TREF#${key}`;
/** The folder-listing index partition of a folder (gsi1, and gsi2 in UID order). */
export const folderListingPk = (partition: string, folderId: string) => `${partition}#FOLDER#${folderId}`;
const padded = (value: number, digits: number) => String(value).padStart(digits, '0');
/** Sort key of a message in its folder's UID index (gsi2). */
export const uidSk = (uid: number) => padded(uid, 10);
/** Sort key of a change-log entry; the prefix alone bounds a change-log query. */
export const changeSk = (kind: ChangeKind, modseq?: number, id?: string) =>
  `CHG#${kind}#${modseq === undefined ? '' : `${padded(modseq, 15)}#${id ?? ''}`}`;

/**
 * The transaction items of a commit, except the mailbox record's update (whose condition differs between a
 * delivery and other changes): objects, their new change-log entries, the entries they replace, expunge records.
 * @param partition - the mailbox's partition key
 * @param now - epoch milliseconds, for tombstone expiry
 * @example
 * const items = commitItems('mailwright-mailbox', mailboxPk('m-1', 'S-1'), commit, Date.now());
 */
export function commitItems(
  table: string,
  partition: string,
  commit: ModelCommit,
  now: number,
): TransactItem[] {
  const { modseq } = commit;
  const ttl = Math.floor(now / 1000) + CHANGE_HISTORY_DAYS * 86_400;
  const put = (item: Item): TransactItem => ({ Put: { TableName: table, Item: { pk: partition, ...item } } });
  const remove = (sk: string): TransactItem => ({ Delete: { TableName: table, Key: { pk: partition, sk } } });
  const change = (kind: ChangeKind, id: string, createdModseq: number, tombstone?: Item) =>
    put({
      sk: changeSk(kind, modseq, id),
      id,
      modseq,
      createdModseq,
      ...(tombstone ? { destroyed: true, ttl, ...tombstone } : {}),
    });
  const items: TransactItem[] = [];
  for (const folder of commit.folders ?? []) {
    items.push(
      put({ sk: folderSk(folder.folderId), ...folder }),
      change('FOLDER', folder.folderId, folder.createdModseq),
    );
  }
  for (const folder of commit.destroyedFolders ?? []) {
    items.push(
      remove(folderSk(folder.folderId)),
      change('FOLDER', folder.folderId, folder.createdModseq, {}),
    );
  }
  // Every change of a message entry restarts its retention age, and moves it in (or out of) the age index.
  const ageAt = commit.changedAt ?? now;
  for (const message of commit.messages ?? []) {
    const age = ageIndexKeys(partition, message.folder, message.messageId, ageAt);
    items.push(
      {
        Update: {
          TableName: table,
          Key: { pk: partition, sk: messageSk(message.messageId) },
          UpdateExpression:
            'SET folder = :folder, uid = :uid, keywords = :keywords, threadId = :thread, modseq = :modseq, ' +
            'gsi1pk = :listing, gsi2pk = :listing, gsi2sk = :uidKey, ageAt = :ageAt' +
            (age ? ', gsi3pk = :agePk, gsi3sk = :ageSk' : ' REMOVE gsi3pk, gsi3sk'),
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: {
            ':folder': message.folder,
            ':uid': message.uid,
            ':keywords': [...message.keywords],
            ':thread': message.threadId,
            ':modseq': modseq,
            ':listing': folderListingPk(partition, message.folder),
            ':uidKey': uidSk(message.uid),
            ':ageAt': ageAt,
            ...(age ? { ':agePk': age.gsi3pk, ':ageSk': age.gsi3sk } : {}),
          },
        },
      },
      change('EMAIL', message.messageId, message.createdModseq),
    );
  }
  for (const message of commit.destroyedMessages ?? []) {
    const tombstone = { blobKey: message.blobKey };
    items.push(
      remove(messageSk(message.messageId)),
      change('EMAIL', message.messageId, message.createdModseq, tombstone),
    );
  }
  for (const { folderId, uid } of commit.expunged ?? []) {
    items.push(
      put({ sk: `GONE#${folderId}#${padded(modseq, 15)}#${padded(uid, 10)}`, folderId, uid, modseq, ttl }),
    );
  }
  for (const thread of commit.threads ?? []) {
    // An emptied thread stays as an empty record, so a reply that revives it (same root, same name) replaces its
    // tombstone instead of logging the id as both created and destroyed.
    const gone = thread.members.length === 0;
    items.push(
      put({ sk: threadSk(thread.threadId), ...thread, members: [...thread.members] }),
      change('THREAD', thread.threadId, thread.createdModseq, gone ? {} : undefined),
    );
  }
  for (const old of commit.superseded ?? []) items.push(remove(changeSk(old.kind, old.modseq, old.id)));
  return items;
}

/** The change-log entry of a message a delivery stores (a new message: created at the commit's modseq). */
export function deliveredChange(
  table: string,
  partition: string,
  messageId: string,
  modseq: number,
): TransactItem {
  const item = {
    pk: partition,
    sk: changeSk('EMAIL', modseq, messageId),
    id: messageId,
    modseq,
    createdModseq: modseq,
  };
  return { Put: { TableName: table, Item: item } };
}

/** The update of the mailbox record that every commit makes: the new modseq, the usage, the optimistic check. */
export function mailboxUpdate(
  table: string,
  partition: string,
  commit: ModelCommit,
  quota?: { readonly limitBytes: number },
): TransactItem {
  const usage = commit.usage;
  const first = commit.expectedModseq === 0;
  return {
    Update: {
      TableName: table,
      Key: { pk: partition, sk: MAILBOX_SK },
      UpdateExpression: `SET modseq = :modseq${usage ? ' ADD usedBytes :bytes, messageCount :count' : ''}`,
      ConditionExpression: [
        '#state = :active',
        first ? '(attribute_not_exists(modseq) OR modseq = :expected)' : 'modseq = :expected',
        ...(quota ? ['usedBytes <= :limit'] : []),
      ].join(' AND '),
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: {
        ':modseq': commit.modseq,
        ':expected': commit.expectedModseq,
        ':active': 'ACTIVE',
        ...(usage ? { ':bytes': usage.bytes, ':count': usage.messages } : {}),
        ...(quota ? { ':limit': quota.limitBytes - (usage?.bytes ?? 0) } : {}),
      },
    },
  };
}

/** A folder record from its item. */
export function toFolder(item: Item): FolderRecord {
  const { pk: _pk, sk: _sk, ...folder } = item;
  return folder as unknown as FolderRecord;
}

/** A thread record from its item. */
export function toThread(item: Item): ThreadRecord {
  const { pk: _pk, sk: _sk, ...thread } = item;
  return thread as unknown as ThreadRecord;
}

/**
 * A message index entry from its item. Entries stored before the mailbox model have no UID, thread or modseq yet:
 * they read as UID 0, modseq 0 and a thread of their own.
 */
export function toEntry(item: Item): MessageIndexEntry {
  const {
    pk: _pk,
    sk: _sk,
    gsi1pk: _1,
    gsi1sk: _2,
    gsi2pk: _3,
    gsi2sk: _4,
    flags: _flags,
    ...withAge
  } = item;
  const { gsi3pk: _5, gsi3sk: _6, ...rest } = withAge;
  const entry = rest as unknown as Partial<MessageIndexEntry> & Pick<MessageIndexEntry, 'messageId'>;
  return {
    ...(entry as MessageIndexEntry),
    uid: entry.uid ?? 0,
    threadId: entry.threadId ?? `T${entry.messageId}`,
    modseq: entry.modseq ?? 0,
    createdModseq: entry.createdModseq ?? 0,
    summary: entry.summary ?? {},
    keywords: entry.keywords ?? [],
  };
}

/** A change-log entry from its item. */
export function toChange(item: Item): ChangeEntry {
  return {
    id: item.id as string,
    modseq: item.modseq as number,
    createdModseq: item.createdModseq as number,
    destroyed: item.destroyed === true,
  };
}
