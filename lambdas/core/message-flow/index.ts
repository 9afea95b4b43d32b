export {
  MAX_CONTENT_BUCKETS,
  RESERVED_KEY_PREFIXES,
  bucketNameProblem,
  isPermittedReference,
  validateContentBuckets,
} from './content-buckets';
export { discardInFlightMessages, discardingInFlight } from './discard';
export type { InFlightDiscardDeps } from './discard';
export { InvalidContentLocation, MessageFrozen, MessageRejected, ResourceNotFoundException } from './errors';
export {
  beginSynchronousRule,
  bindAsynchronousRule,
  endSynchronousRule,
  finishInFlightMessage,
  openInFlightMessage,
} from './in-flight';
export type { InFlightDeps } from './in-flight';
export { MESSAGE_FLOW_WINDOW_MS, MESSAGE_ID_PATTERN, newMessageFlowId } from './message-id';
export type {
  ContentBucketStore,
  ContentSource,
  InFlightChange,
  InFlightMessageStore,
  PutContentResult,
  RawMessageStore,
} from './ports';
export { CONTENT_REFUSED_MESSAGE, getRawMessageContent, putRawMessageContent } from './raw-message-content';
export type {
  ContentRefusal,
  MessageFlowCaller,
  MessageFlowDeps,
  MessageFlowLogger,
  PutResult,
} from './raw-message-content';
export type { AdminPrincipal, ContentLocation, InFlightMessage, InFlightState } from './types';
export {
  IMMUTABLE_HEADERS,
  MAX_LINE_CHARS,
  REQUIRED_HEADERS,
  UNIQUE_HEADERS,
  parseHeaderFields,
  splitEntity,
  validateReplacementMime,
} from './validate-mime';
export type { HeaderField } from './validate-mime';
