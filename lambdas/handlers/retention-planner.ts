/**
 * Retention planner Lambda, invoked hourly by an EventBridge schedule: for every organization that has or had a
 * policy, queries the age index for expired messages and hands each mailbox's batch to the worker (an
 * asynchronous invocation). It stops starting pages after {@link PLANNING_MS}; the next hour's run continues
 * (what is done is no longer found), so no run needs longer than its timeout.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { sweepAll, type OrganizationSweep } from '../core/retention/sweep';
import { logger } from './observability';
import { planningDeps } from './wiring/retention-planning';

/** How long one run plans (its timeout is 15 minutes). */
export const PLANNING_MS = 10 * 60 * 1000;

const lambdaHandler = async (): Promise<{ organizations: number; complete: boolean }> => {
  const results: OrganizationSweep[] = await sweepAll(
    planningDeps,
    { until: Date.now() + PLANNING_MS },
    (result) =>
      logger.info('Retention planned', { organizationId: result.organizationId, counts: result.counts }),
  );
  const complete = results.every((result) => result.complete);
  if (!complete) logger.warn('Retention planning stopped at its time bound; the next run continues');
  return { organizations: results.length, complete };
};

/** The schedule's target. */
export const handler = middy<ScheduledEvent, { organizations: number; complete: boolean }>(lambdaHandler).use(
  [injectLambdaContext(logger, { resetKeys: true })],
);
