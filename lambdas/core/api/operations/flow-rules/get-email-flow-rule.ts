import { requireOrganization } from '../../../directory/guards';
import { ResourceNotFoundException } from '../../errors';
import { defineOperation } from '../../operation';
import { EmailFlowRule, RuleKey, toWire } from './shapes';

/** MailwrightService.GetEmailFlowRule: one rule by direction and name. */
export const getEmailFlowRule = defineOperation({
  name: 'GetEmailFlowRule',
  service: 'MailwrightService',
  summary: 'Returns one email flow rule.',
  input: RuleKey,
  output: EmailFlowRule,
  errors: ['InvalidParameterException', 'ResourceNotFoundException', 'OrganizationNotFoundException'],
  route: { method: 'GET', path: '/organizations/{OrganizationId}/email-flow-rules/{Direction}/{Name}' },
  mutating: false,
  handle: async (input, ctx) => {
    await requireOrganization(ctx.deps, input.OrganizationId, { mustBeActive: false });
    const rule = await ctx.deps.flowRules.getRule(input.OrganizationId, input.Direction, input.Name);
    if (!rule)
      throw new ResourceNotFoundException(`There is no ${input.Direction} flow rule named ${input.Name}.`);
    return toWire(rule);
  },
});
