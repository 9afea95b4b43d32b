import type { TObject, TSchema } from '@sinclair/typebox';
import type { Operation } from '../core/api/operation';
import { hasBody } from './rest';
import { compilePath } from './routes';

/** Options for {@link buildOpenApiDocument}. */
export interface OpenApiOptions {
  /** Server URL the document advertises. @default - none (relative to where it was fetched) */
  readonly serverUrl?: string;
  /** The document's `info.version`. @default '2017-10-01' (the WorkMail API version) */
  readonly version?: string;
}

type Json = Record<string, unknown>;

const ERROR_RESPONSES = {
  '400': { $ref: '#/components/responses/ClientError' },
  '403': { $ref: '#/components/responses/AuthError' },
  '500': { $ref: '#/components/responses/InternalFailure' },
};

/**
 * The OpenAPI 3.1 document of the admin API, generated from the catalog's schemas. Each operation appears twice:
 * in the awsJson view (`POST /` with `X-Amz-Target`, keyed `/#X-Amz-Target=<Service>.<Action>` since OpenAPI
 * keys paths by URL) and in the REST view (its route). Both are signed with SigV4.
 * @param operations - the catalog
 * @example
 * const document = buildOpenApiDocument(catalog, { serverUrl: 'http://127.0.0.1:8080' });
 */
export function buildOpenApiDocument(operations: readonly Operation[], options: OpenApiOptions = {}): Json {
  const paths: Record<string, Json> = {};
  const schemas: Record<string, unknown> = {
    Error: {
      type: 'object',
      required: ['__type', 'Message'],
      properties: { __type: { type: 'string', description: 'Exception name' }, Message: { type: 'string' } },
    },
  };
  for (const operation of operations) {
    schemas[`${operation.name}Request`] = plain(operation.input);
    schemas[`${operation.name}Response`] = plain(operation.output);
    const target = `${operation.service}.${operation.name}`;
    paths[`/#X-Amz-Target=${target}`] = { post: jsonView(operation, target) };
    const restPath = paths[operation.route.path] ?? {};
    restPath[operation.route.method.toLowerCase()] = restView(operation);
    paths[operation.route.path] = restPath;
  }
  const errorResponse = (description: string) => ({
    description,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  });
  return {
    openapi: '3.1.0',
    info: {
      title: 'Mailwright admin API',
      version: options.version ?? '2017-10-01',
      description:
        'WorkMail-compatible admin API (awsJson 1.1 via X-Amz-Target) with a REST view of the same operations.',
    },
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
    security: [{ sigv4: [] }],
    paths,
    components: {
      schemas,
      responses: {
        ClientError: errorResponse('A WorkMail exception such as InvalidParameterException'),
        AuthError: errorResponse(
          'IncompleteSignature, InvalidClientTokenId, SignatureDoesNotMatch, RequestExpired or AccessDeniedException',
        ),
        InternalFailure: errorResponse('InternalFailure, with no details'),
      },
      securitySchemes: {
        sigv4: {
          type: 'apiKey',
          name: 'Authorization',
          in: 'header',
          description:
            'AWS Signature Version 4 with an admin access key; service name workmail (or execute-api).',
          'x-amazon-apigateway-authtype': 'awsSigv4',
        },
      },
    },
  };
}

function jsonView(operation: Operation, target: string): Json {
  return {
    operationId: `${operation.service}.${operation.name}`,
    summary: operation.summary,
    tags: [operation.service],
    parameters: [
      { name: 'X-Amz-Target', in: 'header', required: true, schema: { type: 'string', const: target } },
    ],
    requestBody: {
      required: true,
      content: {
        'application/x-amz-json-1.1': { schema: { $ref: `#/components/schemas/${operation.name}Request` } },
      },
    },
    responses: { '200': success(operation, 'application/x-amz-json-1.1'), ...ERROR_RESPONSES },
    'x-mailwright-errors': [...operation.errors],
  };
}

function restView(operation: Operation): Json {
  const input = operation.input;
  const required = new Set((input.required as string[] | undefined) ?? []);
  const pathMembers = compilePath(operation.route.path).segments.flatMap((s) => (s.param ? [s.param] : []));
  const others = Object.keys(input.properties).filter((name) => !pathMembers.includes(name));
  const parameters = pathMembers.map((name) => ({
    name,
    in: 'path',
    required: true,
    schema: plain(input.properties[name]!),
  }));
  const view: Json = {
    operationId: `${operation.name}Rest`,
    summary: operation.summary,
    tags: [`${operation.service} (REST)`],
    parameters,
    responses: { '200': success(operation, 'application/json'), ...ERROR_RESPONSES },
  };
  if (hasBody(operation.route.method)) {
    const body = {
      type: 'object',
      properties: Object.fromEntries(others.map((name) => [name, plain(input.properties[name]!)])),
      ...(others.some((name) => required.has(name))
        ? { required: others.filter((name) => required.has(name)) }
        : {}),
    };
    view.requestBody = { required: true, content: { 'application/json': { schema: body } } };
  } else {
    parameters.push(
      ...others.map((name) => ({
        name,
        in: 'query',
        required: required.has(name),
        schema: plain(input.properties[name]!),
      })),
    );
  }
  return view;
}

function success(operation: Operation, contentType: string): Json {
  return {
    description: 'Success',
    content: { [contentType]: { schema: { $ref: `#/components/schemas/${operation.name}Response` } } },
  };
}

/** A schema as plain JSON (TypeBox keeps its bookkeeping under symbols, which JSON drops). */
function plain(schema: TSchema | TObject): Json {
  return JSON.parse(JSON.stringify(schema)) as Json;
}
