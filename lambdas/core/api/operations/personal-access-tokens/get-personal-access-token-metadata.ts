import { Type } from '@sinclair/typebox';
import { requireOrganization } from '../../../directory/guards';
import { ResourceNotFoundException } from '../../errors';
import { defineOperation } from '../../operation';
import { OrganizationId } from '../../shapes';
import { PersonalAccessTokenId, PersonalAccessTokenSummary, toSummary } from './shapes';

/**
 * GetPersonalAccessTokenMetadata: one token's metadata, never its value. A token of another organization is not
 * found, exactly like an unknown one.
 */
export const getPersonalAccessTokenMetadata = defineOperation({
  name: 'GetPersonalAccessTokenMetadata',
  service: 'WorkMailService',
  summary: 'Returns the metadata of a personal access token.',
  input: Type.Object({ OrganizationId, PersonalAccessTokenId }),
  output: PersonalAccessTokenSummary,
  errors: [
    'InvalidParameterException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
    'ResourceNotFoundException',
  ],
  route: {
    method: 'GET',
    path: '/organizations/{OrganizationId}/personal-access-tokens/{PersonalAccessTokenId}',
  },
  mutating: false,
  handle: async (input, ctx) => {
    await requireOrganization(ctx.deps, input.OrganizationId);
    const token = await ctx.deps.personalAccessTokens.getToken(input.PersonalAccessTokenId);
    if (token?.organizationId !== input.OrganizationId) {
      throw new ResourceNotFoundException('The personal access token does not exist in the organization.');
    }
    return toSummary(token);
  },
});
