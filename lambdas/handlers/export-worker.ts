/**
 * Mailbox export worker Lambda. Invoked asynchronously with `{ organizationId, jobId }` (by the admin API, or by
 * itself to continue a job), it runs the job from its last checkpoint and hands over to a new invocation of itself
 * about 3 minutes before its 15-minute limit, so no job must finish inside one invocation. A failed run throws:
 * Lambda retries it twice (from the checkpoint), then the event goes to the dead-letter queue and the alarm fires.
 * Invoked by its schedule, it hands every stalled RUNNING export or import job to a new invocation. Import jobs (`kind: 'import'`)
 * run the same way.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { LambdaExportWorkQueue, type ExportWorkEvent } from '../adapters/aws/lambda-export-work-queue';
import { runExportJob, type ExportRunOutcome } from '../core/export/export-worker';
import { runImportJob } from '../core/export/import-jobs';
import { resumeStalledExports, resumeStalledImports } from '../core/export/resume-stalled';
import { logger } from './observability';
import { exportWorker, importWorker, lambda } from './wiring/exports';

/** Time left when a run hands over: the longest part upload and checkpoint fit in it. */
const HAND_OVER_MS = 3 * 60 * 1000;

const lambdaHandler = async (
  event: ExportWorkEvent | ScheduledEvent,
  context: Context,
): Promise<ExportRunOutcome | number> => {
  if ('jobId' in event && event.kind === 'import') {
    const { organizationId, jobId } = event;
    const handOver = () => context.getRemainingTimeInMillis() < HAND_OVER_MS;
    const outcome = await runImportJob(importWorker, organizationId, jobId, handOver);
    if (outcome === 'CONTINUE')
      await new LambdaExportWorkQueue(lambda, context.functionName, 'import').enqueue(organizationId, jobId);
    logger.info('Mailbox import run ended', { organizationId, jobId, outcome });
    return outcome;
  }
  const self = new LambdaExportWorkQueue(lambda, context.functionName);
  if (!('jobId' in event)) {
    const imports = new LambdaExportWorkQueue(lambda, context.functionName, 'import');
    const resumed =
      (await resumeStalledExports({ jobs: exportWorker.jobs, queue: self }, Date.now())) +
      (await resumeStalledImports({ jobs: importWorker.jobs, queue: imports }, Date.now()));
    logger.info('Stalled mailbox exports and imports handed over', { resumed });
    return resumed;
  }
  const { organizationId, jobId } = event;
  const outcome = await runExportJob(
    exportWorker,
    organizationId,
    jobId,
    () => context.getRemainingTimeInMillis() < HAND_OVER_MS,
  );
  if (outcome === 'CONTINUE') await self.enqueue(organizationId, jobId);
  logger.info('Mailbox export run ended', { organizationId, jobId, outcome });
  return outcome;
};

/** The asynchronous invocations' and the schedule's target. */
export const handler = middy<ExportWorkEvent | ScheduledEvent, ExportRunOutcome | number>(lambdaHandler).use([
  injectLambdaContext(logger, { resetKeys: true }),
]);
