import { Type } from '@sinclair/typebox';
import { requireOrganization } from '../../../directory/guards';
import { defineOperation } from '../../operation';
import { listPage } from '../../pagination';
import { MaxResults, NextToken, OrganizationId } from '../../shapes';
import { AvailabilityConfigurationShape, toWire } from './shapes';

/** WorkMailService.ListAvailabilityConfigurations: by domain name, EWS passwords never returned. */
export const listAvailabilityConfigurations = defineOperation({
  name: 'ListAvailabilityConfigurations',
  service: 'WorkMailService',
  summary: "Lists the organization's availability configurations (EWS providers redacted).",
  input: Type.Object({
    OrganizationId,
    MaxResults: Type.Optional(MaxResults),
    NextToken: Type.Optional(NextToken),
  }),
  output: Type.Object({
    AvailabilityConfigurations: Type.Array(AvailabilityConfigurationShape),
    NextToken: Type.Optional(NextToken),
  }),
  errors: ['InvalidParameterException', 'OrganizationNotFoundException', 'OrganizationStateException'],
  route: { method: 'GET', path: '/organizations/{OrganizationId}/availability-configurations' },
  mutating: false,
  handle: async (input, ctx) => {
    await requireOrganization(ctx.deps, input.OrganizationId, { mustBeActive: false });
    const page = await listPage(
      ctx.deps.pageTokens,
      `ListAvailabilityConfigurations|${input.OrganizationId}`,
      input,
      (request) => ctx.deps.availability.configurations.list(input.OrganizationId, request),
    );
    return {
      AvailabilityConfigurations: page.items.map(toWire),
      ...(page.NextToken ? { NextToken: page.NextToken } : {}),
    };
  },
});
