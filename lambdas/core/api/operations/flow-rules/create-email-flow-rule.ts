import { Type } from '@sinclair/typebox';
import { HARD_QUOTAS } from '../../../config/quotas';
import { requireOrganization } from '../../../directory/guards';
import { validateFlowRule } from '../../../flow-rules/validation';
import { defineOperation } from '../../operation';
import { draftOf, RuleInput } from './shapes';

/** MailwrightService.CreateEmailFlowRule: adds an inbound or outbound email flow rule to an organization. */
export const createEmailFlowRule = defineOperation({
  name: 'CreateEmailFlowRule',
  service: 'MailwrightService',
  summary: 'Creates an email flow rule; it applies to the next message. Names are unique per direction.',
  input: RuleInput,
  output: Type.Object({}),
  errors: [
    'InvalidParameterException',
    'LimitExceededException',
    'NameAvailabilityException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
  ],
  route: { method: 'POST', path: '/organizations/{OrganizationId}/email-flow-rules' },
  mutating: true,
  handle: async (input, ctx) => {
    const draft = validateFlowRule(draftOf(input), ctx.deps.settings);
    await requireOrganization(ctx.deps, input.OrganizationId);
    const now = ctx.deps.clock().getTime();
    await ctx.deps.flowRules.createRule(
      { ...draft, organizationId: input.OrganizationId, createdAt: now, modifiedAt: now },
      HARD_QUOTAS.senderPatternsPerOrganization,
    );
    return {};
  },
});
