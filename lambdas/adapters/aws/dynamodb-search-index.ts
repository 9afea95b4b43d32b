import {
  BatchWriteCommand,
  GetCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { IndexProgress, Posting, SearchIndexStore } from '../../core/search/ports';
import { mailboxPk } from './dynamodb-model-items';

type Item = Record<string, unknown>;

/** Sort keys of the search index's items in a mailbox's partition (deleted with the mailbox model). */
export const SEARCH_PREFIXES = ['TERM#', 'SEARCH'];
const WATERMARK_SK = 'SEARCH';
const BATCH = 25;
/** The largest segment number (a modseq) the 15-digit sort key holds. */
const MAX_SEGMENT = 10 ** 15 - 1;
const MAX_BATCH_ATTEMPTS = 8;

const termPrefix = (termKey: string) => `TERM#${termKey}#`;
const segmentSk = (termKey: string, segment: number) =>
  `${termPrefix(termKey)}${String(segment).padStart(15, '0')}`;

/**
 * SearchIndexStore on the Mailbox table. A segment is one item per term key, `TERM#<key>#<segment>`, whose `refs`
 * list the segment's messages containing the term as `<fields> <messageId>` lines; `SEARCH` holds the progress
 * (`indexedModseq` = its base, `cursor`). A term's postings are one query on its key prefix, sized by the segments that hold it.
 * @example
 * const index = new DynamoDbSearchIndex(documents, 'mailwright-mailbox');
 */
export class DynamoDbSearchIndex implements SearchIndexStore {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async progress(organizationId: string, mailboxId: string): Promise<IndexProgress> {
    const output = await this.documents.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: mailboxPk(organizationId, mailboxId), sk: WATERMARK_SK },
        ConsistentRead: true,
      }),
    );
    return {
      base: (output.Item?.indexedModseq as number | undefined) ?? 0,
      cursor: (output.Item?.cursor as number | undefined) ?? 0,
    };
  }

  async putSegment(
    organizationId: string,
    mailboxId: string,
    segment: number,
    postings: ReadonlyMap<string, readonly Posting[]>,
  ): Promise<number> {
    const pk = mailboxPk(organizationId, mailboxId);
    const requests = [...postings].map(([termKey, refs]) => ({
      PutRequest: {
        Item: {
          pk,
          sk: segmentSk(termKey, segment),
          refs: refs.map(({ fields, messageId }) => `${fields} ${messageId}`).join('\n'),
        },
      },
    }));
    for (let start = 0; start < requests.length; start += BATCH)
      await this.writeAll(requests.slice(start, start + BATCH));
    return requests.length;
  }

  async advance(
    organizationId: string,
    mailboxId: string,
    from: IndexProgress,
    to: IndexProgress,
  ): Promise<boolean> {
    try {
      await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: mailboxPk(organizationId, mailboxId), sk: WATERMARK_SK },
          UpdateExpression: 'SET indexedModseq = :toBase, #cursor = :toCursor',
          ConditionExpression:
            '(attribute_not_exists(indexedModseq) AND :fromBase = :zero AND :fromCursor = :zero) OR ' +
            '(indexedModseq = :fromBase AND #cursor = :fromCursor)',
          ExpressionAttributeNames: { '#cursor': 'cursor' },
          ExpressionAttributeValues: {
            ':toBase': to.base,
            ':toCursor': to.cursor,
            ':fromBase': from.base,
            ':fromCursor': from.cursor,
            ':zero': 0,
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async postings(organizationId: string, mailboxId: string, termKey: string): Promise<Posting[]> {
    const postings: Posting[] = [];
    let start: Item | undefined;
    do {
      const output = await this.documents.send(
        new QueryCommand({
          TableName: this.tableName,
          // A key range rather than begins_with: both engines seek it (DynamoDB Local reads the whole partition
          // for begins_with, which made a search grow with the mailbox).
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :last',
          ExpressionAttributeValues: {
            ':pk': mailboxPk(organizationId, mailboxId),
            ':first': segmentSk(termKey, 0),
            ':last': segmentSk(termKey, MAX_SEGMENT),
          },
          ProjectionExpression: 'refs',
          ExclusiveStartKey: start,
        }),
      );
      for (const item of output.Items ?? [])
        for (const line of String(item.refs).split('\n')) {
          const space = line.indexOf(' ');
          postings.push({ fields: Number(line.slice(0, space)), messageId: line.slice(space + 1) });
        }
      start = output.LastEvaluatedKey;
    } while (start);
    return postings;
  }

  /** One BatchWriteItem, its unprocessed items retried with backoff. */
  private async writeAll(requests: Item[]): Promise<void> {
    let pending = requests;
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > MAX_BATCH_ATTEMPTS)
        throw new Error('Search index writes stayed unprocessed (throttled).');
      if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt));
      const output = await this.documents.send(
        new BatchWriteCommand({ RequestItems: { [this.tableName]: pending } }),
      );
      pending = (output.UnprocessedItems?.[this.tableName] ?? []) as Item[];
    }
  }
}
