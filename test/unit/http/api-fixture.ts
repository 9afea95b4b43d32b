import { Type } from '@sinclair/typebox';
import type { ApiDeps } from '../../../lambdas/core/api/deps';
import { EntityNotFoundException } from '../../../lambdas/core/api/errors';
import { defineOperation, type Operation } from '../../../lambdas/core/api/operation';
import { OrganizationId } from '../../../lambdas/core/api/shapes';
import type { ResolvedAdminKey } from '../../../lambdas/core/auth/types';
import type { HttpLogger } from '../../../lambdas/http/responses';
import { createHttpApi } from '../../../lambdas/http/router';
import type { HttpRoute } from '../../../lambdas/http/routes';
import { signRequest } from './signing';
import { MemoryAdminAuditLog } from '../../support/memory-admin-audit-log';

/** The organization the scoped key may use. */
export const ORG = 'm-0000000000000000000000000000000a';
/** An unscoped key. */
export const KEY: ResolvedAdminKey = {
  accessKeyId: 'AKMWTESTKEY000000001',
  secret: 's'.repeat(40),
  organizations: '*',
};
/** A key scoped to {@link ORG}. */
export const SCOPED: ResolvedAdminKey = {
  accessKeyId: 'AKMWTESTKEY000000002',
  secret: 't'.repeat(40),
  organizations: [ORG],
};

const echo = defineOperation({
  name: 'EchoUser',
  service: 'WorkMailService',
  summary: 'Echoes its input.',
  input: Type.Object({
    OrganizationId,
    UserId: Type.String(),
    MaxResults: Type.Optional(Type.Integer({ minimum: 1 })),
    Flag: Type.Optional(Type.Boolean()),
  }),
  output: Type.Object({}, { additionalProperties: true }),
  errors: [],
  route: { method: 'GET', path: '/organizations/{OrganizationId}/users/{UserId}' },
  mutating: false,
  handle: async (input) => input,
});
const nothing = defineOperation({
  name: 'DoNothing',
  service: 'MailwrightService',
  summary: 'Returns no output.',
  input: Type.Object({ Name: Type.Optional(Type.String()) }),
  output: Type.Object({}),
  errors: [],
  route: { method: 'POST', path: '/nothing' },
  mutating: true,
  handle: async () => undefined as never,
});
const missing = defineOperation({
  ...nothing,
  name: 'FindNobody',
  route: { method: 'POST', path: '/nobody' },
  handle: async () => {
    throw new EntityNotFoundException();
  },
});
const broken = defineOperation({
  ...nothing,
  name: 'Explode',
  route: { method: 'POST', path: '/explode' },
  handle: async () => {
    throw new Error('table mailwright-directory is on fire at arn:aws:dynamodb:secret');
  },
});

/** Four fake operations: echo, no output, a WorkMail exception and an unknown error. */
export const operations = [echo, nothing, missing, broken] as unknown as Operation[];

/** An HTTP API over the fake operations with a mounted Message Flow-like route, under base path `/prod`. */
export function createTestApi() {
  const logged: Array<Record<string, unknown>> = [];
  const logger: HttpLogger = { error: (_message, fields) => logged.push({ ...fields }) };
  const messages: HttpRoute = {
    method: 'GET',
    path: '/messages/{messageId}',
    auth: 'sigv4',
    signingNames: ['workmailmessageflow'],
    handle: async (_request, ctx) => ({
      statusCode: 200,
      headers: { 'content-type': 'message/rfc822' },
      body: `id=${ctx.params.messageId} by ${ctx.principal?.accessKeyId}`,
    }),
  };
  const deps = {
    adminKeys: { resolve: async (id: string) => [KEY, SCOPED].find((key) => key.accessKeyId === id) },
    clock: () => new Date(),
    adminAudit: new MemoryAdminAuditLog(),
  } as unknown as ApiDeps;
  const api = createHttpApi(deps, { operations, logger, routes: [messages], basePath: '/prod' });

  const call = (target: string, body: string, key = KEY, path = '/') =>
    signRequest({
      accessKeyId: key.accessKeyId,
      secret: key.secret,
      body,
      path,
      headers: { 'x-amz-target': target },
    }).then(api);
  const json = (body: Buffer | string) => JSON.parse(body.toString());
  return { api, logged, call, json };
}
