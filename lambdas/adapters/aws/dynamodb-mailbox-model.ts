import {
  BatchGetCommand,
  BatchWriteCommand,
  GetCommand,
  QueryCommand,
  TransactGetCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { MailboxTransactionConflictError } from '../../core/mailbox/errors';
import type {
  ChangeEntry,
  ChangeKind,
  FolderRecord,
  ModelCommit,
  ThreadRecord,
} from '../../core/mailbox/model-types';
import type { CommitOutcome, MailboxModelStore, SnapshotKeys } from '../../core/mailbox/ports';
import type { MailboxRecord } from '../../core/mailbox/types';
import {
  changeSk,
  commitItems,
  folderSk,
  MAILBOX_SK,
  mailboxPk,
  mailboxUpdate,
  messageSk,
  referenceSk,
  threadSk,
  toChange,
  toEntry,
  toFolder,
  toThread,
} from './dynamodb-model-items';
import { CALENDAR_PREFIXES, calendarPk } from './dynamodb-calendar-items';
import { SEARCH_PREFIXES } from './dynamodb-search-index';
import { transact, type CancellationCodes, type TransactItem } from './dynamodb-transact';
import { VACATION_REPLY_PREFIX } from './dynamodb-vacation-reply-log';
import { VACATION_SK } from './dynamodb-vacation-settings-store';

type Item = Record<string, unknown>;

/** Attempts of a transactional read that keeps colliding with commits. */
const READ_ATTEMPTS = 8;

/**
 * Sort-key prefixes of the mailbox model's items besides messages, of the search index built from them, and of the
 * owner's vacation response and the senders it answered (all removed with the mailbox).
 */
const MODEL_PREFIXES = [
  'FOLDER#',
  'THREAD#',
  'TREF#',
  'CHG#',
  'GONE#',
  ...SEARCH_PREFIXES,
  VACATION_SK,
  VACATION_REPLY_PREFIX,
];

/**
 * MailboxModelStore on the Mailbox table: snapshots are one TransactGetItems (plus, when asked, a folder query and a
 * thread BatchGetItem made after it), commits one TransactWriteItems conditional on the mailbox's modseq.
 * @example
 * const model = new DynamoDbMailboxModel(documents, 'mailwright-mailbox');
 */
export class DynamoDbMailboxModel implements MailboxModelStore {
  /**
   * @param documents - a document client (built once in wiring)
   * @param tableName - the Mailbox table
   * @param now - the clock, for tombstone expiry
   */
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => number = Date.now,
  ) {}

  async read(organizationId: string, mailboxId: string, keys: SnapshotKeys) {
    const partition = mailboxPk(organizationId, mailboxId);
    const sortKeys = [
      MAILBOX_SK,
      ...(keys.folders ?? []).map(folderSk),
      ...(keys.messages ?? []).map(messageSk),
      ...(keys.threads ?? []).map(threadSk),
      ...(keys.references ?? []).map(referenceSk),
    ];
    const output = await this.transactGet(
      new TransactGetCommand({
        TransactItems: [...new Set(sortKeys)].map((sk) => ({
          Get: { TableName: this.tableName, Key: { pk: partition, sk } },
        })),
      }),
    );
    const items = (output.Responses ?? []).flatMap((response) => (response.Item ? [response.Item] : []));
    const of = (prefix: string) => items.filter((item) => (item.sk as string).startsWith(prefix));
    const mailboxItem = items.find((item) => item.sk === MAILBOX_SK);
    const messages = of('MSG#').map(toEntry);
    let folders = of('FOLDER#').map(toFolder);
    let threads = of('THREAD#').map(toThread);
    // Read after the mailbox record, so a commit conditional on its modseq also covers these.
    if (keys.allFolders) folders = await this.listFolders(organizationId, mailboxId);
    if (keys.threadsOfMessages) {
      const wanted = [...new Set(messages.map((message) => message.threadId))];
      threads = [
        ...threads,
        ...(await this.threads(
          partition,
          wanted.filter((id) => !threads.some((t) => t.threadId === id)),
        )),
      ];
    }
    const references = new Map(
      of('TREF#').map((item) => [(item.sk as string).slice('TREF#'.length), item.threadId as string]),
    );
    return {
      ...(mailboxItem ? { mailbox: toMailbox(mailboxItem) } : {}),
      folders,
      messages,
      threads,
      references,
    };
  }

  /**
   * A transactional read, retried while it only collided with a commit in flight on the same items (DynamoDB
   * cancels the read then; every commit touches the mailbox record, so a busy mailbox does that often).
   */
  private async transactGet(command: TransactGetCommand) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.documents.send(command);
      } catch (error) {
        const name = (error as { name?: string }).name;
        const collided = name === 'TransactionCanceledException' || name === 'TransactionInProgressException';
        if (!collided || attempt >= READ_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, 5 * 2 ** attempt * Math.random()));
      }
    }
  }

  async listFolders(organizationId: string, mailboxId: string): Promise<FolderRecord[]> {
    const folders: FolderRecord[] = [];
    let start: Item | undefined;
    do {
      const output = await this.documents.send(
        new QueryCommand({
          TableName: this.tableName,
          // A range rather than begins_with: the same items, and DynamoDB Local then seeks instead of filtering
          // the whole partition (measured in the jmap benchmark).
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':pk': mailboxPk(organizationId, mailboxId),
            ':from': 'FOLDER#',
            ':to': 'FOLDER#\uffff',
          },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      folders.push(...(output.Items ?? []).map(toFolder));
      start = output.LastEvaluatedKey;
    } while (start);
    return folders;
  }

  async commit(organizationId: string, mailboxId: string, commit: ModelCommit): Promise<CommitOutcome> {
    const partition = mailboxPk(organizationId, mailboxId);
    const items: TransactItem[] = [
      mailboxUpdate(this.tableName, partition, commit),
      ...commitItems(this.tableName, partition, commit, this.now()),
    ];
    const codes = await transact(this.documents, items);
    if (codes === undefined) return 'COMMITTED';
    return this.refusal(organizationId, mailboxId, codes);
  }

  /**
   * Why a commit whose mailbox-record condition (item 0) or another condition failed: the mailbox is gone, or
   * another change took the modseq.
   */
  async refusal(organizationId: string, mailboxId: string, codes: CancellationCodes): Promise<CommitOutcome> {
    if (!codes.includes('ConditionalCheckFailed'))
      throw new MailboxTransactionConflictError(mailboxId, codes);
    const output = await this.documents.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: mailboxPk(organizationId, mailboxId), sk: MAILBOX_SK },
        ConsistentRead: true,
      }),
    );
    return output.Item?.state === 'ACTIVE' ? 'CONFLICT' : 'MAILBOX_NOT_FOUND';
  }

  async changes(
    organizationId: string,
    mailboxId: string,
    kind: ChangeKind,
    sinceModseq: number,
    limit: number,
  ): Promise<ChangeEntry[]> {
    const output = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': mailboxPk(organizationId, mailboxId),
          ':from': changeSk(kind, sinceModseq + 1),
          ':to': `${changeSk(kind)}~`,
        },
        ConsistentRead: true,
        Limit: limit,
      }),
    );
    return (output.Items ?? []).map(toChange);
  }

  /**
   * Deletes the model's items of a mailbox being destroyed (its messages are deleted first, with their blobs), and
   * its calendars and address books (a mailbox registered again later starts without them).
   */
  async deleteModel(organizationId: string, mailboxId: string): Promise<void> {
    for (const prefix of MODEL_PREFIXES) await this.deleteAll(mailboxPk(organizationId, mailboxId), prefix);
    const calendars = calendarPk({ organizationId, mailboxId });
    for (const prefix of CALENDAR_PREFIXES) await this.deleteAll(calendars, prefix);
  }

  /** Deletes every item of the partition whose sort key starts with `prefix`, a query page at a time. */
  private async deleteAll(partition: string, prefix: string): Promise<void> {
    let start: Item | undefined;
    do {
      const output = await this.documents.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': partition, ':prefix': prefix },
          ProjectionExpression: 'pk, sk',
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      const keys = (output.Items ?? []).map((item) => ({
        DeleteRequest: { Key: { pk: item.pk, sk: item.sk } },
      }));
      for (let index = 0; index < keys.length; index += 25) {
        let requests: typeof keys = keys.slice(index, index + 25);
        while (requests.length > 0) {
          const written = await this.documents.send(
            new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }),
          );
          requests = (written.UnprocessedItems?.[this.tableName] ?? []) as typeof keys;
        }
      }
      start = output.LastEvaluatedKey;
    } while (start);
  }

  private async threads(partition: string, threadIds: readonly string[]): Promise<ThreadRecord[]> {
    const found: ThreadRecord[] = [];
    let keys = threadIds.map((id) => ({ pk: partition, sk: threadSk(id) }));
    while (keys.length > 0) {
      const output = await this.documents.send(
        new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } } }),
      );
      found.push(...(output.Responses?.[this.tableName] ?? []).map(toThread));
      keys = (output.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as typeof keys;
    }
    return found;
  }
}

/** The mailbox record from its item; records written before the mailbox model have modseq 0. */
export function toMailbox(item: Item): MailboxRecord {
  const { pk: _pk, sk: _sk, ...record } = item;
  return { ...(record as unknown as MailboxRecord), modseq: (record.modseq as number | undefined) ?? 0 };
}
