import { Type } from '@sinclair/typebox';
import { requireOrganization } from '../../../directory/guards';
import { defineOperation } from '../../operation';
import { OrganizationId } from '../../shapes';
import { NoOutput } from '../entities/entity-shapes';
import { PersonalAccessTokenId } from './shapes';

/**
 * DeletePersonalAccessToken: revokes a token at once (its next use is refused). Idempotent, as the model has no
 * not-found error: an unknown token, or one of another organization (which stays untouched), succeeds unchanged.
 */
export const deletePersonalAccessToken = defineOperation({
  name: 'DeletePersonalAccessToken',
  service: 'WorkMailService',
  summary: 'Revokes a personal access token.',
  input: Type.Object({ OrganizationId, PersonalAccessTokenId }),
  output: NoOutput,
  errors: ['InvalidParameterException', 'OrganizationNotFoundException', 'OrganizationStateException'],
  route: {
    method: 'DELETE',
    path: '/organizations/{OrganizationId}/personal-access-tokens/{PersonalAccessTokenId}',
  },
  mutating: true,
  handle: async (input, ctx) => {
    await requireOrganization(ctx.deps, input.OrganizationId);
    await ctx.deps.personalAccessTokens.deleteToken(input.PersonalAccessTokenId, {
      organizationId: input.OrganizationId,
    });
    return {};
  },
});
