import { Type } from '@sinclair/typebox';
import type { ApiDeps } from '../../deps';
import { defineOperation, type Principal } from '../../operation';
import { listPage, type Page, type PageRequest } from '../../pagination';
import { MaxResults, NextToken, OrganizationAlias, OrganizationId } from '../../shapes';
import type { Organization } from '../../../directory/types';

const Text = Type.String({ maxLength: 256 });
const OrganizationSummary = Type.Object({
  OrganizationId: Type.Optional(OrganizationId),
  Alias: Type.Optional(OrganizationAlias),
  DefaultMailDomain: Type.Optional(Text),
  ErrorMessage: Type.Optional(Text),
  State: Type.Optional(Text),
});

/** ListOrganizations: the organizations the caller's key may see, one page at a time. */
export const listOrganizations = defineOperation({
  name: 'ListOrganizations',
  service: 'WorkMailService',
  summary: 'Lists the organizations visible to the caller.',
  input: Type.Object({ NextToken: Type.Optional(NextToken), MaxResults: Type.Optional(MaxResults) }),
  output: Type.Object({
    OrganizationSummaries: Type.Optional(Type.Array(OrganizationSummary)),
    NextToken: Type.Optional(NextToken),
  }),
  errors: ['InvalidParameterException'],
  route: { method: 'GET', path: '/organizations' },
  mutating: false,
  handle: async (input, { deps, principal }) => {
    const binding = `ListOrganizations|${JSON.stringify(principal.organizations)}`;
    const page = await listPage(deps.pageTokens, binding, input, (request) =>
      fetchVisible(deps, principal, request),
    );
    return {
      OrganizationSummaries: page.items.map((organization) => ({
        OrganizationId: organization.organizationId,
        Alias: organization.alias,
        DefaultMailDomain: organization.defaultMailDomain,
        State: organization.state,
      })),
      ...(page.NextToken === undefined ? {} : { NextToken: page.NextToken }),
    };
  },
});

/** All organizations for an unscoped key; for a scoped key, its own organizations in id order. */
async function fetchVisible(
  deps: ApiDeps,
  principal: Principal,
  request: PageRequest,
): Promise<Page<Organization>> {
  if (principal.organizations === '*') return deps.organizations.listOrganizations(request);
  const after = typeof request.cursor?.after === 'string' ? request.cursor.after : '';
  const ids = [...new Set(principal.organizations)].sort().filter((id) => id > after);
  const items: Organization[] = [];
  let index = 0;
  for (; index < ids.length && items.length < request.limit; index += 1) {
    const organization = await deps.organizations.getOrganization(ids[index]);
    if (organization && organization.state !== 'Deleted') items.push(organization);
  }
  return index < ids.length ? { items, cursor: { after: ids[index - 1] } } : { items };
}
