import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FieldSealer } from '../../core/crypto/field-sealer';
import {
  SUBMISSION_RETENTION_MS,
  type SubmissionRecord,
  type SubmissionStore,
} from '../../core/sending/ports';
import { sealerOf } from './dynamodb-sealed-items';

const pk = (organizationId: string, mailboxId: string) => `MBX#${organizationId}#${mailboxId}`;
const PREFIX = 'SUB#';

/**
 * {@link SubmissionStore} on the Mailbox table: `MBX#<orgId>#<mailboxId> / SUB#<submissionId>`, the whole record
 * sealed (AES-256-GCM under a subkey of the deployment key, bound to the item's keys), so no address is stored in
 * clear; `ttl` removes it {@link SUBMISSION_RETENTION_MS} after sending. Ids start with the send time, so the
 * sort key orders records by time.
 * @example
 * const submissions = new DynamoDbSubmissionStore(documents, 'mailwright-mailboxes', ledgerKey);
 */
export class DynamoDbSubmissionStore implements SubmissionStore {
  private readonly sealer: () => Promise<FieldSealer>;

  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
    sealKey: Uint8Array | (() => Promise<Uint8Array>),
  ) {
    this.sealer = sealerOf(sealKey, 'email-submission');
  }

  async put(record: SubmissionRecord): Promise<void> {
    const key = { pk: pk(record.organizationId, record.mailboxId), sk: `${PREFIX}${record.submissionId}` };
    const sealed = (await this.sealer()).seal(JSON.stringify(record), [key.pk, key.sk, 'record']);
    const expiresAt = record.sendAt + SUBMISSION_RETENTION_MS;
    await this.documents.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...key, record: sealed, expiresAt, ttl: Math.ceil(expiresAt / 1000) },
      }),
    );
  }

  async get(organizationId: string, mailboxId: string, submissionId: string) {
    const key = { pk: pk(organizationId, mailboxId), sk: `${PREFIX}${submissionId}` };
    const { Item } = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
    );
    return Item && Number(Item.expiresAt) > Date.now() ? this.open(Item) : undefined;
  }

  async list(
    organizationId: string,
    mailboxId: string,
    options: { order: 'newest' | 'oldest'; after?: string; limit: number },
  ): Promise<SubmissionRecord[]> {
    const after = options.after === undefined ? undefined : `${PREFIX}${options.after}`;
    const { Items = [] } = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: after ? 'pk = :pk AND sk > :after' : 'pk = :pk AND begins_with(sk, :prefix)',
        FilterExpression: 'expiresAt > :now',
        ExpressionAttributeValues: {
          ':pk': pk(organizationId, mailboxId),
          ':now': Date.now(),
          ...(after ? { ':after': after } : { ':prefix': PREFIX }),
        },
        ScanIndexForward: options.order === 'oldest',
        ConsistentRead: true,
        Limit: options.limit,
      }),
    );
    const records = Items.filter((item) => String(item.sk).startsWith(PREFIX));
    return Promise.all(records.map((item) => this.open(item)));
  }

  private async open(item: Record<string, unknown>): Promise<SubmissionRecord> {
    const sealer = await this.sealer();
    return JSON.parse(sealer.open(String(item.record), [String(item.pk), String(item.sk), 'record']));
  }
}
