import { Type } from '@sinclair/typebox';
import { defineOperation } from '../../operation';
import { listPage } from '../../pagination';
import { EntityState, MaxResults, NextToken, OrganizationId, pattern } from '../../shapes';
import { requireOrganization } from '../../../directory/guards';
import { listBinding, toEntityFilter } from './entity-context';
import { Prefix, UserSummary } from './entity-shapes';
import { toUserSummary } from './entity-views';

/** ListUsers: one page of users, ordered by the filtered field; at most one filter. */
export const listUsers = defineOperation({
  name: 'ListUsers',
  service: 'WorkMailService',
  summary: 'Lists the users of an organization, optionally filtered by one prefix or state.',
  input: Type.Object({
    OrganizationId,
    NextToken: Type.Optional(NextToken),
    MaxResults: Type.Optional(MaxResults),
    Filters: Type.Optional(
      Type.Object({
        UsernamePrefix: Type.Optional(Prefix),
        DisplayNamePrefix: Type.Optional(Prefix),
        PrimaryEmailPrefix: Type.Optional(Prefix),
        State: Type.Optional(EntityState),
        IdentityProviderUserIdPrefix: Type.Optional(
          pattern('[A-Fa-f0-9-]+', { minLength: 1, maxLength: 47 }),
        ),
      }),
    ),
  }),
  output: Type.Object({ Users: Type.Optional(Type.Array(UserSummary)), NextToken: Type.Optional(NextToken) }),
  errors: ['InvalidParameterException', 'OrganizationNotFoundException', 'OrganizationStateException'],
  route: { method: 'GET', path: '/organizations/{OrganizationId}/users' },
  mutating: false,
  handle: async (input, { deps }) => {
    await requireOrganization(deps, input.OrganizationId);
    const filter = toEntityFilter(input.Filters);
    const binding = listBinding('ListUsers', input.OrganizationId, input.Filters);
    const page = await listPage(deps.pageTokens, binding, input, (request) =>
      deps.entities.listEntities(input.OrganizationId, 'USER', filter, request),
    );
    return { Users: page.items.map(toUserSummary), ...(page.NextToken ? { NextToken: page.NextToken } : {}) };
  },
});
