/**
 * Admin API Lambda: API Gateway REST (v1) proxy event → runtime-neutral HttpRequest → the HTTP API (WorkMail JSON
 * protocol, REST routes, Message Flow) → proxy result. SigV4 is verified inside the HTTP API.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { withCors } from '../http/cors';
import { toHttpRequest, toProxyResult } from './api-gateway-event';
import { WEB_APP_ORIGIN_STAGE_VARIABLE } from './config';
import { httpFallback } from './middleware/http-fallback';
import { flushMetrics } from './middleware/flush-metrics';
import { logger } from './observability';
import { httpApi } from './wiring/api';
import { metrics } from './wiring/shared';

const lambdaHandler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const http = withCors(event.stageVariables?.[WEB_APP_ORIGIN_STAGE_VARIABLE], await httpApi());
  return toProxyResult(await http(toHttpRequest(event)));
};

/** The API Gateway entry point. */
export const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult>(lambdaHandler).use([
  flushMetrics({ metrics }),
  injectLambdaContext(logger, { resetKeys: true, correlationIdPath: 'requestContext.requestId' }),
  httpFallback({ logger }),
]);
