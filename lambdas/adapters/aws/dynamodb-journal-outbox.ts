import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { JournalOutbox, PendingJournalRecord } from '../../core/journaling/ports';

/** `JOURNAL#<recordId> / RECORD`: a journal record not delivered yet. */
const recordKey = (recordId: string) => ({ pk: `JOURNAL#${recordId}`, sk: 'RECORD' });
/** gsi1 partition of pending records, sorted by due time. */
const DUE_PARTITION = 'JOURNALDUE';
const dueSortKey = (nextAttemptAt: number, recordId: string) =>
  `${String(nextAttemptAt).padStart(15, '0')}#${recordId}`;

/**
 * The journal outbox in the Directory table: one item per pending record, listed by due time through gsi1
 * (`JOURNALDUE / <due time, 15 digits>#<recordId>`), so a run reads only what is due. Records are removed once
 * delivered or given up on, so the index holds only pending work.
 * @example
 * const outbox = new DynamoDbJournalOutbox(documents, 'mailwright-directory');
 */
export class DynamoDbJournalOutbox implements JournalOutbox {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(record: PendingJournalRecord): Promise<boolean> {
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...recordKey(record.recordId),
            ...record,
            gsi1pk: DUE_PARTITION,
            gsi1sk: dueSortKey(record.nextAttemptAt, record.recordId),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async due(now: number, limit: number): Promise<readonly PendingJournalRecord[]> {
    const { Items = [] } = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :partition AND gsi1sk <= :due',
        ExpressionAttributeValues: { ':partition': DUE_PARTITION, ':due': `${dueSortKey(now, '')}~` },
        Limit: limit,
      }),
    );
    return Items.map(({ pk: _pk, sk: _sk, gsi1pk: _gsi1pk, gsi1sk: _gsi1sk, ...record }) => {
      return record as PendingJournalRecord;
    });
  }

  async claim(recordId: string, expectedAttempts: number, nextAttemptAt: number): Promise<boolean> {
    try {
      await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: recordKey(recordId),
          UpdateExpression: 'SET attempts = :next, nextAttemptAt = :at, gsi1sk = :due',
          ConditionExpression: 'attempts = :expected',
          ExpressionAttributeValues: {
            ':expected': expectedAttempts,
            ':next': expectedAttempts + 1,
            ':at': nextAttemptAt,
            ':due': dueSortKey(nextAttemptAt, recordId),
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async remove(recordId: string): Promise<void> {
    await this.documents.send(new DeleteCommand({ TableName: this.tableName, Key: recordKey(recordId) }));
  }
}
