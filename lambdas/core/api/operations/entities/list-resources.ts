import { Type } from '@sinclair/typebox';
import { defineOperation } from '../../operation';
import { listPage } from '../../pagination';
import { MaxResults, NextToken, OrganizationId } from '../../shapes';
import { requireOrganization } from '../../../directory/guards';
import { listBinding, toEntityFilter } from './entity-context';
import { NamePrefixOrStateFilters, ResourceSummary } from './entity-shapes';
import { toResourceSummary } from './entity-views';

/** ListResources: one page of resources; at most one filter. */
export const listResources = defineOperation({
  name: 'ListResources',
  service: 'WorkMailService',
  summary: 'Lists the resources of an organization, optionally filtered by one prefix or state.',
  input: Type.Object({
    OrganizationId,
    NextToken: Type.Optional(NextToken),
    MaxResults: Type.Optional(MaxResults),
    Filters: Type.Optional(NamePrefixOrStateFilters),
  }),
  output: Type.Object({
    Resources: Type.Optional(Type.Array(ResourceSummary)),
    NextToken: Type.Optional(NextToken),
  }),
  errors: ['InvalidParameterException', 'OrganizationNotFoundException', 'OrganizationStateException'],
  route: { method: 'GET', path: '/organizations/{OrganizationId}/resources' },
  mutating: false,
  handle: async (input, { deps }) => {
    await requireOrganization(deps, input.OrganizationId);
    const filter = toEntityFilter(input.Filters);
    const binding = listBinding('ListResources', input.OrganizationId, input.Filters);
    const page = await listPage(deps.pageTokens, binding, input, (request) =>
      deps.entities.listEntities(input.OrganizationId, 'RESOURCE', filter, request),
    );
    return {
      Resources: page.items.map(toResourceSummary),
      ...(page.NextToken ? { NextToken: page.NextToken } : {}),
    };
  },
});
