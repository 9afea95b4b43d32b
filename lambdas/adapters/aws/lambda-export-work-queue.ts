import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import type { ExportWorkQueue } from '../../core/export/ports';

/** What the export worker function receives. */
export interface ExportWorkEvent {
  readonly organizationId: string;
  readonly jobId: string;
  /** Which kind of job: an export (default) or an import (StartMailboxImportJob). */
  readonly kind?: 'export' | 'import';
}

/**
 * ExportWorkQueue on Lambda's asynchronous invocation queue: each job run is an `Event` invocation of the export
 * worker function, which Lambda retries twice on failure and then hands to the function's on-failure destination
 * (a dead-letter queue with an alarm; lib/mailbox-export.ts). A run that hands over enqueues the next run the same way.
 * @example
 * const queue = new LambdaExportWorkQueue(new LambdaClient({}), 'mailwright-export-worker');
 */
export class LambdaExportWorkQueue implements ExportWorkQueue {
  constructor(
    private readonly lambda: LambdaClient,
    private readonly functionName: string,
    private readonly kind: 'export' | 'import' = 'export',
  ) {}

  async enqueue(organizationId: string, jobId: string): Promise<void> {
    const event: ExportWorkEvent = { organizationId, jobId, kind: this.kind };
    await this.lambda.send(
      new InvokeCommand({
        FunctionName: this.functionName,
        InvocationType: 'Event',
        Payload: Buffer.from(JSON.stringify(event)),
      }),
    );
  }
}
