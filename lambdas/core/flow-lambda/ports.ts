/** How a Run Lambda rule reaches its function. */
export interface InvokeOptions {
  /** `true`: wait for the response (RequestResponse); `false`: queue the event (Event) and return at once. */
  readonly synchronous: boolean;
  /** Deadline of this attempt; the invoker aborts and throws a timed-out FunctionInvocationError after it. */
  readonly timeoutMs: number;
}

/**
 * Invokes a function by ARN. Adapters: `LambdaFunctionInvoker` (AWS Lambda) and `ModuleFunctionInvoker` (local
 * modules or loopback HTTP endpoints).
 */
export interface FunctionInvoker {
  /**
   * Sends `payload` (serialised as JSON) to the function.
   * @returns the raw response payload bytes for a synchronous call (empty for `null`), `undefined` for an
   *   asynchronous one
   * @throws FunctionInvocationError when the function cannot be invoked, fails, or exceeds `timeoutMs`
   */
  invoke(functionArn: string, payload: unknown, options: InvokeOptions): Promise<Uint8Array | undefined>;
}

/** Time source of the retry loop; tests inject a fake one. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  sleep(milliseconds: number): Promise<void>;
}

/** Where the runners report what they did; never throws. */
export interface FlowLambdaLogger {
  warn(message: string, details: Record<string, unknown>): void;
  info(message: string, details: Record<string, unknown>): void;
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds)),
};
