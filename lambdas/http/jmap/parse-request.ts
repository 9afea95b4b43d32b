import { JmapRequestError } from './errors';
import type { JmapArguments, JmapInvocation, JmapRequest } from './types';

/** What {@link parseJmapRequest} checks a request against. */
export interface ParseRequestOptions {
  /** The largest body accepted, in octets (`maxSizeRequest`). */
  readonly maxSizeRequest: number;
  /** The most method calls accepted (`maxCallsInRequest`). */
  readonly maxCallsInRequest: number;
  /** The capability URIs the server supports (the session's `capabilities` keys). */
  readonly capabilities: ReadonlySet<string>;
}

/**
 * Deeper JSON is refused as notJSON (RFC 8259 §9 lets a parser limit nesting): it keeps every later recursive
 * walk, JSON.stringify included, far from the stack limit. No JMAP request comes close.
 */
export const MAX_JSON_DEPTH = 128;

const NOT_JSON = 'urn:ietf:params:jmap:error:notJSON';
const NOT_REQUEST = 'urn:ietf:params:jmap:error:notRequest';
const LIMIT = 'urn:ietf:params:jmap:error:limit';
const UNKNOWN_CAPABILITY = 'urn:ietf:params:jmap:error:unknownCapability';
/** The Id data type (RFC 8620 §1.2): 1–255 characters of the URL-safe base64 alphabet. */
const ID = /^[A-Za-z0-9_-]{1,255}$/;
/** Matches an unpaired UTF-16 surrogate, which I-JSON (RFC 7493 §2.1) forbids. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Refuses a request whose `Content-Type` is not `application/json` (RFC 8620 §3.1 says it MUST be; §3.6.1 names
 * that case notJSON). Parameters are allowed, except a charset other than UTF-8 (I-JSON is UTF-8).
 * @param contentType - the request's `content-type` header, if any
 * @throws JmapRequestError notJSON
 * @example
 * assertJsonContentType(request.headers['content-type']);
 */
export function assertJsonContentType(contentType: string | undefined): void {
  const [mediaType = '', ...parameters] = (contentType ?? '').split(';').map((part) => part.trim());
  const charset = parameters
    .map((parameter) => /^charset\s*=\s*"?([^"]*)"?$/i.exec(parameter)?.[1])
    .find((value) => value !== undefined);
  if (mediaType.toLowerCase() !== 'application/json' || (charset && charset.toLowerCase() !== 'utf-8')) {
    throw new JmapRequestError(NOT_JSON, 'The request content type must be application/json.');
  }
}

/**
 * Decodes and validates a Request object (RFC 8620 §3.3), in this order: size (limit `maxSizeRequest`), I-JSON
 * (notJSON), the Request type signature (notRequest), the number of calls (limit `maxCallsInRequest`), and the
 * capabilities in `using` (unknownCapability). Unknown top-level properties are ignored, as §3.3 requires.
 * @param body - the raw request body
 * @param options - limits and supported capabilities
 * @throws JmapRequestError for any request-level error
 * @example
 * const request = parseJmapRequest(httpRequest.body, { maxSizeRequest, maxCallsInRequest, capabilities });
 */
export function parseJmapRequest(body: Buffer, options: ParseRequestOptions): JmapRequest {
  if (body.length > options.maxSizeRequest) {
    throw new JmapRequestError(LIMIT, 'The request is larger than the server is willing to process.', {
      limit: 'maxSizeRequest',
    });
  }
  const document = decodeIJson(body);
  const request = toRequest(document);
  if (request.methodCalls.length > options.maxCallsInRequest) {
    throw new JmapRequestError(
      LIMIT,
      `The request has ${request.methodCalls.length} method calls; the server accepts at most ${options.maxCallsInRequest}.`,
      { limit: 'maxCallsInRequest' },
    );
  }
  const unknown = request.using.find((capability) => !options.capabilities.has(capability));
  if (unknown !== undefined) {
    throw new JmapRequestError(
      UNKNOWN_CAPABILITY,
      `The request used capability '${unknown}', which this server does not support.`,
    );
  }
  return request;
}

function decodeIJson(body: Buffer): unknown {
  let document: unknown;
  try {
    // fatal: invalid UTF-8 is an error, not U+FFFD; ignoreBOM keeps a BOM so that JSON.parse refuses it (RFC 7493).
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
    document = JSON.parse(text);
  } catch (error) {
    throw new JmapRequestError(NOT_JSON, 'The request body is not valid UTF-8 JSON.', { cause: error });
  }
  const problem = iJsonProblem(document);
  if (problem) throw new JmapRequestError(NOT_JSON, `The request body is not I-JSON: ${problem}.`);
  return document;
}

/** Walks the document without recursion (its depth is not yet known to be safe). */
function iJsonProblem(root: unknown): string | undefined {
  const pending: Array<{ value: unknown; depth: number }> = [{ value: root, depth: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value, depth } = next;
    if (typeof value === 'string' && LONE_SURROGATE.test(value)) return 'a string has an unpaired surrogate';
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) return `it nests deeper than ${MAX_JSON_DEPTH} levels`;
    for (const [key, item] of Object.entries(value)) {
      if (LONE_SURROGATE.test(key)) return 'a member name has an unpaired surrogate';
      pending.push({ value: item, depth: depth + 1 });
    }
  }
  return undefined;
}

function toRequest(document: unknown): JmapRequest {
  if (!isObject(document)) throw notRequest('The request must be a JSON object.');
  const { using, methodCalls, createdIds } = document;
  if (!Array.isArray(using) || !using.every((item) => typeof item === 'string')) {
    throw notRequest('using must be an array of strings.');
  }
  if (!Array.isArray(methodCalls)) throw notRequest('methodCalls must be an array.');
  const calls = methodCalls.map(toInvocation);
  if (createdIds === undefined) return { using, methodCalls: calls };
  if (!isObject(createdIds) || !Object.entries(createdIds).every(isIdPair)) {
    throw notRequest('createdIds must map creation ids to ids (Id[Id]).');
  }
  return { using, methodCalls: calls, createdIds: createdIds as Record<string, string> };
}

function toInvocation(call: unknown, index: number): JmapInvocation {
  if (!Array.isArray(call) || call.length !== 3) {
    throw notRequest(`methodCalls[${index}] must be a [name, arguments, methodCallId] array.`);
  }
  const [name, args, methodCallId] = call as unknown[];
  if (typeof name !== 'string') throw notRequest(`methodCalls[${index}]: the method name must be a string.`);
  if (!isObject(args)) throw notRequest(`methodCalls[${index}]: the arguments must be a JSON object.`);
  if (typeof methodCallId !== 'string') {
    throw notRequest(`methodCalls[${index}]: the method call id must be a string.`);
  }
  return [name, args, methodCallId];
}

function isIdPair([creationId, id]: [string, unknown]): boolean {
  return ID.test(creationId) && typeof id === 'string' && ID.test(id);
}

function isObject(value: unknown): value is JmapArguments {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function notRequest(detail: string): JmapRequestError {
  return new JmapRequestError(NOT_REQUEST, detail);
}
