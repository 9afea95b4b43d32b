import { Type } from '@sinclair/typebox';
import { requireOrganization } from '../../../directory/guards';
import { defineOperation } from '../../operation';
import { RuleKey } from './shapes';

/** MailwrightService.DeleteEmailFlowRule: removes a rule; deleting a missing rule succeeds (idempotent). */
export const deleteEmailFlowRule = defineOperation({
  name: 'DeleteEmailFlowRule',
  service: 'MailwrightService',
  summary: 'Deletes an email flow rule; succeeds when the rule does not exist.',
  input: RuleKey,
  output: Type.Object({}),
  errors: ['InvalidParameterException', 'OrganizationNotFoundException', 'OrganizationStateException'],
  route: { method: 'DELETE', path: '/organizations/{OrganizationId}/email-flow-rules/{Direction}/{Name}' },
  mutating: true,
  handle: async (input, ctx) => {
    await requireOrganization(ctx.deps, input.OrganizationId);
    await ctx.deps.flowRules.deleteRule(input.OrganizationId, input.Direction, input.Name);
    return {};
  },
});
