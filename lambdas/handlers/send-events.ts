/**
 * SES sending events Lambda, subscribed to the configuration set's SNS topic (`lib/send-events.ts`): a bounce or a
 * long delay of a message a user sent becomes a report in their Inbox; a complaint is logged for the admin. A thrown
 * error (the directory or the mailbox store failed) makes Lambda retry the event, then send it to the DLQ.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SNSEvent } from 'aws-lambda';
import { processSendEventNotifications, type SendEventOutcome } from '../core/send-events';
import { flushMetrics } from './middleware/flush-metrics';
import { logger } from './observability';
import { sendEventsWiring } from './wiring/send-events';
import { config, documents, entities, mailboxes, metrics } from './wiring/shared';

const deps = sendEventsWiring({
  entities,
  mailboxes,
  quotas: config.quotas,
  reportingMta: config.reportingMta,
  documents,
  directoryTable: config.directoryTable,
  metrics,
  logger: {
    info: (message, attributes) => logger.info(message, { ...attributes }),
    warn: (message, attributes) => logger.warn(message, { ...attributes }),
    error: (message, attributes) => logger.error(message, { ...attributes }),
  },
});

const lambdaHandler = (event: SNSEvent): Promise<SendEventOutcome[]> =>
  processSendEventNotifications(deps, event);

/** The SNS topic's subscriber. */
export const handler = middy<SNSEvent, SendEventOutcome[]>(lambdaHandler).use([
  flushMetrics({ metrics }),
  injectLambdaContext(logger, { resetKeys: true, correlationIdPath: 'Records[0].Sns.MessageId' }),
]);
