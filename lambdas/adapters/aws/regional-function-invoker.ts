import type { FunctionInvoker, InvokeOptions } from '../../core/flow-lambda/ports';

/**
 * A FunctionInvoker that reaches each function in its own Region: Custom Availability Providers may live in
 * another Region than Mailwright (flow-rule functions may not, so flow rules keep a single-Region invoker). One
 * invoker per Region, built on first use.
 * @example
 * const invoker = new RegionalFunctionInvoker((region) => new LambdaFunctionInvoker(new LambdaClient({ region })));
 */
export class RegionalFunctionInvoker implements FunctionInvoker {
  private readonly invokers = new Map<string, FunctionInvoker>();

  /** @param invokerFor - builds the invoker of one Region (e.g. over a LambdaClient of that Region) */
  constructor(private readonly invokerFor: (region: string) => FunctionInvoker) {}

  /** Invokes the function through its Region's invoker; see {@link FunctionInvoker.invoke}. */
  invoke(functionArn: string, payload: unknown, options: InvokeOptions): Promise<Uint8Array | undefined> {
    // arn:<partition>:lambda:<region>:<account>:function:<name>[:<qualifier>]
    const region = functionArn.split(':')[3] ?? '';
    let invoker = this.invokers.get(region);
    if (!invoker) {
      invoker = this.invokerFor(region);
      this.invokers.set(region, invoker);
    }
    return invoker.invoke(functionArn, payload, options);
  }
}
