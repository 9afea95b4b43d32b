/**
 * JMAP Lambda: API Gateway REST (v1) proxy event → HttpRequest → mail app autoconfiguration (no sign-in), CalDAV /
 * CardDAV, single sign-on (`/auth/`, and `/admin/auth/` for the admin console when configured) or the JMAP front end (session, API, download) → proxy result. Users sign in
 * inside the front ends (Basic, Bearer, or the single sign-on session cookie).
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { DAV_WELL_KNOWN_PATHS } from '../http/dav/dav-api';
import { JMAP_WELL_KNOWN_PATH } from '../http/jmap/jmap-api';
import { toHttpRequest, toProxyResult } from './api-gateway-event';
import { httpFallback } from './middleware/http-fallback';
import { flushMetrics } from './middleware/flush-metrics';
import { logger } from './observability';
import { adminSignInRoute } from './wiring/admin-sign-in';
import { davRoute } from './wiring/dav';
import { accountTokensRoute, autoconfigRoute, jmapRoute, webSignInRoute } from './wiring/jmap';
import { metrics } from './wiring/shared';

const NOT_FOUND: APIGatewayProxyResult = {
  statusCode: 404,
  headers: { 'cache-control': 'no-store' },
  body: '',
};

const lambdaHandler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const request = toHttpRequest(event);
  // Autoconfiguration paths are fixed by the clients, so they are matched without the stage prefix.
  const autoconfig = await autoconfigRoute?.({ ...request, path: event.path });
  if (autoconfig) return toProxyResult(autoconfig);
  // API Gateway's own domain puts the stage before the path (`/v1/jmap/api/`); a custom domain mapped at the root
  // does not. The session URLs keep that prefix; the well-known path is matched without it.
  const stagePrefix = request.path.slice(0, request.path.length - event.path.length);
  const host = event.requestContext.domainName ?? request.headers.host;
  // CalDAV/CardDAV: the well-known paths (matched without the stage prefix) and everything under /dav/.
  const davPath = DAV_WELL_KNOWN_PATHS.includes(event.path) ? event.path : request.path;
  const auth =
    (await webSignInRoute(`https://${host}${stagePrefix}`)(request)) ??
    (await adminSignInRoute(`https://${host}${stagePrefix}`)?.(request)) ??
    (await accountTokensRoute(request));
  if (auth) return toProxyResult(auth);
  const dav = await davRoute(`https://${host}${stagePrefix}/dav`)({ ...request, path: davPath });
  if (dav) return toProxyResult(dav);
  const route = jmapRoute(`https://${host}${stagePrefix}/jmap`);
  const path = event.path === JMAP_WELL_KNOWN_PATH ? JMAP_WELL_KNOWN_PATH : request.path;
  const response = await route({ ...request, path });
  return response ? toProxyResult(response) : NOT_FOUND;
};

/** The API Gateway entry point. */
export const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult>(lambdaHandler).use([
  flushMetrics({ metrics }),
  injectLambdaContext(logger, { resetKeys: true, correlationIdPath: 'requestContext.requestId' }),
  httpFallback({ logger }),
]);
