import type { DynamoDBRecord } from 'aws-lambda';
import { indexChangedMailboxes } from '../../../lambdas/handlers/search-indexing';

const record = (pk: string, sk: string, sequence: string, eventName = 'INSERT'): DynamoDBRecord =>
  ({
    eventName,
    dynamodb: { Keys: { pk: { S: pk }, sk: { S: sk } }, SequenceNumber: sequence },
  }) as DynamoDBRecord;

describe('indexChangedMailboxes', () => {
  it('catches up each mailbox with new message entries once, ignoring other records', async () => {
    const runs: string[] = [];

    const response = await indexChangedMailboxes(
      [
        record('MBX#m-1#S-1', 'CHG#EMAIL#000000000000001#a', '1'),
        record('MBX#m-1#S-1', 'CHG#EMAIL#000000000000002#b', '2'),
        record('MBX#m-1#S-2', 'CHG#FOLDER#000000000000001#INBOX', '3'),
        record('MBX#m-1#S-3', 'CHG#EMAIL#000000000000001#c', '4', 'REMOVE'),
        record('INBOUND#x', 'CHG#EMAIL#1#x', '5'),
        record('MBX#m-2#S-9', 'CHG#EMAIL#000000000000009#d', '6'),
      ],
      async (organizationId, mailboxId) => {
        runs.push(`${organizationId}/${mailboxId}`);
      },
      () => {},
    );

    expect(runs).toEqual(['m-1/S-1', 'm-2/S-9']);
    expect(response).toEqual({ batchItemFailures: [] });
  });

  it("reports a failed mailbox's first record so that the batch is retried from there", async () => {
    const errors: string[] = [];

    const response = await indexChangedMailboxes(
      [
        record('MBX#m-1#S-1', 'CHG#EMAIL#000000000000001#a', '10'),
        record('MBX#m-1#S-2', 'CHG#EMAIL#000000000000001#b', '11'),
        record('MBX#m-1#S-2', 'CHG#EMAIL#000000000000002#c', '12'),
      ],
      async (_, mailboxId) => {
        if (mailboxId === 'S-2') throw new Error('throttled');
      },
      (error) => errors.push(error.message),
    );

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: '11' }] });
    expect(errors).toEqual(['throttled']);
  });
});
