import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * The jobs listed as RUNNING under one gsi1 partition (`<organizationId>#<jobId>` sort keys), a page at a time: what
 * the export and import job stores hand to the workers that resume stalled jobs.
 * @example
 * for await (const { organizationId, jobId } of runningJobs(documents, table, 'EXPORTJOBS#RUNNING')) resume(…);
 */
export async function* runningJobs(
  documents: DynamoDBDocumentClient,
  tableName: string,
  partition: string,
): AsyncIterable<{ organizationId: string; jobId: string }> {
  let cursor: Record<string, unknown> | undefined;
  do {
    const { Items = [], LastEvaluatedKey } = await documents.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': partition },
        ProjectionExpression: 'gsi1sk',
        ExclusiveStartKey: cursor,
      }),
    );
    for (const item of Items) {
      const [organizationId = '', jobId = ''] = (item.gsi1sk as string).split('#');
      yield { organizationId, jobId };
    }
    cursor = LastEvaluatedKey;
  } while (cursor);
}
