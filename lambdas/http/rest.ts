import type { TObject, TSchema } from '@sinclair/typebox';
import { dispatch } from '../core/api/dispatch';
import type { Operation, OperationContext } from '../core/api/operation';
import { decodeBody } from './json-protocol';
import { jsonResponse } from './responses';
import { compilePath, type CompiledPath } from './routes';
import type { HttpRequest, HttpResponse } from './types';

/** An operation's REST route, compiled for matching. */
export interface RestRoute {
  readonly method: string;
  readonly compiled: CompiledPath;
  readonly operation: Operation;
  readonly pathMembers: readonly string[];
}

/**
 * Compiles every operation's `route` once. Two operations on the same method and path are a catalog defect.
 * @example
 * const routes = compileRestRoutes(catalog);
 */
export function compileRestRoutes(operations: readonly Operation[]): RestRoute[] {
  const seen = new Set<string>();
  return operations.map((operation) => {
    const { method, path } = operation.route;
    const compiled = compilePath(path);
    const shape = `${method} /${compiled.segments.map((s) => s.literal ?? '{}').join('/')}`;
    if (seen.has(shape))
      throw new Error(`Two operations share the REST route ${method} ${path} (${operation.name})`);
    seen.add(shape);
    const pathMembers = compiled.segments.flatMap((segment) => (segment.param ? [segment.param] : []));
    for (const member of pathMembers) {
      if (!(member in operation.input.properties)) {
        throw new Error(`${operation.name}: route ${path} names {${member}}, which is not an input member`);
      }
    }
    return { method, compiled, operation, pathMembers };
  });
}

/** True for methods whose members travel in the JSON body rather than the query string. */
export function hasBody(method: string): boolean {
  return method === 'POST' || method === 'PUT' || method === 'PATCH';
}

/**
 * Serves one REST call: members from the path, then from the JSON body (POST/PUT/PATCH) or the query string
 * (GET/DELETE, converted to the schema's types), then the same dispatch as the JSON protocol.
 * @param route - the matched route
 * @param params - decoded path parameters
 * @example
 * const response = await handleRest(request, route, { OrganizationId: 'm-…' }, ctx);
 */
export async function handleRest(
  request: HttpRequest,
  route: RestRoute,
  params: Readonly<Record<string, string>>,
  ctx: OperationContext,
): Promise<HttpResponse> {
  const members = hasBody(route.method)
    ? decodeBody(request.body)
    : fromQuery(route.operation.input, request.query);
  const input: Record<string, unknown> = { ...members };
  for (const member of route.pathMembers)
    input[member] = coerce(route.operation.input.properties[member]!, params[member]!);
  const output = await dispatch(route.operation, input, ctx);
  return jsonResponse(200, output ?? {}, ctx.requestId, 'application/json');
}

function fromQuery(schema: TObject, query: Readonly<Record<string, string>>): Record<string, unknown> {
  const members: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(query)) {
    const property = Object.hasOwn(schema.properties, name) ? schema.properties[name] : undefined;
    members[name] = property ? coerce(property, value) : value;
  }
  return members;
}

/** Converts a query or path string to the schema's type; a value that does not convert is left for validation. */
export function coerce(schema: TSchema, value: string): unknown {
  switch (schema.type) {
    case 'integer':
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
    case 'boolean':
      return value === 'true' ? true : value === 'false' ? false : value;
    case 'array':
      return value === '' ? [] : value.split(',').map((item) => coerce(schema.items as TSchema, item));
    case 'object':
      return parseJson(value);
    default:
      return value;
  }
}

function parseJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
