import { Type } from '@sinclair/typebox';
import { requireOrganization } from '../../../directory/guards';
import { ResourceNotFoundException } from '../../errors';
import { defineOperation } from '../../operation';
import { OrganizationId } from '../../shapes';
import { AuthenticationMode, IdentityCenterConfiguration, PersonalAccessTokenConfiguration } from './shapes';

/** WorkMailService.DescribeIdentityProviderConfiguration: the organization's configuration, as it was put. */
export const describeIdentityProviderConfiguration = defineOperation({
  name: 'DescribeIdentityProviderConfiguration',
  service: 'WorkMailService',
  summary: "Returns the organization's identity provider configuration.",
  input: Type.Object({ OrganizationId }),
  output: Type.Object({
    AuthenticationMode: Type.Optional(AuthenticationMode),
    IdentityCenterConfiguration: Type.Optional(IdentityCenterConfiguration),
    PersonalAccessTokenConfiguration: Type.Optional(PersonalAccessTokenConfiguration),
  }),
  errors: [
    'InvalidParameterException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
    'ResourceNotFoundException',
  ],
  route: { method: 'GET', path: '/organizations/{OrganizationId}/identity-provider-configuration' },
  mutating: false,
  handle: async (input, { deps }) => {
    await requireOrganization(deps, input.OrganizationId, { mustBeActive: false });
    const configuration = await deps.identityProviders.getConfiguration(input.OrganizationId);
    if (!configuration)
      throw new ResourceNotFoundException('The organization has no identity provider configuration.');
    const { status, lifetimeInDays } = configuration.personalAccessTokens;
    return {
      AuthenticationMode: configuration.authenticationMode,
      IdentityCenterConfiguration: {
        InstanceArn: configuration.instanceArn,
        ApplicationArn: configuration.applicationArn,
      },
      PersonalAccessTokenConfiguration: {
        Status: status,
        ...(lifetimeInDays === undefined ? {} : { LifetimeInDays: lifetimeInDays }),
      },
    };
  },
});
