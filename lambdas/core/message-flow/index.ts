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
  ContentSource,
  InFlightChange,
  InFlightMessageStore,
  PutContentResult,
  RawMessageStore,
} from './ports';
export { getRawMessageContent, putRawMessageContent } from './raw-message-content';
export type { MessageFlowCaller, MessageFlowDeps, PutResult } from './raw-message-content';
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
