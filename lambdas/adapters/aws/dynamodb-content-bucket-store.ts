import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { InvalidParameterException } from '../../core/api/errors';
import type { ContentBucketStore } from '../../core/message-flow/ports';
import { failedAt, transact, type TransactItems } from './dynamodb-transact';

/** `ORG#<orgId> / MESSAGEFLOW`: the organization's content buckets and a version for optimistic concurrency. */
const configKey = (organizationId: string) => ({ pk: `ORG#${organizationId}`, sk: 'MESSAGEFLOW' });
/** `MSGFLOWBUCKET#<bucket> / CLAIM`: which organization a content bucket belongs to. */
const claimKey = (bucket: string) => ({ pk: `MSGFLOWBUCKET#${bucket}`, sk: 'CLAIM' });

/** Attempts at a replace that lost a race against another replace of the same organization. */
const MAX_ATTEMPTS = 5;

/**
 * Content buckets of PutRawMessageContent in the directory table: the list on `ORG#<orgId> / MESSAGEFLOW`, and one
 * claim per bucket (`MSGFLOWBUCKET#<bucket> / CLAIM`) written in the same transaction, so a bucket is allowed for at
 * most one organization even under concurrent calls.
 * @example
 * const contentBuckets = new DynamoDbContentBucketStore(documents, 'mailwright-directory');
 */
export class DynamoDbContentBucketStore implements ContentBucketStore {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async allowedBuckets(organizationId: string): Promise<readonly string[]> {
    return (await this.read(organizationId)).buckets;
  }

  async replaceAllowedBuckets(organizationId: string, buckets: readonly string[]): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      const current = await this.read(organizationId);
      const added = buckets.filter((bucket) => !current.buckets.includes(bucket));
      const removed = current.buckets.filter((bucket) => !buckets.includes(bucket));
      const owned = {
        ConditionExpression: 'attribute_not_exists(pk) OR organizationId = :organizationId',
        ExpressionAttributeValues: { ':organizationId': organizationId },
      };
      const items: TransactItems = [
        {
          Put: {
            TableName: this.tableName,
            Item: {
              ...configKey(organizationId),
              contentBuckets: [...buckets],
              version: current.version + 1,
            },
            ...(current.version === 0
              ? { ConditionExpression: 'attribute_not_exists(pk)' }
              : {
                  ConditionExpression: 'version = :version',
                  ExpressionAttributeValues: { ':version': current.version },
                }),
          },
        },
        ...added.map((bucket) => ({
          Put: { TableName: this.tableName, Item: { ...claimKey(bucket), organizationId }, ...owned },
        })),
        ...removed.map((bucket) => ({
          Delete: { TableName: this.tableName, Key: claimKey(bucket), ...owned },
        })),
      ];
      const codes = await transact(this.documents, items);
      if (!codes) return;
      const taken = added.find((_, index) => failedAt(codes, index + 1));
      if (taken !== undefined) {
        throw new InvalidParameterException(
          `ContentBuckets: ${taken} is already allowed for another organization.`,
        );
      }
      if (attempt >= MAX_ATTEMPTS) throw new Error(`Content buckets of ${organizationId} kept changing`);
    }
  }

  private async read(organizationId: string): Promise<{ buckets: readonly string[]; version: number }> {
    const { Item } = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: configKey(organizationId), ConsistentRead: true }),
    );
    return {
      buckets: (Item?.contentBuckets as string[] | undefined) ?? [],
      version: (Item?.version as number | undefined) ?? 0,
    };
  }
}
