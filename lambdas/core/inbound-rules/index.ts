export { ruleActions, ruleApplied, toEmailEvent } from './events';
export type { RuleAction, RuleAppliedEvent } from './events';
export { FlowRuleDecider, MAX_BOUNCE_TEXT_CHARS, inboundObjectLocation } from './flow-rule-decider';
export type { FlowRuleDeciderDeps } from './flow-rule-decider';
export { runLambdaRules } from './lambda-rules';
export type {
  LambdaMessage,
  LambdaRuleDeps,
  LambdaRuleGroup,
  LambdaRulesResult,
  LambdaVerdict,
} from './lambda-rules';
export { organizationSettingsLookup } from './organization-lookup';
export type { InboundOrganizationLookup, InboundOrganizationSettings } from './ports';
