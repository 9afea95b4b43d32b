import {
  BatchGetCommand,
  BatchWriteCommand,
  GetCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';

type Item = Record<string, unknown>;

/**
 * Consistent reads and bulk deletes within one partition of a table: every page of a query, batch gets and batch
 * deletes with their unprocessed keys retried (with backoff).
 * @example
 * const io = new PartitionIo(documents, 'mailwright-mailbox');
 * const items = await io.query({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk } });
 */
export class PartitionIo {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** One item, or only some of its attributes. */
  async get(pk: string, sk: string, attributes?: readonly string[]): Promise<Item | undefined> {
    const { Item } = await this.documents.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk, sk },
        ...(attributes && projection(attributes)),
        ConsistentRead: true,
      }),
    );
    return Item;
  }

  /** Every item of a query, all pages read. */
  async query(input: Omit<QueryCommandInput, 'TableName'>): Promise<Item[]> {
    const items: Item[] = [];
    let start: Item | undefined;
    do {
      const page = await this.documents.send(
        new QueryCommand({
          ...input,
          TableName: this.tableName,
          ExclusiveStartKey: start,
          ConsistentRead: true,
        }),
      );
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  }

  /** The items of the partition with these sort keys that exist (in no particular order). */
  async batchGet(pk: string, sortKeys: readonly string[]): Promise<Item[]> {
    const found: Item[] = [];
    for (let offset = 0; offset < sortKeys.length; offset += 100) {
      let keys: Item[] | undefined = sortKeys.slice(offset, offset + 100).map((sk) => ({ pk, sk }));
      for (let attempt = 0; keys && keys.length > 0; attempt += 1) {
        if (attempt > 0) await backoff(attempt);
        const { Responses, UnprocessedKeys } = await this.documents.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } } }),
        );
        found.push(...(Responses?.[this.tableName] ?? []));
        keys = UnprocessedKeys?.[this.tableName]?.Keys as Item[] | undefined;
      }
    }
    return found;
  }

  /** Deletes the items with these sort keys (each key once). */
  async deleteAll(pk: string, sortKeys: readonly string[]): Promise<void> {
    for (let offset = 0; offset < sortKeys.length; offset += 25) {
      let requests: Item[] | undefined = sortKeys
        .slice(offset, offset + 25)
        .map((sk) => ({ DeleteRequest: { Key: { pk, sk } } }));
      for (let attempt = 0; requests && requests.length > 0; attempt += 1) {
        if (attempt > 0) await backoff(attempt);
        const { UnprocessedItems } = await this.documents.send(
          new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }),
        );
        requests = UnprocessedItems?.[this.tableName] as Item[] | undefined;
      }
    }
  }
}

/**
 * A ProjectionExpression of these attributes, with placeholder names (some are reserved words).
 * @example
 * new QueryCommand({ ...input, ...projection(['name', 'etag']) });
 */
export function projection(attributes: readonly string[]): {
  ProjectionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
} {
  return {
    ProjectionExpression: attributes.map((_, index) => `#p${index}`).join(', '),
    ExpressionAttributeNames: Object.fromEntries(attributes.map((name, index) => [`#p${index}`, name])),
  };
}

function backoff(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 10 * 2 ** Math.min(attempt, 6)));
}
