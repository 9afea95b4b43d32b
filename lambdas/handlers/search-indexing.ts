import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';

/**
 * What the search indexer function does with a batch of Mailbox-table stream records (keys only): each new
 * change-log entry of a message (`CHG#EMAIL#…`) names a mailbox with something to index; every such mailbox is
 * caught up once per batch, however many of its records the batch holds. A mailbox whose run failed reports its
 * first record, so Lambda retries the batch from there (runs are idempotent: nothing is indexed twice).
 * @example
 * return indexChangedMailboxes(event.Records, (org, mailbox) => indexer.catchUp(org, mailbox));
 */
export async function indexChangedMailboxes(
  records: readonly DynamoDBRecord[],
  catchUp: (organizationId: string, mailboxId: string) => Promise<unknown>,
  onError: (error: Error) => void,
): Promise<DynamoDBBatchResponse> {
  const firstRecord = new Map<string, string>();
  for (const record of records) {
    const partition = record.dynamodb?.Keys?.pk?.S;
    const sortKey = record.dynamodb?.Keys?.sk?.S;
    const sequence = record.dynamodb?.SequenceNumber;
    if (!partition || !sortKey?.startsWith('CHG#EMAIL#') || !sequence || record.eventName !== 'INSERT')
      continue;
    if (!firstRecord.has(partition)) firstRecord.set(partition, sequence);
  }
  const failures: { itemIdentifier: string }[] = [];
  for (const [partition, sequence] of firstRecord) {
    const [prefix, organizationId, mailboxId, ...rest] = partition.split('#');
    if (prefix !== 'MBX' || !organizationId || !mailboxId || rest.length > 0) continue;
    try {
      await catchUp(organizationId, mailboxId);
    } catch (error) {
      onError(error instanceof Error ? error : new Error(String(error)));
      failures.push({ itemIdentifier: sequence });
    }
  }
  return { batchItemFailures: failures };
}
