/** Errors of the Run Lambda action. None crosses an API; the runner turns them into retries and fallbacks. */

/** The function could not be invoked, returned a function error, or did not answer in time. */
export class FunctionInvocationError extends Error {
  readonly functionArn: string;
  /** True when the attempt failed because it exceeded its deadline. */
  readonly timedOut: boolean;
  constructor(message: string, functionArn: string, options?: ErrorOptions & { timedOut?: boolean }) {
    super(message, options);
    this.name = 'FunctionInvocationError';
    this.functionArn = functionArn;
    this.timedOut = options?.timedOut ?? false;
  }
}

/** The function answered, but not with a valid §7.4 response (bad JSON, too large, unknown action, …). */
export class InvalidLambdaResponseError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InvalidLambdaResponseError';
  }
}
