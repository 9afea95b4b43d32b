import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { runningJobs } from './dynamodb-running-jobs';
import type { ExportJobPage, ExportJobStore, ExportPart, ExportStartOutcome } from '../../core/export/ports';
import { jobIdPrefix } from '../../core/export/jobs';
import type { ExportCheckpoint, ExportJob, ExportJobState, ExportLimits } from '../../core/export/types';
import { failedAt, transact, type TransactItem } from './dynamodb-transact';

const orgPk = (organizationId: string) => `ORG#${organizationId}`;
/** `ORG#<orgId> / EXPORTJOB#<jobId>`: the job; job ids start with their start time, so keys sort by it. */
const jobKey = (organizationId: string, jobId: string) => ({
  pk: orgPk(organizationId),
  sk: `EXPORTJOB#${jobId}`,
});
/** `ORG#<orgId> / EXPORTJOBS`: { running }: the organization's RUNNING jobs. */
const counterKey = (organizationId: string) => ({ pk: orgPk(organizationId), sk: 'EXPORTJOBS' });
/** `ORG#<orgId> / EXPORTMBX#<mailboxId>`: { lastStartedAt }: the mailbox's latest job (24-hour limit). */
const mailboxKey = (organizationId: string, mailboxId: string) => ({
  pk: orgPk(organizationId),
  sk: `EXPORTMBX#${mailboxId}`,
});
/** `ORG#<orgId> / EXPORTPART#<jobId>#<part, 5 digits>#<chunk, 3 digits>`: { etag, cd }: an uploaded part. */
const partPrefix = (jobId: string) => `EXPORTPART#${jobId}#`;
const partSk = (jobId: string, part: number, chunk: number) =>
  `${partPrefix(jobId)}${String(part).padStart(5, '0')}#${String(chunk).padStart(3, '0')}`;

/** gsi1 `EXPORTJOBS#RUNNING / <orgId>#<jobId>` while a job is RUNNING: a sparse index of the jobs to resume. */
const RUNNING_PK = 'EXPORTJOBS#RUNNING';
const runningKey = (job: Pick<ExportJob, 'organizationId' | 'jobId'>) => ({
  gsi1pk: RUNNING_PK,
  gsi1sk: `${job.organizationId}#${job.jobId}`,
});

/** Records expire a month after the start: listings reach back 7 days, Describe a little longer. */
const RECORD_DAYS = 30;
/** Central directory bytes per item, well under DynamoDB's 400 KB item limit. */
const CHUNK_BYTES = 300 * 1024;

/**
 * Mailbox export jobs in the directory table. A start writes the job, the organization's running counter and the
 * mailbox's last-start record in one transaction, each conditional on its limit; a finish moves the job out of
 * RUNNING (out of the sparse RUNNING index) and decrements the counter in one transaction. Every record carries
 * `ttl`.
 * @example
 * const exportJobs = new DynamoDbExportJobStore(documents, 'mailwright-directory');
 */
export class DynamoDbExportJobStore implements ExportJobStore {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async start(job: ExportJob, limits: ExportLimits): Promise<ExportStartOutcome> {
    const ttl = expiry(job.startedAt);
    const codes = await transact(this.documents, [
      {
        Put: {
          TableName: this.tableName,
          Item: { ...jobKey(job.organizationId, job.jobId), ...toItem(job), ...runningKey(job), ttl },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Update: {
          TableName: this.tableName,
          Key: counterKey(job.organizationId),
          UpdateExpression: 'SET running = if_not_exists(running, :zero) + :one',
          ConditionExpression: 'attribute_not_exists(running) OR running < :limit',
          ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':limit': limits.runningPerOrganization },
        },
      },
      {
        Put: {
          TableName: this.tableName,
          Item: { ...mailboxKey(job.organizationId, job.entityId), lastStartedAt: job.startedAt, ttl },
          ConditionExpression: 'attribute_not_exists(pk) OR lastStartedAt <= :cutoff',
          ExpressionAttributeValues: { ':cutoff': job.startedAt - limits.mailboxIntervalMs },
        },
      },
    ]);
    if (!codes) return 'STARTED';
    return failedAt(codes, 1) ? 'ORGANIZATION_LIMIT' : 'MAILBOX_LIMIT';
  }

  async get(organizationId: string, jobId: string): Promise<ExportJob | undefined> {
    const { Item } = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: jobKey(organizationId, jobId), ConsistentRead: true }),
    );
    return Item ? fromItem(Item) : undefined;
  }

  async listSince(
    organizationId: string,
    sinceMs: number,
    request: { readonly limit: number; readonly cursor?: Record<string, unknown> },
  ): Promise<ExportJobPage> {
    const { Items = [], LastEvaluatedKey } = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': orgPk(organizationId),
          ':from': `EXPORTJOB#${jobIdPrefix(sinceMs)}`,
          ':to': 'EXPORTJOB#~',
        },
        ScanIndexForward: false,
        Limit: request.limit,
        ExclusiveStartKey: request.cursor,
      }),
    );
    const items = Items.map(fromItem);
    return LastEvaluatedKey ? { items, cursor: LastEvaluatedKey } : { items };
  }

  async saveCheckpoint(
    job: ExportJob,
    checkpoint: ExportCheckpoint,
    part: ExportPart | undefined,
    expectedNextPart: number | undefined,
  ): Promise<boolean> {
    const ttl = expiry(job.startedAt);
    const chunks: TransactItem[] = [];
    if (part) {
      for (let chunk = 0; chunk === 0 || chunk * CHUNK_BYTES < part.centralDirectory.length; chunk += 1) {
        const cd = part.centralDirectory.subarray(chunk * CHUNK_BYTES, (chunk + 1) * CHUNK_BYTES);
        chunks.push({
          Put: {
            TableName: this.tableName,
            Item: {
              pk: orgPk(job.organizationId),
              sk: partSk(job.jobId, part.partNumber, chunk),
              ...(chunk === 0 ? { etag: part.etag } : {}),
              cd,
              ttl,
            },
          },
        });
      }
    }
    const codes = await transact(this.documents, [
      {
        Update: {
          TableName: this.tableName,
          Key: jobKey(job.organizationId, job.jobId),
          UpdateExpression: 'SET #checkpoint = :checkpoint',
          ConditionExpression:
            expectedNextPart === undefined
              ? '#state = :running AND attribute_not_exists(#checkpoint)'
              : '#state = :running AND #checkpoint.nextPart = :expected',
          ExpressionAttributeNames: { '#checkpoint': 'checkpoint', '#state': 'state' },
          ExpressionAttributeValues: {
            ':checkpoint': checkpoint,
            ':running': 'RUNNING',
            ...(expectedNextPart === undefined ? {} : { ':expected': expectedNextPart }),
          },
        },
      },
      ...chunks,
    ]);
    return codes === undefined;
  }

  async *parts(organizationId: string, jobId: string, fromPart: number): AsyncIterable<ExportPart> {
    let cursor: Record<string, unknown> | undefined;
    let current: { partNumber: number; etag: string; cd: Buffer[] } | undefined;
    do {
      const { Items = [], LastEvaluatedKey } = await this.documents.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':pk': orgPk(organizationId),
            ':from': partSk(jobId, fromPart, 0),
            ':to': `${partPrefix(jobId)}~`,
          },
          ConsistentRead: true,
          ExclusiveStartKey: cursor,
        }),
      );
      for (const item of Items) {
        const partNumber = Number((item.sk as string).split('#')[2]);
        if (current && current.partNumber !== partNumber) yield toPart(current);
        if (!current || current.partNumber !== partNumber)
          current = { partNumber, etag: item.etag as string, cd: [] };
        current.cd.push(Buffer.from(item.cd as Uint8Array));
      }
      cursor = LastEvaluatedKey;
    } while (cursor);
    if (current) yield toPart(current);
  }

  running(): AsyncIterable<{ organizationId: string; jobId: string }> {
    return runningJobs(this.documents, this.tableName, RUNNING_PK);
  }

  async finish(
    organizationId: string,
    jobId: string,
    end: {
      readonly state: Exclude<ExportJobState, 'RUNNING'>;
      readonly endedAt: number;
      readonly errorInfo?: string;
    },
  ): Promise<boolean> {
    const codes = await transact(this.documents, [
      {
        Update: {
          TableName: this.tableName,
          Key: jobKey(organizationId, jobId),
          UpdateExpression:
            end.errorInfo === undefined
              ? 'SET #state = :state, endedAt = :endedAt REMOVE gsi1pk, gsi1sk'
              : 'SET #state = :state, endedAt = :endedAt, errorInfo = :errorInfo REMOVE gsi1pk, gsi1sk',
          ConditionExpression: '#state = :running',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':state': end.state,
            ':endedAt': end.endedAt,
            ':running': 'RUNNING',
            ...(end.errorInfo === undefined ? {} : { ':errorInfo': end.errorInfo }),
          },
        },
      },
      {
        Update: {
          TableName: this.tableName,
          Key: counterKey(organizationId),
          UpdateExpression: 'ADD running :minusOne',
          ExpressionAttributeValues: { ':minusOne': -1 },
        },
      },
    ]);
    return codes === undefined;
  }
}

function expiry(startedAt: number): number {
  return Math.floor(startedAt / 1000) + RECORD_DAYS * 24 * 60 * 60;
}

function toItem(job: ExportJob): Record<string, unknown> {
  const { state, endedAt, errorInfo, checkpoint, ...record } = job;
  return {
    record,
    state,
    ...(endedAt === undefined ? {} : { endedAt }),
    ...(errorInfo === undefined ? {} : { errorInfo }),
    ...(checkpoint === undefined ? {} : { checkpoint }),
  };
}

function fromItem(item: Record<string, unknown>): ExportJob {
  return {
    ...(item.record as Omit<ExportJob, 'state'>),
    state: item.state as ExportJobState,
    ...(item.endedAt === undefined ? {} : { endedAt: item.endedAt as number }),
    ...(item.errorInfo === undefined ? {} : { errorInfo: item.errorInfo as string }),
    ...(item.checkpoint === undefined ? {} : { checkpoint: item.checkpoint as ExportCheckpoint }),
  };
}

function toPart(part: { partNumber: number; etag: string; cd: Buffer[] }): ExportPart {
  return { partNumber: part.partNumber, etag: part.etag, centralDirectory: Buffer.concat(part.cd) };
}
