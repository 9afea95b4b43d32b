import type { Principal } from '../core/api/operation';
import type { HttpRequest, HttpResponse } from './types';

/** How a mounted route is authenticated: SigV4 with an admin key, or not at all (e.g. /openapi.json). */
export type RouteAuth = 'sigv4' | 'none';

/** What the router hands a mounted route besides the request. */
export interface RouteContext {
  readonly requestId: string;
  /** Path parameters, percent-decoded, named as in the route's `{name}` placeholders. */
  readonly params: Readonly<Record<string, string>>;
  /** The verified caller; absent on routes with `auth: 'none'`. */
  readonly principal?: Principal;
}

/**
 * A route mounted on the HTTP API beside the admin API: the Message Flow API (`GET/POST /messages/{messageId}`),
 * JMAP later. Errors it throws go through the API's one error mapping (ServiceException → AWS error shape).
 * @example
 * const getRawMessage: HttpRoute = { method: 'GET', path: '/messages/{messageId}', auth: 'sigv4',
 *   signingNames: ['workmailmessageflow'], handle: async (request, ctx) => ({ statusCode: 200, headers: {}, body }) };
 */
export interface HttpRoute {
  readonly method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** A path template below the base path, e.g. `/messages/{messageId}`. */
  readonly path: string;
  readonly auth: RouteAuth;
  /** SigV4 service names accepted. @default - `workmail` and `execute-api` */
  readonly signingNames?: readonly string[];
  handle(request: HttpRequest, ctx: RouteContext): Promise<HttpResponse>;
}

/** A path template split once, for matching. */
export interface CompiledPath {
  readonly segments: readonly { readonly literal?: string; readonly param?: string }[];
  /** Literal segments count: the more, the more specific (`/users/search` beats `/users/{UserId}`). */
  readonly specificity: number;
}

/** Splits a template such as `/organizations/{OrganizationId}/users` into segments. */
export function compilePath(template: string): CompiledPath {
  const segments = template
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      const param = /^\{([A-Za-z0-9_]+)\}$/.exec(segment)?.[1];
      return param ? { param } : { literal: segment };
    });
  return { segments, specificity: segments.filter((segment) => segment.literal !== undefined).length };
}

/** The decoded parameters when `path` (percent-encoded, as sent) matches `compiled`, otherwise undefined. */
export function matchPath(compiled: CompiledPath, path: string): Record<string, string> | undefined {
  const parts = path.split('/').filter(Boolean);
  if (parts.length !== compiled.segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, segment] of compiled.segments.entries()) {
    const decoded = safeDecode(parts[index]!);
    if (decoded === undefined) return undefined;
    if (segment.param) params[segment.param] = decoded;
    else if (segment.literal !== decoded) return undefined;
  }
  return params;
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** Finds the most specific route for a method and path; `pathMatched` tells a 405 from a 404. */
export function findRoute<R extends { readonly method: string; readonly compiled: CompiledPath }>(
  routes: readonly R[],
  method: string,
  path: string,
): { route?: R; params?: Record<string, string>; pathMatched: boolean } {
  let best: { route: R; params: Record<string, string> } | undefined;
  let pathMatched = false;
  for (const route of routes) {
    const params = matchPath(route.compiled, path);
    if (!params) continue;
    pathMatched = true;
    if (route.method !== method) continue;
    if (!best || route.compiled.specificity > best.route.compiled.specificity) best = { route, params };
  }
  return { ...best, pathMatched };
}
