import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { MailwrightFunction } from './mailwright-function';
import type { Observability } from './observability';
import type { Storage } from './storage';

/** Properties of {@link SearchIndexing}. */
export interface SearchIndexingProps {
  readonly storage: Storage;
  readonly observability: Observability;
  /** Configuration of the function (what `loadConfig()` reads). */
  readonly environment: Readonly<Record<string, string>>;
  /** @default false - no X-Ray tracing */
  readonly tracing?: boolean;
}

/**
 * The search indexer, off the delivery path: the Mailbox table's stream (keys only), filtered to new message
 * change-log entries, invokes the indexer function with batches of up to 100 records gathered for at most a second,
 * so new mail is searchable within seconds and a busy mailbox is indexed once per batch.
 *
 * Primary course: 1. A message is stored; its change-log entry enters the stream. 2. The function catches up each
 * mailbox the batch names (core/search/indexer.ts). 3. A mailbox whose run failed is retried from its first record
 * (ReportBatchItemFailures), up to 5 times, halving the batch; then the batch's description goes to the dead-letter
 * queue and the alarm fires. The mailbox's next message retries the indexing (runs resume from the indexed modseq).
 * @example
 * new SearchIndexing(this, 'SearchIndexing', { storage, observability, environment: config });
 */
export class SearchIndexing extends Construct {
  /** The indexer function. */
  readonly function: lambda.IFunction;
  /** Descriptions of stream batches that failed every attempt. */
  readonly deadLetterQueue: sqs.IQueue;

  constructor(scope: Construct, id: string, props: SearchIndexingProps) {
    super(scope, id);
    const { storage, observability } = props;

    const fn = new MailwrightFunction(this, 'Function', {
      entry: 'lambdas/handlers/search-indexer.ts',
      description: 'Mailwright search indexer: keeps each mailbox search index up to date',
      logGroup: observability.logGroup('SearchIndexerFunctionLogs'),
      // Decrypts and parses messages of up to 40 MB in memory.
      memorySizeMb: 1024,
      timeout: Duration.minutes(5),
      environment: props.environment,
      tracing: props.tracing,
    });
    storage.grantSearchIndexing(fn);
    const { queue, destination } = observability.deadLetterQueue(
      this,
      fn,
      'the search indexer',
      'Search indexing failed every retry for some mailboxes (their next message retries it; see the logs)',
    );
    this.deadLetterQueue = queue;
    // A mapping without CDK's stream grant (which would add ListStreams on * and the table key unconditioned):
    // grantSearchIndexing grants this stream only.
    const streamArn = storage.mailboxTable.tableStreamArn;
    if (!streamArn) throw new Error(`SearchIndexing '${id}': the Mailbox table has no stream.`);
    fn.addEventSourceMapping('MailboxStream', {
      eventSourceArn: streamArn,
      startingPosition: lambda.StartingPosition.LATEST,
      batchSize: 100,
      maxBatchingWindow: Duration.seconds(1),
      bisectBatchOnError: true,
      retryAttempts: 5,
      reportBatchItemFailures: true,
      onFailure: new sources.SqsDlq(destination),
      filters: [
        lambda.FilterCriteria.filter({
          eventName: lambda.FilterRule.isEqual('INSERT'),
          dynamodb: { Keys: { sk: { S: [{ prefix: 'CHG#EMAIL#' }] } } },
        }),
      ],
    });
    this.function = fn;

    observability.alarmAtLeast(
      this,
      'ErrorsAlarm',
      fn.metricErrors({ period: Duration.minutes(5) }),
      'The search indexer failed (it retries; see its logs)',
    );
    observability.alarmAtLeast(
      this,
      'IndexLagAlarm',
      fn.metric('IteratorAge', { statistic: 'Maximum', period: Duration.minutes(5) }),
      'New mail takes more than a minute to become searchable',
      60_000,
    );
  }
}
