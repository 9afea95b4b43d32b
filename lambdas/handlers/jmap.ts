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
import { publicBaseUrl, toHttpRequest, toProxyResult } from './api-gateway-event';
import { httpFallback } from './middleware/http-fallback';
import { flushMetrics } from './middleware/flush-metrics';
import { logger } from './observability';
import { adminSignInRoute } from './wiring/admin-sign-in';
import { davRoute } from './wiring/dav';
import {
  accountTokensRoute,
  autoconfigRoute,
  cloudFrontOriginSecret,
  jmapRoute,
  webSignInRoute,
} from './wiring/jmap';
import { metrics } from './wiring/shared';

const NOT_FOUND: APIGatewayProxyResult = {
  statusCode: 404,
  headers: { 'cache-control': 'no-store' },
  body: '',
};

const lambdaHandler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  // Through the web app's CloudFront distribution the client is the viewer CloudFront names (docs/security.md).
  const trust = { cloudFrontSecret: await cloudFrontOriginSecret() };
  const request = toHttpRequest(event, trust);
  // Autoconfiguration paths are fixed by the clients, so they are matched without the stage prefix.
  const autoconfig = await autoconfigRoute?.({ ...request, path: event.path });
  if (autoconfig) return toProxyResult(autoconfig);
  // Session URLs and sign-in redirects start with the URL the client used; the well-known path is matched without
  // the stage prefix.
  const base = publicBaseUrl(event, trust);
  // CalDAV/CardDAV: the well-known paths (matched without the stage prefix) and everything under /dav/.
  const davPath = DAV_WELL_KNOWN_PATHS.includes(event.path) ? event.path : request.path;
  // /account/tokens is matched without the stage prefix, as the web app calls it on either domain.
  const auth =
    (await webSignInRoute(base)(request)) ??
    (await adminSignInRoute(base)?.(request)) ??
    (await accountTokensRoute({ ...request, path: event.path }));
  if (auth) return toProxyResult(auth);
  const dav = await davRoute(`${base}/dav`)({ ...request, path: davPath });
  if (dav) return toProxyResult(dav);
  const route = jmapRoute(`${base}/jmap`);
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
