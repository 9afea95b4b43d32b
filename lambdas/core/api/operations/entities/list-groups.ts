import { Type } from '@sinclair/typebox';
import { defineOperation } from '../../operation';
import { listPage } from '../../pagination';
import { MaxResults, NextToken, OrganizationId } from '../../shapes';
import { requireOrganization } from '../../../directory/guards';
import { listBinding, toEntityFilter } from './entity-context';
import { GroupSummary, NamePrefixOrStateFilters } from './entity-shapes';
import { toGroupSummary } from './entity-views';

/** ListGroups: one page of groups; at most one filter. */
export const listGroups = defineOperation({
  name: 'ListGroups',
  service: 'WorkMailService',
  summary: 'Lists the groups of an organization, optionally filtered by one prefix or state.',
  input: Type.Object({
    OrganizationId,
    NextToken: Type.Optional(NextToken),
    MaxResults: Type.Optional(MaxResults),
    Filters: Type.Optional(NamePrefixOrStateFilters),
  }),
  output: Type.Object({
    Groups: Type.Optional(Type.Array(GroupSummary)),
    NextToken: Type.Optional(NextToken),
  }),
  errors: [
    'EntityNotFoundException',
    'InvalidParameterException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
  ],
  route: { method: 'GET', path: '/organizations/{OrganizationId}/groups' },
  mutating: false,
  handle: async (input, { deps }) => {
    await requireOrganization(deps, input.OrganizationId);
    const filter = toEntityFilter(input.Filters);
    const binding = listBinding('ListGroups', input.OrganizationId, input.Filters);
    const page = await listPage(deps.pageTokens, binding, input, (request) =>
      deps.entities.listEntities(input.OrganizationId, 'GROUP', filter, request),
    );
    return {
      Groups: page.items.map(toGroupSummary),
      ...(page.NextToken ? { NextToken: page.NextToken } : {}),
    };
  },
});
