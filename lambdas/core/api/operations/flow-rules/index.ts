import type { Operation } from '../../operation';
import { createEmailFlowRule } from './create-email-flow-rule';
import { deleteEmailFlowRule } from './delete-email-flow-rule';
import { getEmailFlowRule } from './get-email-flow-rule';
import { listEmailFlowRules } from './list-email-flow-rules';
import { testEmailFlowRules } from './test-email-flow-rules';
import { updateEmailFlowRule } from './update-email-flow-rule';

export { createEmailFlowRule } from './create-email-flow-rule';
export { deleteEmailFlowRule } from './delete-email-flow-rule';
export { getEmailFlowRule } from './get-email-flow-rule';
export { listEmailFlowRules } from './list-email-flow-rules';
export { testEmailFlowRules } from './test-email-flow-rules';
export { updateEmailFlowRule } from './update-email-flow-rule';

/**
 * The email flow rule operations of the catalog (Mailwright extensions, served as
 * `MailwrightService.<Action>`).
 */
export const flowRuleOperations: readonly Operation[] = [
  createEmailFlowRule,
  updateEmailFlowRule,
  deleteEmailFlowRule,
  getEmailFlowRule,
  listEmailFlowRules,
  testEmailFlowRules,
] as unknown as readonly Operation[];
