export { coreEcho } from './core-echo';
export { CreatedIds } from './created-ids';
export { JmapMethodError, JmapRequestError } from './errors';
export type { JmapMethodErrorType, JmapRequestErrorType, JmapRequestLimit } from './errors';
export { createJmapApi, JMAP_WELL_KNOWN_PATH } from './jmap-api';
export type { JmapApiOptions, JmapAuthentication, JmapRoute, JmapSessionAccounts } from './jmap-api';
export { evaluateJmapPointer } from './json-pointer';
export type { PointerResult } from './json-pointer';
export { consoleJmapLogger, describeError } from './logger';
export type { JmapLogger } from './logger';
export type {
  JmapMethod,
  JmapMethodContext,
  JmapMethodRegistry,
  JmapMethodResult,
  JmapNamedResponse,
} from './method';
export { assertJsonContentType, MAX_JSON_DEPTH, parseJmapRequest } from './parse-request';
export type { ParseRequestOptions } from './parse-request';
export { problemResponse, requestErrorResponse } from './problem-details';
export { processJmapRequest, SERVER_FAIL_DESCRIPTION } from './process-request';
export type { ProcessRequestDeps } from './process-request';
export { resolveResultReferences } from './result-references';
export { buildSession, DEFAULT_CORE_CAPABILITY, jmapEndpoints } from './session';
export type { JmapEndpoints, JmapSessionInput } from './session';
export { JMAP_CORE } from './types';
export type {
  JmapAccount,
  JmapArguments,
  JmapCoreCapability,
  JmapInvocation,
  JmapObject,
  JmapRequest,
  JmapResponse,
  JmapSession,
} from './types';
