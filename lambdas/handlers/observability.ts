import { Logger } from '@aws-lambda-powertools/logger';

/**
 * The one Powertools logger of a Lambda, created at cold start. Service name and level come from
 * `POWERTOOLS_SERVICE_NAME` / `POWERTOOLS_LOG_LEVEL`, which the CDK stack sets.
 * @example
 * logger.info('delivered', { organizationId, recipients: 3 });
 */
export const logger = new Logger({ serviceName: 'mailwright' });
