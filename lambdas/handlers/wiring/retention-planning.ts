/**
 * The retention planner's wiring: the sweep's dependencies with each mailbox's batch handed to the worker function
 * (named by MAILWRIGHT_RETENTION_WORKER) instead of applied in process.
 */
import { LambdaClient } from '@aws-sdk/client-lambda';
import { LambdaRetentionWorkQueue } from '../../adapters/aws/lambda-retention-work-queue';
import type { SweepDeps } from '../../core/retention/sweep';
import { ConfigurationError } from '../config';
import { retentionSweepDeps } from './retention';

/** Environment variable: the retention worker function's name. */
export const RETENTION_WORKER_ENV = 'MAILWRIGHT_RETENTION_WORKER';

const workerName = process.env[RETENTION_WORKER_ENV];
if (!workerName)
  throw new ConfigurationError(
    `Environment variable ${RETENTION_WORKER_ENV} is not set`,
    RETENTION_WORKER_ENV,
  );
const workQueue = new LambdaRetentionWorkQueue(new LambdaClient({}), workerName);

/** The sweep as the planner runs it: batches queued to the worker, counted as found. */
export const planningDeps: SweepDeps = {
  ...retentionSweepDeps,
  apply: async (batch) => {
    await workQueue.enqueue(batch);
    return batch.messageIds.length;
  },
};
