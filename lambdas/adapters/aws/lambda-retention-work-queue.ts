import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import type { RetentionWorkQueue } from '../../core/retention/ports';
import type { RetireBatch } from '../../core/retention/retire';

/**
 * RetentionWorkQueue on Lambda's asynchronous invocation queue: each batch is one `Event` invocation of the
 * retention worker, which Lambda retries and, when every attempt failed, sends to the worker's dead-letter queue.
 * @example
 * const queue = new LambdaRetentionWorkQueue(new LambdaClient({}), 'mailwright-RetentionWorker');
 */
export class LambdaRetentionWorkQueue implements RetentionWorkQueue {
  constructor(
    private readonly lambda: LambdaClient,
    private readonly workerFunctionName: string,
  ) {}

  async enqueue(batch: RetireBatch): Promise<void> {
    await this.lambda.send(
      new InvokeCommand({
        FunctionName: this.workerFunctionName,
        InvocationType: 'Event',
        Payload: Buffer.from(JSON.stringify(batch)),
      }),
    );
  }
}
