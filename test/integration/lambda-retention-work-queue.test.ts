import type { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { LambdaRetentionWorkQueue } from '../../lambdas/adapters/aws/lambda-retention-work-queue';

describe('LambdaRetentionWorkQueue', () => {
  it('hands each batch to the worker as one asynchronous invocation carrying the batch', async () => {
    const sent: InvokeCommand[] = [];
    const client = {
      send: async (command: InvokeCommand) => void sent.push(command),
    } as unknown as LambdaClient;
    const batch = {
      organizationId: 'm-1',
      mailboxId: 'S-1',
      folder: 'INBOX',
      action: 'DELETE' as const,
      agedBefore: 1,
      messageIds: ['a', 'b'],
    };

    await new LambdaRetentionWorkQueue(client, 'retention-worker').enqueue(batch);

    expect(sent).toHaveLength(1);
    expect(sent[0]?.input).toMatchObject({ FunctionName: 'retention-worker', InvocationType: 'Event' });
    expect(JSON.parse(Buffer.from(sent[0]?.input.Payload as Uint8Array).toString())).toEqual(batch);
  });
});
