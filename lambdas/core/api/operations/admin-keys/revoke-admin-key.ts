import { Type } from '@sinclair/typebox';
import { InvalidParameterException, ResourceNotFoundException } from '../../errors';
import { defineOperation } from '../../operation';
import { AccessKeyId, requireUnscoped } from './shapes';

/** MailwrightService.RevokeAdminKey: the key stops working at once here, elsewhere within a minute. */
export const revokeAdminKey = defineOperation({
  name: 'RevokeAdminKey',
  service: 'MailwrightService',
  summary: 'Revokes an admin access key. A key cannot revoke itself.',
  input: Type.Object({ AccessKeyId }),
  output: Type.Object({}),
  errors: ['AccessDeniedException', 'InvalidParameterException', 'ResourceNotFoundException'],
  route: { method: 'DELETE', path: '/admin-keys/{AccessKeyId}' },
  mutating: true,
  handle: async (input, ctx) => {
    requireUnscoped(ctx.principal);
    if (input.AccessKeyId === ctx.principal.accessKeyId) {
      throw new InvalidParameterException(
        'An admin key cannot revoke itself; sign the request with another key.',
      );
    }
    if (!(await ctx.deps.adminKeys.revoke(input.AccessKeyId))) {
      throw new ResourceNotFoundException(`Admin key ${input.AccessKeyId} does not exist.`);
    }
    return {};
  },
});
