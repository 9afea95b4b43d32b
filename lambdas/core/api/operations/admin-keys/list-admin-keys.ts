import { Type } from '@sinclair/typebox';
import { defineOperation } from '../../operation';
import { listPage } from '../../pagination';
import { MaxResults, NextToken } from '../../shapes';
import { AdminKeySummary, requireUnscoped, toSummary } from './shapes';

/** MailwrightService.ListAdminKeys: every admin key with its scope and state, never a secret. */
export const listAdminKeys = defineOperation({
  name: 'ListAdminKeys',
  service: 'MailwrightService',
  summary: 'Lists admin access keys (revoked ones included) with their scope; secrets are never returned.',
  input: Type.Object({ MaxResults: Type.Optional(MaxResults), NextToken: Type.Optional(NextToken) }),
  output: Type.Object({ AdminKeys: Type.Array(AdminKeySummary), NextToken: Type.Optional(NextToken) }),
  errors: ['AccessDeniedException', 'InvalidParameterException'],
  route: { method: 'GET', path: '/admin-keys' },
  mutating: false,
  handle: async (input, ctx) => {
    requireUnscoped(ctx.principal);
    const page = await listPage(ctx.deps.pageTokens, 'ListAdminKeys', input, (request) =>
      ctx.deps.adminKeys.list(request),
    );
    return { AdminKeys: page.items.map(toSummary), ...(page.NextToken ? { NextToken: page.NextToken } : {}) };
  },
});
