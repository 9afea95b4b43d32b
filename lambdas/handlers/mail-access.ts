/**
 * The IMAP and SMTP submission container (ECS Fargate behind a Network Load Balancer, `lib/mail-access.ts`).
 * Primary course:
 * 1. Listen on the container ports with the certificate from the environment (the stack's TLS secret);
 * 2. every minute, write the open IMAP connections as an embedded metric (the service scales on it) and WorkMail's
 *    metrics recorded since the last minute (sign-ins, access denials, mail sent);
 * 3. on SIGTERM (ECS sends it once the load balancer has drained the task): stop accepting, end IMAP sessions with a
 *    BYE so that clients reconnect to another task, let submissions in progress finish, write the last metrics, then
 *    exit.
 */
import { logger } from './observability';
import { connectionMetricLine, startMailAccessService } from './mail-access-service';
import { mailAccessDeps, mailAccessOptions } from './wiring/mail-access';
import { metrics } from './wiring/shared';

const METRIC_INTERVAL_MS = 60_000;

const service = await startMailAccessService(mailAccessDeps, await mailAccessOptions());
logger.info('Mail access listening', { ports: service.ports });

const metricTimer = setInterval(() => {
  process.stdout.write(`${connectionMetricLine(service.imapConnections(), Date.now())}\n`);
  void metrics.flush();
}, METRIC_INTERVAL_MS);

process.once('SIGTERM', () => {
  clearInterval(metricTimer);
  logger.info('Draining', { imapConnections: service.imapConnections() });
  service
    .stop()
    .then(() => metrics.flush())
    .then(
      () => {
        logger.info('Stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error('Stop failed', { error: error instanceof Error ? error.name : 'unknown' });
        process.exit(1);
      },
    );
});
