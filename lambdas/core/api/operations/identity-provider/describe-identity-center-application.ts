import { Type } from '@sinclair/typebox';
import { ResourceNotFoundException } from '../../errors';
import { defineOperation } from '../../operation';
import { Timestamp, toTimestamp } from '../../shapes';
import { ApplicationArn, InstanceArn, requireAccountKey } from './shapes';

/** MailwrightService.DescribeIdentityCenterApplication: a recorded application and its issuer (never the secret). */
export const describeIdentityCenterApplication = defineOperation({
  name: 'DescribeIdentityCenterApplication',
  service: 'MailwrightService',
  summary:
    'Returns a recorded Identity Center application: name, instance, issuer URL and client id, whether a client ' +
    'secret is set (never the secret) and how many organizations use it.',
  input: Type.Object({ ApplicationArn }),
  output: Type.Object({
    ApplicationArn,
    Name: Type.String(),
    InstanceArn,
    DateCreated: Timestamp,
    Issuer: Type.Optional(Type.String()),
    ClientId: Type.Optional(Type.String()),
    ClientSecretConfigured: Type.Boolean(),
    OrganizationCount: Type.Integer(),
  }),
  errors: ['AccessDeniedException', 'InvalidParameterException', 'ResourceNotFoundException'],
  route: { method: 'GET', path: '/identity-center-applications/{ApplicationArn}' },
  mutating: false,
  handle: async (input, ctx) => {
    requireAccountKey(ctx.principal, 'read Identity Center applications');
    const application = await ctx.deps.identityProviders.getApplication(input.ApplicationArn);
    if (!application) throw new ResourceNotFoundException('The Identity Center application was not found.');
    const { issuer } = application;
    return {
      ApplicationArn: application.applicationArn,
      Name: application.name,
      InstanceArn: application.instanceArn,
      DateCreated: toTimestamp(application.createdAt),
      ...(issuer ? { Issuer: issuer.issuer, ClientId: issuer.clientId } : {}),
      ClientSecretConfigured: issuer?.clientSecret !== undefined,
      OrganizationCount: application.organizationCount,
    };
  },
});
