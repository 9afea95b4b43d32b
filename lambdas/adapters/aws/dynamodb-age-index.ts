import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { RECOVERABLE_ITEMS } from '../../core/mailbox/folders';
import type { AgedPage, RetentionIndex } from '../../core/retention/ports';
import { RETENTION_FOLDERS } from '../../core/retention/types';

/**
 * The age index (gsi3 of the Mailbox table): every message directly in a folder a retention policy can name, or in
 * Recoverable Items, under `RET#<orgId>#<folder>#<shard>` / `<ageAt, 15 digits>#<mailboxId>#<messageId>`. It is
 * sparse: messages of user folders and the Outbox have no gsi3 keys. Shards spread an organization's writes over
 * {@link AGE_SHARDS} partitions; the shard count is part of the stored keys and never changes.
 */

/** Partitions per organization and folder. */
export const AGE_SHARDS = 8;

const INDEXED = new Set<string>([...RETENTION_FOLDERS, RECOVERABLE_ITEMS.folderId]);

const padded = (value: number) => String(Math.max(0, Math.floor(value))).padStart(15, '0');

function shardOf(messageId: string): number {
  let hash = 0;
  for (let index = 0; index < messageId.length; index++)
    hash = (hash * 31 + messageId.charCodeAt(index)) >>> 0;
  return hash % AGE_SHARDS;
}

/**
 * The gsi3 keys of a message in `folder` whose age started at `ageAt`, or undefined when the folder is not indexed.
 * @param partition - the mailbox's partition key, `MBX#<orgId>#<mailboxId>`
 * @example
 * ageIndexKeys('MBX#m-1#S-1', 'INBOX', 'msg-1', Date.now()); // { gsi3pk: 'RET#m-1#INBOX#5', gsi3sk: '…#S-1#msg-1' }
 */
export function ageIndexKeys(
  partition: string,
  folder: string,
  messageId: string,
  ageAt: number,
): { gsi3pk: string; gsi3sk: string } | undefined {
  if (!INDEXED.has(folder)) return undefined;
  const [, organizationId, mailboxId] = partition.split('#');
  return {
    gsi3pk: `RET#${organizationId}#${folder}#${shardOf(messageId)}`,
    gsi3sk: `${padded(ageAt)}#${mailboxId}#${messageId}`,
  };
}

/** Where a paged query over the shards stands: the shard, and DynamoDB's key within it. */
interface AgeCursor {
  readonly shard: number;
  readonly key?: Record<string, unknown>;
}

/**
 * RetentionIndex on gsi3: one query per shard and page, `gsi3sk < <cut-off>`, so it reads only aged entries.
 * @example
 * const index = new DynamoDbRetentionIndex(documents, 'mailwright-mailbox');
 */
export class DynamoDbRetentionIndex implements RetentionIndex {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async aged(
    organizationId: string,
    folderId: string,
    before: number,
    limit: number,
    cursor?: string,
  ): Promise<AgedPage> {
    let at: AgeCursor = cursor ? (JSON.parse(cursor) as AgeCursor) : { shard: 0 };
    const items: Array<{ mailboxId: string; messageId: string }> = [];
    while (items.length < limit && at.shard < AGE_SHARDS) {
      const output = await this.documents.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'gsi3',
          KeyConditionExpression: 'gsi3pk = :pk AND gsi3sk < :cut',
          ExpressionAttributeValues: {
            ':pk': `RET#${organizationId}#${folderId}#${at.shard}`,
            ':cut': padded(before),
          },
          ProjectionExpression: 'gsi3sk',
          Limit: limit - items.length,
          ...(at.key ? { ExclusiveStartKey: at.key } : {}),
        }),
      );
      for (const item of output.Items ?? []) {
        const [, mailboxId, messageId] = (item.gsi3sk as string).split('#');
        items.push({ mailboxId: mailboxId as string, messageId: messageId as string });
      }
      at = output.LastEvaluatedKey
        ? { shard: at.shard, key: output.LastEvaluatedKey }
        : { shard: at.shard + 1 };
    }
    return at.shard < AGE_SHARDS ? { items, cursor: JSON.stringify(at) } : { items };
  }
}
