import { Type } from '@sinclair/typebox';
import { requireOrganization } from '../../../directory/guards';
import { applicationInInstance } from '../../../sso/applications';
import { InvalidParameterException, ResourceNotFoundException } from '../../errors';
import { defineOperation } from '../../operation';
import { OrganizationId } from '../../shapes';
import { AuthenticationMode, IdentityCenterConfiguration, PersonalAccessTokenConfiguration } from './shapes';

/**
 * WorkMailService.PutIdentityProviderConfiguration: turns single sign-on on for an organization (or changes it):
 * the authentication mode, the Identity Center application its users sign in through, and whether they may use
 * personal access tokens. `IDENTITY_PROVIDER_ONLY` stops directory passwords on every protocol at once.
 */
export const putIdentityProviderConfiguration = defineOperation({
  name: 'PutIdentityProviderConfiguration',
  service: 'WorkMailService',
  summary:
    "Sets the organization's identity provider configuration: authentication mode, Identity Center application " +
    'and personal access token status and lifetime.',
  input: Type.Object({
    OrganizationId,
    AuthenticationMode,
    IdentityCenterConfiguration,
    PersonalAccessTokenConfiguration,
  }),
  output: Type.Object({}),
  errors: [
    'InvalidParameterException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
    'ResourceNotFoundException',
  ],
  route: { method: 'PUT', path: '/organizations/{OrganizationId}/identity-provider-configuration' },
  mutating: true,
  handle: async (input, { deps }) => {
    await requireOrganization(deps, input.OrganizationId);
    const { InstanceArn: instanceArn, ApplicationArn: applicationArn } = input.IdentityCenterConfiguration;
    if (!applicationInInstance(applicationArn, instanceArn))
      throw new InvalidParameterException(
        'IdentityCenterConfiguration.ApplicationArn is not in InstanceArn.',
      );
    const tokens = input.PersonalAccessTokenConfiguration;
    const outcome = await deps.identityProviders.putConfiguration({
      organizationId: input.OrganizationId,
      authenticationMode: input.AuthenticationMode,
      instanceArn,
      applicationArn,
      personalAccessTokens: {
        status: tokens.Status,
        ...(tokens.LifetimeInDays === undefined ? {} : { lifetimeInDays: tokens.LifetimeInDays }),
      },
      updatedAt: deps.clock().getTime(),
    });
    if (outcome === 'no-application')
      throw new ResourceNotFoundException('The Identity Center application was not found.');
    return {};
  },
});
