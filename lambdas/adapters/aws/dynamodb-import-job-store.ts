import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ImportJob, ImportJobStore } from '../../core/export/import-jobs';
import { runningJobs } from './dynamodb-running-jobs';

/** `ORG#<orgId> / IMPORTJOB#<jobId>`: a mailbox import job; expires (`ttl`) 30 days after its start. */
const jobKey = (organizationId: string, jobId: string) => ({
  pk: `ORG#${organizationId}`,
  sk: `IMPORTJOB#${jobId}`,
});
const RECORD_SECONDS = 30 * 24 * 60 * 60;
/** gsi1 `IMPORTJOBS#RUNNING / <orgId>#<jobId>` while a job is RUNNING: a sparse index of the jobs to resume. */
const RUNNING_PK = 'IMPORTJOBS#RUNNING';

/**
 * Mailbox import jobs in the directory table; progress and the end are conditional on the job still RUNNING, and a
 * RUNNING job is in a sparse index (gsi1) until it ends.
 * @example
 * const importJobs = new DynamoDbImportJobStore(documents, 'mailwright-directory');
 */
export class DynamoDbImportJobStore implements ImportJobStore {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(job: ImportJob): Promise<void> {
    await this.documents.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...jobKey(job.organizationId, job.jobId),
          ...job,
          gsi1pk: RUNNING_PK,
          gsi1sk: `${job.organizationId}#${job.jobId}`,
          ttl: Math.floor(job.startedAt / 1000) + RECORD_SECONDS,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async get(organizationId: string, jobId: string): Promise<ImportJob | undefined> {
    const { Item } = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: jobKey(organizationId, jobId), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const { pk: _pk, sk: _sk, ttl: _ttl, gsi1pk: _gsi1pk, gsi1sk: _gsi1sk, ...job } = Item;
    return job as ImportJob;
  }

  async saveProgress(
    job: ImportJob,
    progress: Pick<ImportJob, 'entriesDone' | 'messagesImported' | 'bytesImported' | 'updatedAt'>,
  ): Promise<boolean> {
    return this.update(
      job,
      'SET entriesDone = :entries, messagesImported = :messages, bytesImported = :bytes, updatedAt = :updatedAt',
      {
        ':entries': progress.entriesDone,
        ':messages': progress.messagesImported,
        ':bytes': progress.bytesImported ?? 0,
        ':updatedAt': progress.updatedAt ?? job.startedAt,
      },
    );
  }

  running(): AsyncIterable<{ organizationId: string; jobId: string }> {
    return runningJobs(this.documents, this.tableName, RUNNING_PK);
  }

  async finish(job: ImportJob, end: Pick<ImportJob, 'state' | 'endedAt' | 'errorInfo'>): Promise<boolean> {
    return this.update(
      job,
      end.errorInfo === undefined
        ? 'SET #state = :state, endedAt = :endedAt REMOVE gsi1pk, gsi1sk'
        : 'SET #state = :state, endedAt = :endedAt, errorInfo = :errorInfo REMOVE gsi1pk, gsi1sk',
      {
        ':state': end.state,
        ':endedAt': end.endedAt,
        ...(end.errorInfo === undefined ? {} : { ':errorInfo': end.errorInfo }),
      },
    );
  }

  private async update(
    job: ImportJob,
    expression: string,
    values: Record<string, unknown>,
  ): Promise<boolean> {
    try {
      await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: jobKey(job.organizationId, job.jobId),
          UpdateExpression: expression,
          ConditionExpression: '#state = :running',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ...values, ':running': 'RUNNING' },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }
}
