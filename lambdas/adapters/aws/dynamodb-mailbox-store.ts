import {
  DeleteCommand,
  GetCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { Page } from '../../core/api/pagination';
import { MailboxTransactionConflictError } from '../../core/mailbox/errors';
import type { LedgerItems } from './dynamodb-ledger-items';
import { DynamoDbMailboxKeys } from './dynamodb-mailbox-keys';
import type { DeliveryReceipt } from '../../core/delivery/ports';
import type { ChangeKind, ModelCommit } from '../../core/mailbox/model-types';
import type { MailboxStore, SnapshotKeys } from '../../core/mailbox/ports';
import type {
  FolderMessage,
  FolderUidPage,
  FolderUidRequest,
  MailboxRecord,
  MessageIndexEntry,
  MessagePageRequest,
  PutMessageOptions,
  PutMessageOutcome,
  WrappedMailboxKey,
} from '../../core/mailbox/types';
import { ageStart } from '../../core/mailbox/age';
import { ageIndexKeys } from './dynamodb-age-index';
import { DynamoDbMailboxModel, toMailbox } from './dynamodb-mailbox-model';
import {
  commitItems,
  deliveredChange,
  folderListingPk,
  uidSk,
  MAILBOX_SK,
  mailboxPk,
  mailboxUpdate,
  messageSk,
  referenceSk,
  toEntry,
} from './dynamodb-model-items';
import { failedAt, transact, type TransactItem } from './dynamodb-transact';

type Item = Record<string, unknown>;
type Entry = MessageIndexEntry;
type Values = Record<string, unknown>;
type QueryInput = Omit<QueryCommandInput, 'TableName'>;

const CHECK_FAILED = 'ConditionalCheckFailed';

const pk = mailboxPk;

/** Where {@link DynamoDbMailboxStore} keeps things. */
export interface DynamoDbMailboxStoreOptions {
  /** The Mailbox table: mailbox records, the message index. */
  readonly mailboxTable: string;
  /** The key table: wrapped mailbox keys (see {@link DynamoDbMailboxKeys}). */
  readonly keyTable: string;
  /**
   * The delivery ledger's item layout, for the receipts deliveries commit with their message (the inbound function's
   * store). @default - none: the store refuses receipts
   */
  readonly ledger?: Pick<LedgerItems, 'receiptItems'>;
}

/**
 * MailboxStore on the Mailbox and key tables (layout in `dynamodb-tables.ts`). Duplicate messages, quota and
 * key-version races are decided by conditional writes inside transactions.
 * @example
 * const store = new DynamoDbMailboxStore(documents, { mailboxTable: 'mailwright-mailbox', keyTable: 'mailwright-keys' });
 */
export class DynamoDbMailboxStore implements MailboxStore {
  private readonly tableName: string;
  private readonly keys: DynamoDbMailboxKeys;
  private readonly ledger?: Pick<LedgerItems, 'receiptItems'>;
  private readonly model: DynamoDbMailboxModel;

  /**
   * @param documents - a document client (built once in wiring)
   * @param options - the tables, and the ledger layout for delivery receipts
   */
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    options: DynamoDbMailboxStoreOptions,
  ) {
    this.tableName = options.mailboxTable;
    this.keys = new DynamoDbMailboxKeys(documents, options);
    this.ledger = options.ledger;
    this.model = new DynamoDbMailboxModel(documents, options.mailboxTable);
  }

  read(orgId: string, mbx: string, keys: SnapshotKeys) {
    return this.model.read(orgId, mbx, keys);
  }

  listFolders(orgId: string, mbx: string) {
    return this.model.listFolders(orgId, mbx);
  }

  commit(orgId: string, mbx: string, commit: ModelCommit) {
    return this.model.commit(orgId, mbx, commit);
  }

  changes(orgId: string, mbx: string, kind: ChangeKind, sinceModseq: number, limit: number) {
    return this.model.changes(orgId, mbx, kind, sinceModseq, limit);
  }

  async createMailbox(record: MailboxRecord, firstKey: WrappedMailboxKey): Promise<boolean> {
    const partition = pk(record.organizationId, record.mailboxId);
    const reasons = await transact(this.documents, [
      this.put({ pk: partition, sk: MAILBOX_SK, ...record }, 'attribute_not_exists(pk)'),
      this.keys.putItem(partition, firstKey),
    ]);
    return reasons === undefined;
  }

  async getMailbox(orgId: string, mbx: string): Promise<MailboxRecord | undefined> {
    const item = await this.get(pk(orgId, mbx), MAILBOX_SK);
    return item && toMailbox(item);
  }

  async getKey(orgId: string, mbx: string, version: number): Promise<WrappedMailboxKey | undefined> {
    return this.keys.get(pk(orgId, mbx), version);
  }

  async addKeyVersion(
    orgId: string,
    mbx: string,
    key: WrappedMailboxKey,
    expected: number,
  ): Promise<boolean> {
    const partition = pk(orgId, mbx);
    const reasons = await transact(this.documents, [
      this.keys.putItem(partition, key),
      this.updateMailbox(
        partition,
        'SET currentKeyVersion = :next',
        'currentKeyVersion = :expected AND #state = :active',
        {
          ':next': key.version,
          ':expected': expected,
          ':active': 'ACTIVE',
        },
      ),
    ]);
    return reasons === undefined;
  }

  async getMessage(orgId: string, mbx: string, messageId: string): Promise<Entry | undefined> {
    const item = await this.get(pk(orgId, mbx), messageSk(messageId));
    return item && toEntry(item);
  }

  async putMessage(
    orgId: string,
    mbx: string,
    entry: Entry,
    options: PutMessageOptions,
  ): Promise<PutMessageOutcome> {
    const partition = pk(orgId, mbx);
    const { commit } = options;
    const item = {
      pk: partition,
      sk: messageSk(entry.messageId),
      gsi1pk: folderListingPk(partition, entry.folder),
      gsi1sk: `${String(entry.receivedAt).padStart(15, '0')}#${entry.messageId}`,
      gsi2pk: folderListingPk(partition, entry.folder),
      gsi2sk: uidSk(entry.uid),
      ...ageIndexKeys(partition, entry.folder, entry.messageId, ageStart(entry)),
      ...entry,
      keywords: [...entry.keywords],
    };
    const receipts = await this.receiptItems(options.receipt);
    const items = [
      this.put(item, 'attribute_not_exists(pk)'),
      mailboxUpdate(this.tableName, partition, commit, { limitBytes: options.quotaBytes }),
      deliveredChange(this.tableName, partition, entry.messageId, commit.modseq),
      ...commitItems(this.tableName, partition, commit, Date.now()),
      ...(options.referenceKey
        ? [this.put({ pk: partition, sk: referenceSk(options.referenceKey), threadId: entry.threadId })]
        : []),
      ...receipts,
    ];
    const codes = await transact(this.documents, items);
    if (codes === undefined) return 'STORED';
    if (failedAt(codes, 0) || codes.slice(items.length - receipts.length).includes(CHECK_FAILED))
      return 'DUPLICATE';
    if (!failedAt(codes, 1)) throw new MailboxTransactionConflictError(mbx, codes);
    const current = await this.getMailbox(orgId, mbx);
    if (current?.state !== 'ACTIVE') return 'MAILBOX_NOT_FOUND';
    return current.modseq === commit.expectedModseq ? 'QUOTA_EXCEEDED' : 'CONFLICT';
  }

  async listMessages(
    orgId: string,
    mbx: string,
    folder: string,
    request: MessagePageRequest,
  ): Promise<Page<Entry>> {
    return this.query(request, {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': folderListingPk(pk(orgId, mbx), folder) },
      ScanIndexForward: false,
    });
  }

  async listFolderUids(
    orgId: string,
    mbx: string,
    folder: string,
    request: FolderUidRequest,
  ): Promise<FolderUidPage> {
    const page = await this.queryItems(
      { limit: request.limit },
      {
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk > :after',
        ExpressionAttributeValues: {
          ':pk': folderListingPk(pk(orgId, mbx), folder),
          ':after': uidSk(request.afterUid),
        },
      },
    );
    const items = page.items.map((item): FolderMessage => ({
      messageId: item.messageId as string,
      uid: item.uid as number,
      keywords: (item.keywords as string[] | undefined) ?? [],
      modseq: (item.modseq as number | undefined) ?? 0,
      sizeBytes: item.sizeBytes as number,
      receivedAt: item.receivedAt as number,
    }));
    return { items, more: page.cursor !== undefined };
  }

  async listAllMessages(orgId: string, mbx: string, request: MessagePageRequest): Promise<Page<Entry>> {
    return this.query(request, {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :msg)',
      ExpressionAttributeValues: { ':pk': pk(orgId, mbx), ':msg': 'MSG#' },
      ConsistentRead: true,
    });
  }

  async deleteMessage(orgId: string, mbx: string, messageId: string): Promise<void> {
    const partition = pk(orgId, mbx);
    const entry = await this.getMessage(orgId, mbx, messageId);
    if (!entry) return;
    const reasons = await transact(this.documents, [
      { Delete: { TableName: this.tableName, Key: { pk: partition, sk: messageSk(messageId) } } },
      this.updateMailbox(partition, 'ADD usedBytes :minus, messageCount :minusOne', 'attribute_exists(pk)', {
        ':minus': -entry.sizeBytes,
        ':minusOne': -1,
      }),
    ]);
    if (reasons === undefined) return;
    if (reasons[1] !== CHECK_FAILED) throw new MailboxTransactionConflictError(mbx, reasons);
    await this.documents.send(
      new DeleteCommand({ TableName: this.tableName, Key: { pk: partition, sk: messageSk(messageId) } }),
    );
  }

  async markDestroying(orgId: string, mbx: string): Promise<void> {
    const input = this.updateMailbox(pk(orgId, mbx), 'SET #state = :destroying', 'attribute_exists(pk)', {
      ':destroying': 'DESTROYING',
    }).Update!;
    try {
      await this.documents.send(new UpdateCommand(input));
    } catch (error) {
      if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
    }
  }

  async deleteKeys(orgId: string, mbx: string): Promise<void> {
    await this.keys.deleteAll(pk(orgId, mbx));
  }

  async deleteMailbox(orgId: string, mbx: string): Promise<void> {
    await this.model.deleteModel(orgId, mbx);
    await this.documents.send(
      new DeleteCommand({
        TableName: this.tableName,
        Key: { pk: pk(orgId, mbx), sk: MAILBOX_SK },
      }),
    );
  }

  private async get(partition: string, sk: string): Promise<Item | undefined> {
    const input = { TableName: this.tableName, Key: { pk: partition, sk }, ConsistentRead: true };
    return (await this.documents.send(new GetCommand(input))).Item;
  }

  private async query(request: MessagePageRequest, input: QueryInput): Promise<Page<Entry>> {
    const page = await this.queryItems(request, input);
    return { ...page, items: page.items.map(toEntry) };
  }

  private async queryItems(request: MessagePageRequest, input: QueryInput): Promise<Page<Item>> {
    const { Limit, ...rest } = { ...input, Limit: request.limit };
    const command = new QueryCommand({
      ...rest,
      Limit,
      TableName: this.tableName,
      ExclusiveStartKey: request.cursor,
    });
    const output = await this.documents.send(command);
    return output.LastEvaluatedKey
      ? { items: output.Items ?? [], cursor: output.LastEvaluatedKey }
      : { items: output.Items ?? [] };
  }

  private async receiptItems(receipt: DeliveryReceipt | undefined): Promise<TransactItem[]> {
    if (!receipt) return [];
    if (!this.ledger)
      throw new TypeError('DynamoDbMailboxStore needs the ledger item layout to write delivery receipts');
    const items = await this.ledger.receiptItems(receipt, Date.now());
    return items.map(({ item, condition, names, values }) => ({
      Put: {
        TableName: this.tableName,
        Item: item,
        ...(condition ? { ConditionExpression: condition } : {}),
        ...(names ? { ExpressionAttributeNames: names } : {}),
        ...(values ? { ExpressionAttributeValues: values } : {}),
      },
    }));
  }

  private put(item: Item, condition?: string): TransactItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: item,
        ...(condition ? { ConditionExpression: condition } : {}),
      },
    };
  }

  private updateMailbox(partition: string, update: string, condition: string, values: Values): TransactItem {
    const names = `${update} ${condition}`.includes('#state')
      ? { ExpressionAttributeNames: { '#state': 'state' } }
      : {};
    return {
      Update: {
        TableName: this.tableName,
        Key: { pk: partition, sk: MAILBOX_SK },
        UpdateExpression: update,
        ConditionExpression: condition,
        ExpressionAttributeValues: values,
        ...names,
      },
    };
  }
}
