export { OutboundSendError } from './errors';
export { deriveEnvelope, headerAddresses, isEnvelopeAddress } from './envelope';
export { fieldValues, joinMessage, splitMessage } from './header-block';
export type { RawField, SplitMessage } from './header-block';
export { OUTBOUND_LAMBDA_BUDGET_MS, decideOutbound } from './outbound-rules';
export type { OutboundAction, OutboundDecision, OutboundMessage } from './outbound-rules';
export { SUBMISSION_RETENTION_MS } from './ports';
export type {
  IdentitySettings,
  IdentitySettingsStore,
  OutboundLambdaDeps,
  SendingCounters,
  SendingDeps,
  SendingDirectory,
  SubmissionRecord,
  SubmissionStore,
} from './ports';
export { reserveLimits } from './send-limits';
export type { LimitReservation, LimitUsage } from './send-limits';
export { checkSender, mayUseMailFrom } from './sender-check';
export type { SenderCheckDeps, SenderGrant } from './sender-check';
export { copyIds } from './store-copies';
export { submit } from './submit';
export type {
  RecipientResult,
  RecipientStatus,
  SendRefusal,
  SendingLimitName,
  SmtpEnvelope,
  SubmissionOutcome,
  SubmissionRequest,
  SubmissionResult,
  SubmittingUser,
} from './types';
