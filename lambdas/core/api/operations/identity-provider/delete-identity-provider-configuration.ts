import { Type } from '@sinclair/typebox';
import { requireOrganization } from '../../../directory/guards';
import { defineOperation } from '../../operation';
import { OrganizationId } from '../../shapes';

/**
 * WorkMailService.DeleteIdentityProviderConfiguration: turns single sign-on off. Sign-in reverts to the directory;
 * web sessions end at their next request; users and their associations stay (idempotent).
 */
export const deleteIdentityProviderConfiguration = defineOperation({
  name: 'DeleteIdentityProviderConfiguration',
  service: 'WorkMailService',
  summary:
    "Removes the organization's identity provider configuration: directory passwords work again and single " +
    'sign-on sessions end. Succeeds when there is none.',
  input: Type.Object({ OrganizationId }),
  output: Type.Object({}),
  errors: ['InvalidParameterException', 'OrganizationNotFoundException', 'OrganizationStateException'],
  route: { method: 'DELETE', path: '/organizations/{OrganizationId}/identity-provider-configuration' },
  mutating: true,
  handle: async (input, { deps }) => {
    await requireOrganization(deps, input.OrganizationId);
    await deps.identityProviders.deleteConfiguration(input.OrganizationId);
    return {};
  },
});
