export { CompiledRuleSetCache } from './cache';
export {
  ASYNC_LAMBDA_DELIVERY_ACTION,
  COMPILED_RULES_MAX_AGE_MS,
  INBOUND_ACTION_PRECEDENCE,
  INBOUND_FROM_FALLBACK_PER_RECIPIENT,
  OUTBOUND_ACTION_PRECEDENCE,
  OUTBOUND_FALLBACK_MAY_ROUTE_TO_SMTP_GATEWAY,
  RECIPIENT_SPECIFICITY_BREAKS_TIES,
  actionRank,
} from './decisions';
export {
  DEFAULT_ENGINE_POLICY,
  compileRuleSet,
  deliveryAction,
  evaluateFlowRules,
  evaluateRecipient,
} from './engine';
export type { CompiledRuleSet, EnginePolicy } from './engine';
export { PatternIndex } from './pattern-index';
export { parsePattern, patternMatches, splitAddress } from './patterns';
export type { ParsedPattern, PatternKind } from './patterns';
export type { FlowRuleStore } from './ports';
export { testFlowRules } from './test-rules';
export type { FlowRuleTest } from './test-rules';
export { ALL_FLOW_ACTIONS, INBOUND_ACTIONS, OUTBOUND_ACTIONS } from './types';
export type {
  FlowAction,
  FlowDirection,
  FlowRule,
  InboundFlowAction,
  MatchedHeader,
  MessageAddresses,
  OutboundFlowAction,
  RecipientOutcome,
} from './types';
export { actionsOf, fallbackActionsOf, validateFlowRule } from './validation';
export type { FlowRuleDraft, LambdaLocation } from './validation';
