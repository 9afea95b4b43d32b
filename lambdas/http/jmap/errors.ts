/**
 * Method-level error types (RFC 8620 §3.6.2 for any method, §5.1–5.6 for the standard methods). Handlers may use
 * any other string a method specification defines (RFC 8621 adds some).
 */
export type JmapMethodErrorType =
  | 'serverUnavailable'
  | 'serverFail'
  | 'serverPartialFail'
  | 'unknownMethod'
  | 'invalidArguments'
  | 'invalidResultReference'
  | 'forbidden'
  | 'accountNotFound'
  | 'accountNotSupportedByMethod'
  | 'accountReadOnly'
  | 'requestTooLarge'
  | 'stateMismatch'
  | 'cannotCalculateChanges'
  | 'tooManyChanges'
  | 'fromAccountNotFound'
  | 'fromAccountNotSupportedByMethod'
  | 'anchorNotFound'
  | 'unsupportedSort'
  | 'unsupportedFilter'
  // Any type a later specification defines, while keeping the known ones offered by autocompletion.
  | (string & NonNullable<unknown>);

/**
 * A method-level error: the call answers `["error", {"type": …, "description"?: …}, methodCallId]` and the
 * request goes on with the next call. Handlers throw it or return it.
 * @example
 * throw new JmapMethodError('stateMismatch');
 * throw new JmapMethodError('invalidArguments', 'ids must be an array of Id');
 */
export class JmapMethodError extends Error {
  /** The RFC's error type, e.g. `invalidArguments`. */
  public readonly type: JmapMethodErrorType;
  /** A non-localised explanation for developers; never stored content. */
  public readonly description?: string;

  public constructor(type: JmapMethodErrorType, description?: string, options?: ErrorOptions) {
    super(description ?? type, options);
    this.name = 'JmapMethodError';
    this.type = type;
    this.description = description;
  }

  /** The error object of the `error` response. */
  public toArguments(): { type: string; description?: string } {
    return this.description === undefined
      ? { type: this.type }
      : { type: this.type, description: this.description };
  }
}

/** Request-level problem types (RFC 8620 §3.6.1). */
export type JmapRequestErrorType =
  | 'urn:ietf:params:jmap:error:unknownCapability'
  | 'urn:ietf:params:jmap:error:notJSON'
  | 'urn:ietf:params:jmap:error:notRequest'
  | 'urn:ietf:params:jmap:error:limit';

/** The request limits a `limit` problem can name (RFC 8620 §3.6.1). */
export type JmapRequestLimit = 'maxSizeRequest' | 'maxCallsInRequest' | 'maxConcurrentRequests';

/**
 * A request-level error: the whole request is refused with HTTP 400 and an RFC 7807 problem details body.
 * @example
 * throw new JmapRequestError('urn:ietf:params:jmap:error:limit', 'Too many method calls.', { limit: 'maxCallsInRequest' });
 */
export class JmapRequestError extends Error {
  public readonly type: JmapRequestErrorType;
  /** For `limit`, the name of the limit applied. */
  public readonly limit?: JmapRequestLimit;

  public constructor(
    type: JmapRequestErrorType,
    detail: string,
    options: ErrorOptions & { limit?: JmapRequestLimit } = {},
  ) {
    super(detail, options);
    this.name = 'JmapRequestError';
    this.type = type;
    this.limit = options.limit;
  }

  /** The problem details object (RFC 7807) the client receives. */
  public toProblem(): { type: string; status: 400; detail: string; limit?: string } {
    const problem = { type: this.type, status: 400 as const, detail: this.message };
    return this.limit === undefined ? problem : { ...problem, limit: this.limit };
  }
}
