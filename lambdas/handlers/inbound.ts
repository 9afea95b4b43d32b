/**
 * Inbound mail Lambda, invoked by the SES receipt rule's Lambda action after its S3 action stored the raw message.
 * A thrown error (a recipient not yet settled) makes Lambda retry the event, then send it to the DLQ.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SESEvent } from 'aws-lambda';
import { processInboundEvent, type InboundResult } from '../core/delivery';
import { flushMetrics } from './middleware/flush-metrics';
import { logger } from './observability';
import { inboundDeps, inboundReady } from './wiring/inbound';
import { metrics } from './wiring/shared';

const lambdaHandler = async (event: SESEvent): Promise<InboundResult[]> => {
  await inboundReady();
  return processInboundEvent(event, inboundDeps);
};

/** The SES receipt rule's Lambda action target. */
export const handler = middy<SESEvent, InboundResult[]>(lambdaHandler).use([
  flushMetrics({ metrics }),
  injectLambdaContext(logger, { resetKeys: true, correlationIdPath: 'Records[0].ses.mail.messageId' }),
]);
