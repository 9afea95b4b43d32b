import { Type } from '@sinclair/typebox';
import { withClientToken } from '../../../directory/client-tokens';
import { newApplicationArn } from '../../../sso/applications';
import { defineOperation } from '../../operation';
import { ClientToken, pattern } from '../../shapes';
import { ApplicationArn, InstanceArn, requireAccountKey } from './shapes';

/**
 * WorkMailService.CreateIdentityCenterApplication: records the WorkMail application of an IAM Identity Center
 * instance. Mailwright cannot create it inside Identity Center: the application is recorded here, and the OpenID
 * Connect issuer it signs users in through is set with PutIdentityCenterApplicationIssuer (docs/single-sign-on.md).
 */
export const createIdentityCenterApplication = defineOperation({
  name: 'CreateIdentityCenterApplication',
  service: 'WorkMailService',
  summary: 'Records an Identity Center application (account-wide) and returns its ARN.',
  input: Type.Object({
    Name: pattern('[\\w+=,.@-]+', { maxLength: 255 }),
    InstanceArn,
    ClientToken: Type.Optional(ClientToken),
  }),
  output: Type.Object({ ApplicationArn }),
  errors: ['AccessDeniedException', 'InvalidParameterException'],
  route: { method: 'POST', path: '/identity-center-applications' },
  mutating: true,
  handle: async (input, ctx) => {
    requireAccountKey(ctx.principal, 'create Identity Center applications');
    return withClientToken(ctx.deps, 'CreateIdentityCenterApplication', input, async () => {
      const applicationArn = newApplicationArn(input.InstanceArn, ctx.deps.settings.accountId);
      const created = await ctx.deps.identityProviders.createApplication({
        applicationArn,
        name: input.Name,
        instanceArn: input.InstanceArn,
        createdAt: ctx.deps.clock().getTime(),
        organizationCount: 0,
      });
      if (!created) throw new Error('A new Identity Center application ARN was already taken');
      return { ApplicationArn: applicationArn };
    });
  },
});
