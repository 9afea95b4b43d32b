import { Type } from '@sinclair/typebox';
import { defineOperation } from '../../operation';
import { toTimestamp } from '../../shapes';
import {
  AccessKeyId,
  AllOrganizations,
  Description,
  OrganizationIds,
  requireUnscoped,
  scopeOf,
} from './shapes';

/** MailwrightService.CreateAdminKey: a new admin access key; its secret is returned this once only. */
export const createAdminKey = defineOperation({
  name: 'CreateAdminKey',
  service: 'MailwrightService',
  summary:
    'Creates an admin access key, optionally limited to some organizations. The secret is shown only once.',
  input: Type.Object({
    Description: Type.Optional(Description),
    OrganizationIds: Type.Optional(OrganizationIds),
    AllOrganizations: Type.Optional(AllOrganizations),
  }),
  output: Type.Object({
    AccessKeyId,
    SecretAccessKey: Type.String({ minLength: 40, maxLength: 40 }),
    AllOrganizations,
    OrganizationIds: Type.Optional(Type.Array(Type.String())),
    CreatedAt: Type.Number(),
  }),
  errors: ['AccessDeniedException', 'InvalidParameterException'],
  route: { method: 'POST', path: '/admin-keys' },
  mutating: true,
  handle: async (input, ctx) => {
    requireUnscoped(ctx.principal);
    const scope = scopeOf(input);
    const { key, secret } = await ctx.deps.adminKeys.create(scope, { description: input.Description });
    return {
      AccessKeyId: key.accessKeyId,
      SecretAccessKey: secret,
      AllOrganizations: scope === '*',
      ...(scope === '*' ? {} : { OrganizationIds: [...scope] }),
      CreatedAt: toTimestamp(key.createdAt),
    };
  },
});
