import { Type } from '@sinclair/typebox';
import { HARD_QUOTAS } from '../../../config/quotas';
import { requireOrganization } from '../../../directory/guards';
import { validateFlowRule } from '../../../flow-rules/validation';
import { defineOperation } from '../../operation';
import { draftOf, RuleInput } from './shapes';

/**
 * MailwrightService.UpdateEmailFlowRule: replaces a rule (every field; omitted optional fields are cleared).
 */
export const updateEmailFlowRule = defineOperation({
  name: 'UpdateEmailFlowRule',
  service: 'MailwrightService',
  summary: 'Replaces an email flow rule, named by Direction and Name; it applies to the next message.',
  input: RuleInput,
  output: Type.Object({}),
  errors: [
    'InvalidParameterException',
    'LimitExceededException',
    'ResourceNotFoundException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
  ],
  route: { method: 'PUT', path: '/organizations/{OrganizationId}/email-flow-rules/{Direction}/{Name}' },
  mutating: true,
  handle: async (input, ctx) => {
    const draft = validateFlowRule(draftOf(input), ctx.deps.settings);
    await requireOrganization(ctx.deps, input.OrganizationId);
    const now = ctx.deps.clock().getTime();
    // createdAt is kept from the stored rule by the store.
    await ctx.deps.flowRules.replaceRule(
      { ...draft, organizationId: input.OrganizationId, createdAt: now, modifiedAt: now },
      HARD_QUOTAS.senderPatternsPerOrganization,
    );
    return {};
  },
});
