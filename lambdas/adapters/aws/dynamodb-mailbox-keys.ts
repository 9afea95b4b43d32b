import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { WrappedMailboxKey } from '../../core/mailbox/types';

type Item = Record<string, unknown>;

/** Sort key of a key version: `KEY#<version, 10 digits>`. */
const keySk = (version: number) => `KEY#${String(version).padStart(10, '0')}`;

/**
 * Wrapped mailbox keys in their own table (`KEY_TABLE`), one item per mailbox and version, `MBX#<orgId>#<mailboxId>` /
 * `KEY#<version>`. The table is apart from the message index so that its backups can be configured on their own:
 * deleting these items is what makes a mailbox's mail unrecoverable (crypto-shredding), and a point-in-time backup
 * of them would undo that. Deployments from before the keys had their own table kept them in the Mailbox table
 * under the same key: they are still read (and moved here on first read) and shredded from both.
 * @example
 * const keys = new DynamoDbMailboxKeys(documents, { keyTable: 'mailwright-keys', mailboxTable: 'mailwright-mailbox' });
 */
export class DynamoDbMailboxKeys {
  private readonly keyTable: string;
  private readonly legacyTable: string;

  /**
   * @param documents - a document client (built once in wiring)
   * @param tables - the key table, and the Mailbox table that held keys before it existed
   */
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    tables: { readonly keyTable: string; readonly mailboxTable: string },
  ) {
    this.keyTable = tables.keyTable;
    this.legacyTable = tables.mailboxTable;
  }

  /** The put of a new key version for a transaction, refused when that version exists. */
  putItem(
    partition: string,
    key: WrappedMailboxKey,
  ): { Put: { TableName: string; Item: Item; ConditionExpression: string } } {
    return {
      Put: {
        TableName: this.keyTable,
        Item: keyItem(partition, key),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }

  /** One key version, from the key table or, written before it existed, the Mailbox table (then moved over). */
  async get(partition: string, version: number): Promise<WrappedMailboxKey | undefined> {
    const key = { pk: partition, sk: keySk(version) };
    const current = await this.read(this.keyTable, key);
    if (current) return current;
    const legacy = await this.read(this.legacyTable, key);
    if (legacy) await this.move(partition, legacy);
    return legacy;
  }

  /** Deletes every version of a mailbox's key, in both tables: crypto-shredding. */
  async deleteAll(partition: string): Promise<void> {
    for (const table of [this.keyTable, this.legacyTable]) {
      let startKey: Item | undefined;
      do {
        const page = await this.documents.send(
          new QueryCommand({
            TableName: table,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :key)',
            ExpressionAttributeValues: { ':pk': partition, ':key': 'KEY#' },
            ProjectionExpression: 'pk, sk',
            ConsistentRead: true,
            ExclusiveStartKey: startKey,
          }),
        );
        await Promise.all(
          (page.Items ?? []).map(({ pk, sk }) =>
            this.documents.send(new DeleteCommand({ TableName: table, Key: { pk, sk } })),
          ),
        );
        startKey = page.LastEvaluatedKey;
      } while (startKey);
    }
  }

  private async read(table: string, key: Item): Promise<WrappedMailboxKey | undefined> {
    const { Item } = await this.documents.send(
      new GetCommand({ TableName: table, Key: key, ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const { pk: _pk, sk: _sk, ...rest } = Item;
    return rest as unknown as WrappedMailboxKey;
  }

  /** Copies a legacy key version to the key table, then removes it from the Mailbox table. */
  private async move(partition: string, key: WrappedMailboxKey): Promise<void> {
    try {
      await this.documents.send(new PutCommand(this.putItem(partition, key).Put));
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    await this.documents.send(
      new DeleteCommand({ TableName: this.legacyTable, Key: { pk: partition, sk: keySk(key.version) } }),
    );
  }
}

function keyItem(partition: string, key: WrappedMailboxKey): Item {
  const { version, wrappedKey, kmsKeyArn, createdAt } = key;
  return {
    pk: partition,
    sk: keySk(version),
    version,
    wrappedKey,
    createdAt,
    ...(kmsKeyArn ? { kmsKeyArn } : {}),
  };
}
