import { randomUUID } from 'node:crypto';
import { catalog } from '../core/api/catalog';
import type { ApiDeps } from '../core/api/deps';
import { ServiceException } from '../core/api/errors';
import type { Operation, Principal } from '../core/api/operation';
import { handleJsonProtocol, isJsonProtocolRequest } from './json-protocol';
import { buildOpenApiDocument } from './openapi';
import { consoleLogger, errorResponse, type HttpLogger } from './responses';
import { compileRestRoutes, handleRest } from './rest';
import { compilePath, findRoute, type HttpRoute } from './routes';
import { verifySigV4 } from './sigv4';
import type { HttpHandler, HttpRequest, HttpResponse } from './types';

/** Options for {@link createHttpApi}. */
export interface HttpApiOptions {
  /** Routes mounted beside the admin API (Message Flow, JMAP). They win over REST routes on the same path. */
  readonly routes?: readonly HttpRoute[];
  /** A prefix stripped before REST and mounted routes are matched, e.g. `/prod`. @default - none */
  readonly basePath?: string;
  /** Where hidden failures are logged. @default - JSON lines on stderr */
  readonly logger?: HttpLogger;
  /** The operations served. @default - the whole catalog */
  readonly operations?: readonly Operation[];
  /** The `servers` entry of /openapi.json. @default - none */
  readonly publicUrl?: string;
}

/**
 * The HTTP API of Mailwright, runtime neutral (the Lambda handler and the local node:http server both call it):
 * `GET /openapi.json` (unauthenticated), the awsJson protocol (`POST` with `X-Amz-Target`, any path), mounted
 * routes, then the REST routes of the catalog. Everything else is SigV4-authenticated against the admin keys,
 * and every error goes through the one mapping in responses.ts.
 * @param deps - the API's ports, built by a runtime's wiring
 * @example
 * const api = createHttpApi(deps, { routes: [getRawMessageRoute, putRawMessageRoute] });
 * const response = await api(request);
 */
export function createHttpApi(deps: ApiDeps, options: HttpApiOptions = {}): HttpHandler {
  const logger = options.logger ?? consoleLogger;
  const operations = options.operations ?? catalog;
  const restRoutes = compileRestRoutes(operations);
  const byTarget = new Map(
    operations.map((operation) => [`${operation.service}.${operation.name}`, operation]),
  );
  const find = (service: string, name: string) => byTarget.get(`${service}.${name}`);
  const mounted = (options.routes ?? []).map((route) => ({ ...route, compiled: compilePath(route.path) }));
  const openApi = JSON.stringify(buildOpenApiDocument(operations, { serverUrl: options.publicUrl }));
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');

  const authenticate = (request: HttpRequest, signingNames?: readonly string[]): Promise<Principal> =>
    verifySigV4(request, deps.adminKeys, { clock: deps.clock, signingNames });

  const serve = async (request: HttpRequest, requestId: string): Promise<HttpResponse> => {
    const method = request.method.toUpperCase();
    const path =
      basePath && request.path.startsWith(`${basePath}/`)
        ? request.path.slice(basePath.length)
        : request.path;
    if (method === 'GET' && path === '/openapi.json') {
      return {
        statusCode: 200,
        headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId },
        body: openApi,
      };
    }
    const context = (principal: Principal) => ({ deps, principal, requestId, sourceIp: request.sourceIp });
    if (isJsonProtocolRequest(request)) {
      return handleJsonProtocol(request, context(await authenticate(request)), find);
    }
    const custom = findRoute(mounted, method, path);
    if (custom.route) {
      const route = custom.route;
      const principal = route.auth === 'sigv4' ? await authenticate(request, route.signingNames) : undefined;
      const response = await route.handle(request, { requestId, params: custom.params ?? {}, principal });
      return { ...response, headers: { 'x-amzn-requestid': requestId, ...response.headers } };
    }
    const rest = findRoute(restRoutes, method, path);
    if (rest.route)
      return handleRest(request, rest.route, rest.params ?? {}, context(await authenticate(request)));
    if (custom.pathMatched || rest.pathMatched) {
      throw new ServiceException('MethodNotAllowedException', `${method} is not allowed on ${path}.`, {
        statusCode: 405,
      });
    }
    throw new ServiceException('UnknownOperationException', `No operation is served at ${method} ${path}.`, {
      statusCode: 404,
    });
  };

  return async (request) => {
    const requestId = randomUUID();
    try {
      return await serve(request, requestId);
    } catch (error) {
      return errorResponse(error, requestId, logger);
    }
  };
}
