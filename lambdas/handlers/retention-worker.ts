/**
 * Retention worker Lambda, invoked asynchronously by the planner with one mailbox's batch of expired messages:
 * applies it through the mailbox model (retireBatch). A failure throws, so Lambda retries the event and, after its
 * last attempt, puts it in the dead-letter queue (alarmed); retries skip what an earlier attempt did.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { retireBatch, type RetireBatch } from '../core/retention/retire';
import { logger } from './observability';
import { retentionSweepDeps } from './wiring/retention';

const lambdaHandler = async (batch: RetireBatch): Promise<{ changed: number }> => {
  const changed = await retireBatch(retentionSweepDeps.model, batch);
  logger.info('Retention batch applied', {
    organizationId: batch.organizationId,
    mailboxId: batch.mailboxId,
    folder: batch.folder,
    action: batch.action,
    found: batch.messageIds.length,
    changed,
  });
  return { changed };
};

/** The planner's asynchronous invocations. */
export const handler = middy<RetireBatch, { changed: number }>(lambdaHandler).use([
  injectLambdaContext(logger, { resetKeys: true }),
]);
