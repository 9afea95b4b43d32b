export {
  ADDED_RECIPIENT_ACTIONS,
  LAMBDA_CONFLICT_PRECEDENCE,
  MAX_RECIPIENTS_AFTER_ADDITIONS,
  applyLambdaResponse,
} from './apply-response';
export type { ApplyResponseInput } from './apply-response';
export { FunctionInvocationError, InvalidLambdaResponseError } from './errors';
export {
  MAX_EVENT_BYTES,
  MAX_EVENT_SUBJECT_CHARS,
  buildLambdaEvent,
  deriveInvocationId,
  domainOf,
  eventBytes,
  isInDomains,
  truncateSubject,
} from './event';
export type { LambdaEventInput } from './event';
export { FLOW_RULE_ORGANIZATION_TAG, systemClock } from './ports';
export type { Clock, FlowLambdaLogger, FunctionInvoker, InvokeOptions } from './ports';
export {
  MAX_OUTBOUND_RESPONSE_RECIPIENTS,
  MAX_RESPONSE_BYTES,
  MAX_UNIQUE_ACTIONS,
  parseLambdaResponse,
} from './response';
export { ASYNC_INVOKE_TIMEOUT_MS, runAsynchronousLambda } from './run-asynchronous';
export {
  INITIAL_RETRY_DELAY_MS,
  MAX_RETRY_DELAY_MS,
  SYNC_ATTEMPT_TIMEOUT_MS,
  nextRetryDelay,
  runSynchronousLambda,
} from './run-synchronous';
export type { FlowLambdaDeps, SyncLambdaInput } from './run-synchronous';
export { INBOUND_LAMBDA_ACTIONS, OUTBOUND_LAMBDA_ACTIONS } from './types';
export type {
  EventAddress,
  FallbackActionType,
  FlowDirection,
  IgnoredRecipient,
  LambdaActionType,
  LambdaEvent,
  LambdaResponseAction,
  LambdaRuleBinding,
  RecipientDecision,
  SyncLambdaOutcome,
} from './types';
