import { Type } from '@sinclair/typebox';
import { requireOrganization } from '../../../directory/guards';
import { EntityStateException } from '../../errors';
import { defineOperation } from '../../operation';
import { listPage } from '../../pagination';
import { MaxResults, NextToken, OrganizationId, WorkMailIdentifier } from '../../shapes';
import { entityIn, listBinding } from '../entities/entity-context';
import { PersonalAccessTokenSummary, toSummary } from './shapes';

/** ListPersonalAccessTokens: one page of an organization's tokens, or of one user's (UserId: an id only). */
export const listPersonalAccessTokens = defineOperation({
  name: 'ListPersonalAccessTokens',
  service: 'WorkMailService',
  summary: 'Lists the personal access tokens of an organization or of one user.',
  input: Type.Object({
    OrganizationId,
    UserId: Type.Optional(WorkMailIdentifier),
    NextToken: Type.Optional(NextToken),
    MaxResults: Type.Optional(MaxResults),
  }),
  output: Type.Object({
    NextToken: Type.Optional(NextToken),
    PersonalAccessTokenSummaries: Type.Optional(Type.Array(PersonalAccessTokenSummary)),
  }),
  errors: [
    'EntityNotFoundException',
    'EntityStateException',
    'InvalidParameterException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
  ],
  route: { method: 'GET', path: '/organizations/{OrganizationId}/personal-access-tokens' },
  mutating: false,
  handle: async (input, ctx) => {
    const organizationId = input.OrganizationId;
    let userId: string | undefined;
    if (input.UserId === undefined) {
      await requireOrganization(ctx.deps, organizationId);
    } else {
      const user = await entityIn(ctx, organizationId, input.UserId, {
        forms: 'id',
        kinds: ['USER'],
        field: 'UserId',
      });
      if (user.state === 'DELETED') throw new EntityStateException('The user is deleted.');
      userId = user.entityId;
    }
    const binding = listBinding('ListPersonalAccessTokens', organizationId, { UserId: userId ?? null });
    const page = await listPage(ctx.deps.pageTokens, binding, input, (request) =>
      ctx.deps.personalAccessTokens.listTokens(organizationId, userId, request),
    );
    return {
      PersonalAccessTokenSummaries: page.items.map(toSummary),
      ...(page.NextToken ? { NextToken: page.NextToken } : {}),
    };
  },
});
