import { Type } from '@sinclair/typebox';
import { OrganizationStateException } from '../../errors';
import { defineOperation } from '../../operation';
import { ApplicationArn, requireAccountKey } from './shapes';

/** WorkMailService.DeleteIdentityCenterApplication: forgets an application no organization uses (idempotent). */
export const deleteIdentityCenterApplication = defineOperation({
  name: 'DeleteIdentityCenterApplication',
  service: 'WorkMailService',
  summary:
    "Deletes a recorded Identity Center application and its issuer settings; refused while an organization's " +
    'identity provider configuration names it. Succeeds when there is no such application.',
  input: Type.Object({ ApplicationArn }),
  output: Type.Object({}),
  errors: ['AccessDeniedException', 'InvalidParameterException', 'OrganizationStateException'],
  route: { method: 'DELETE', path: '/identity-center-applications/{ApplicationArn}' },
  mutating: true,
  handle: async (input, ctx) => {
    requireAccountKey(ctx.principal, 'delete Identity Center applications');
    const outcome = await ctx.deps.identityProviders.deleteApplication(input.ApplicationArn);
    if (outcome === 'in-use')
      throw new OrganizationStateException(
        "The application is in use by an organization's identity provider configuration: delete that first.",
      );
    return {};
  },
});
