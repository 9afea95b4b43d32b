/**
 * Mailbox purge Lambda, invoked daily by an EventBridge schedule: destroys the mailboxes of users and resources
 * deregistered more than 30 days ago. A run that could not purge everything throws, so the error alarm fires;
 * the next run retries what is left.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { purgeDeregisteredMailboxes, type PurgeMailboxesResult } from '../core/directory/purge-mailboxes';
import { logger } from './observability';
import { entities, mailboxLifecycle, organizations } from './wiring/shared';

const lambdaHandler = async (): Promise<PurgeMailboxesResult> => {
  const result = await purgeDeregisteredMailboxes(
    { organizations, entities, mailboxes: mailboxLifecycle },
    { now: new Date() },
  );
  logger.info('Mailbox purge finished', { ...result });
  return result;
};

/** The schedule's target. */
export const handler = middy<ScheduledEvent, PurgeMailboxesResult>(lambdaHandler).use([
  injectLambdaContext(logger, { resetKeys: true }),
]);
