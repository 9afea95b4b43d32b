import { Type } from '@sinclair/typebox';
import { requireOrganization } from '../../../directory/guards';
import { defineOperation } from '../../operation';
import { OrganizationId } from '../../shapes';
import { NoOutput } from '../entities/entity-shapes';
import { PersonalAccessTokenId } from './shapes';

/**
 * DeletePersonalAccessToken: revokes a token at once (its next use is refused). Idempotent, as the model has no
 * not-found error: an unknown token, or one of another organization (which stays untouched), succeeds unchanged.
 * A deleted token is reported in the organization's personal access token audit log (no `user`: an admin acted).
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
    const { audit } = ctx.deps;
    // The token is read first only to name it in the PAT audit record; a token of another organization is not.
    const token = audit && (await ctx.deps.personalAccessTokens.getToken(input.PersonalAccessTokenId));
    await ctx.deps.personalAccessTokens.deleteToken(input.PersonalAccessTokenId, {
      organizationId: input.OrganizationId,
    });
    if (audit && token?.organizationId === input.OrganizationId) {
      await audit.personalAccessToken({
        requestId: ctx.requestId,
        ...(ctx.sourceIp ? { sourceIp: ctx.sourceIp } : {}),
        organizationId: token.organizationId,
        userId: token.userId,
        action: 'delete',
        name: token.name,
        expiresAt: token.expiresAt,
        scopes: token.scopes,
      });
    }
    return {};
  },
});
