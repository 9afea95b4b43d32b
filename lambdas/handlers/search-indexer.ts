/**
 * Search indexer Lambda, fed by the Mailbox table's stream (keys only, filtered to new message change-log entries):
 * indexes the new mail of each mailbox the batch names, off the delivery path (core/search/indexer.ts).
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { DynamoDbMailboxStore } from '../adapters/aws/dynamodb-mailbox-store';
import { DynamoDbSearchIndex } from '../adapters/aws/dynamodb-search-index';
import { MailboxService } from '../core/mailbox/service';
import { SearchIndexer } from '../core/search';
import { logger } from './observability';
import { indexChangedMailboxes } from './search-indexing';
import { config, documents, mailboxServiceDeps } from './wiring/shared';

const store = new DynamoDbMailboxStore(documents, {
  mailboxTable: config.mailboxTable,
  keyTable: config.keyTable,
});
const indexer = new SearchIndexer({
  index: new DynamoDbSearchIndex(documents, config.mailboxTable),
  model: store,
  mailboxes: new MailboxService({ ...mailboxServiceDeps, store }),
});

const lambdaHandler = (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> =>
  indexChangedMailboxes(
    event.Records,
    (organizationId, mailboxId) => indexer.catchUp(organizationId, mailboxId),
    // The error of a store or a key, never message content.
    (error) => logger.error('Search indexing failed', { error: error.message }),
  );

/** The stream's target (with ReportBatchItemFailures). */
export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>(lambdaHandler).use([
  injectLambdaContext(logger, { resetKeys: true }),
]);
