/**
 * Journal delivery Lambda, invoked every minute by an EventBridge schedule: sends the journal records that are due
 * to their journaling addresses, and a failure report for those refused for 12 hours. A record that fails stays in
 * the outbox for its next attempt; a run that throws goes to the dead-letter queue after Lambda's retries, and the
 * next run picks up what is left.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import type { JournalDeliveryRun } from '../core/journaling/deliver-records';
import { logger } from './observability';
import { journaling, journalMailSender } from './wiring/journal-delivery';

const lambdaHandler = async (): Promise<JournalDeliveryRun> => {
  const run = await journaling.deliverDue(journalMailSender, Date.now());
  logger.info('Journal delivery finished', { ...run });
  return run;
};

/** The schedule's target. */
export const handler = middy<ScheduledEvent, JournalDeliveryRun>(lambdaHandler).use([
  injectLambdaContext(logger, { resetKeys: true }),
]);
