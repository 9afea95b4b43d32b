export { offerAutoReply } from './auto-reply-step';
export { spamVerdictDecider } from './decide';
export { composeDsn } from './dsn';
export type { DsnInput, DsnRecipient } from './dsn';
export { DECISION_TARGET, DecisionRecordError, decisionRecord, readDecision } from './decision-record';
export type { StoredDecision } from './decision-record';
export { contentLoader, decideOnce, resolveAdded } from './decision-step';
export { directoryRecipients } from './directory-recipients';
export type { DecidedMessage, DecisionStepContext } from './decision-step';
export {
  DeliveryConfigurationError,
  DeliveryIncompleteError,
  RawMessageMissingError,
  isMailboxQuotaExceeded,
} from './errors';
export { decodeEncodedWords, extractAddress, parseContentType, splitAddressList } from './header-block';
export { parseMessageHeaders } from './parse-headers';
export { processInboundEvent, processInboundRecord } from './process-inbound';
export type { InboundDeps } from './process-inbound';
export { addressTargetKey, mailboxTargetKey, resolveRecipients } from './recipients';
export type { ResolveOptions, ResolvedRecipients } from './recipients';
export type {
  AddedRecipient,
  AutoReplier,
  ClaimResult,
  DecisionControl,
  DecisionInput,
  DeliveredMail,
  DeliveredToInbox,
  DeliveryLedger,
  DeliveryLogger,
  DeliveryReceipt,
  DeliveryRequest,
  DirectoryRecipient,
  InboundDecision,
  LedgerEntry,
  LedgerRecord,
  LedgerSnapshot,
  LedgerState,
  MailboxTarget,
  MailSender,
  MessageDelivery,
  OutboundRawMessage,
  RawMessage,
  RawMessageRef,
  RawMessageSource,
  RecipientDecider,
  RecipientDecision,
  RecipientDirectory,
  SchedulingInbox,
  Verdicts,
} from './ports';
export type {
  Bounce,
  BounceStatus,
  DeliveryFolder,
  InboundResult,
  MessageHeaders,
  RecipientOutcome,
  SesMail,
  SesReceipt,
  SesReceiptEvent,
  SesReceiptRecord,
  SesVerdict,
  VerdictStatus,
} from './types';
export { EICAR, dsnSuppression, spamVerdict, toVerdict, virusVerdict } from './verdicts';
