/**
 * The tag that binds a function to the one organization whose flow rules may invoke it
 * (`mailwright:organization=<organizationId>`). The stack only lets Mailwright invoke functions that carry it, and
 * the cloud invoker refuses a function whose value names another organization.
 */
export const FLOW_RULE_ORGANIZATION_TAG = 'mailwright:organization';

/** How a Run Lambda rule reaches its function. */
export interface InvokeOptions {
  /** The organization whose rule invokes the function: invokers refuse a function not bound to it. */
  readonly organizationId: string;
  /** `true`: wait for the response (RequestResponse); `false`: queue the event (Event) and return at once. */
  readonly synchronous: boolean;
  /** Deadline of this attempt; the invoker aborts and throws a timed-out FunctionInvocationError after it. */
  readonly timeoutMs: number;
}

/**
 * Invokes a function by ARN, only when the function is bound to the invoking organization. Adapters:
 * `LambdaFunctionInvoker` (AWS Lambda; binding = the {@link FLOW_RULE_ORGANIZATION_TAG} tag) and
 * `ModuleFunctionInvoker` (local modules or loopback HTTP endpoints; binding = the organizations the function map
 * lists).
 */
export interface FunctionInvoker {
  /**
   * Sends `payload` (serialised as JSON) to the function.
   * @returns the raw response payload bytes for a synchronous call (empty for `null`), `undefined` for an
   *   asynchronous one
   * @throws FunctionInvocationError when the function is not bound to `options.organizationId` (it is then not
   *   invoked), cannot be invoked, fails, or exceeds `timeoutMs`
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
