import { Type } from '@sinclair/typebox';
import { ResourceNotFoundException } from '../../errors';
import { defineOperation } from '../../operation';
import { AccessKeyId, AllOrganizations, OrganizationIds, requireUnscoped, scopeOf } from './shapes';

/** MailwrightService.UpdateAdminKeyScope: limits a key to some organizations, or opens it to all. */
export const updateAdminKeyScope = defineOperation({
  name: 'UpdateAdminKeyScope',
  service: 'MailwrightService',
  summary: 'Replaces the organizations an admin access key may act on.',
  input: Type.Object({
    AccessKeyId,
    OrganizationIds: Type.Optional(OrganizationIds),
    AllOrganizations: Type.Optional(AllOrganizations),
  }),
  output: Type.Object({}),
  errors: ['AccessDeniedException', 'InvalidParameterException', 'ResourceNotFoundException'],
  route: { method: 'PUT', path: '/admin-keys/{AccessKeyId}/scope' },
  mutating: true,
  handle: async (input, ctx) => {
    requireUnscoped(ctx.principal);
    const scope = scopeOf(input);
    if (!(await ctx.deps.adminKeys.updateScope(input.AccessKeyId, scope))) {
      throw new ResourceNotFoundException(`Admin key ${input.AccessKeyId} does not exist.`);
    }
    return {};
  },
});
