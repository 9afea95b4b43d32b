/**
 * The IMAP and SMTP submission container (ECS Fargate behind a Network Load Balancer, `lib/mail-access.ts`).
 * Primary course:
 * 1. Listen on the container ports with the certificate from the environment (the stack's TLS secret);
 * 2. every minute, write the open IMAP connections as an embedded metric (the service scales on it);
 * 3. on SIGTERM (ECS sends it once the load balancer has drained the task): stop accepting, end IMAP sessions with a
 *    BYE so that clients reconnect to another task, let submissions in progress finish, then exit.
 */
import { logger } from './observability';
import { connectionMetricLine, startMailAccessService } from './mail-access-service';
import { mailAccessDeps, mailAccessOptions } from './wiring/mail-access';

const METRIC_INTERVAL_MS = 60_000;

const service = await startMailAccessService(mailAccessDeps, await mailAccessOptions());
logger.info('Mail access listening', { ports: service.ports });

const metrics = setInterval(() => {
  process.stdout.write(`${connectionMetricLine(service.imapConnections(), Date.now())}\n`);
}, METRIC_INTERVAL_MS);

process.once('SIGTERM', () => {
  clearInterval(metrics);
  logger.info('Draining', { imapConnections: service.imapConnections() });
  service.stop().then(
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
