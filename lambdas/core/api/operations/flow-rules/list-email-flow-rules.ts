import { Type } from '@sinclair/typebox';
import { requireOrganization } from '../../../directory/guards';
import { defineOperation } from '../../operation';
import { listPage } from '../../pagination';
import { MaxResults, NextToken, OrganizationId } from '../../shapes';
import { Direction, EmailFlowRule, toWire } from './shapes';

/** MailwrightService.ListEmailFlowRules: an organization's rules by direction and name, paginated. */
export const listEmailFlowRules = defineOperation({
  name: 'ListEmailFlowRules',
  service: 'MailwrightService',
  summary: 'Lists email flow rules, optionally of one Direction.',
  input: Type.Object({
    OrganizationId,
    Direction: Type.Optional(Direction),
    MaxResults: Type.Optional(MaxResults),
    NextToken: Type.Optional(NextToken),
  }),
  output: Type.Object({ Rules: Type.Array(EmailFlowRule), NextToken: Type.Optional(NextToken) }),
  errors: ['InvalidParameterException', 'OrganizationNotFoundException'],
  route: { method: 'GET', path: '/organizations/{OrganizationId}/email-flow-rules' },
  mutating: false,
  handle: async (input, ctx) => {
    await requireOrganization(ctx.deps, input.OrganizationId, { mustBeActive: false });
    const binding = `ListEmailFlowRules|${input.OrganizationId}|${input.Direction ?? ''}`;
    const page = await listPage(ctx.deps.pageTokens, binding, input, (request) =>
      ctx.deps.flowRules.listRules(input.OrganizationId, input.Direction, request),
    );
    return { Rules: page.items.map(toWire), ...(page.NextToken ? { NextToken: page.NextToken } : {}) };
  },
});
