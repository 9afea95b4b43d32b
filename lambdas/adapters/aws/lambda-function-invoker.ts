import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { FunctionInvocationError } from '../../core/flow-lambda/errors';
import type { FunctionInvoker, InvokeOptions } from '../../core/flow-lambda/ports';

/**
 * FunctionInvoker over AWS Lambda: `RequestResponse` for synchronous rules, `Event` for asynchronous ones.
 * The attempt is aborted after `timeoutMs`; a function error (`FunctionError` set) is a failed invocation.
 * @example
 * const invoker = new LambdaFunctionInvoker(new LambdaClient({}));
 */
export class LambdaFunctionInvoker implements FunctionInvoker {
  constructor(private readonly lambda: LambdaClient) {}

  /** Invokes the function; see {@link FunctionInvoker.invoke}. */
  async invoke(
    functionArn: string,
    payload: unknown,
    options: InvokeOptions,
  ): Promise<Uint8Array | undefined> {
    const command = new InvokeCommand({
      FunctionName: functionArn,
      InvocationType: options.synchronous ? 'RequestResponse' : 'Event',
      Payload: Buffer.from(JSON.stringify(payload)),
    });
    let output;
    try {
      output = await this.lambda.send(command, { abortSignal: AbortSignal.timeout(options.timeoutMs) });
    } catch (error) {
      const timedOut =
        error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
      throw new FunctionInvocationError(
        `Invoking ${functionArn} failed: ${(error as Error).message}`,
        functionArn,
        {
          cause: error,
          timedOut,
        },
      );
    }
    if (output.FunctionError) {
      const detail = output.Payload ? Buffer.from(output.Payload).toString('utf8').slice(0, 500) : '';
      throw new FunctionInvocationError(
        `Function ${functionArn} failed (${output.FunctionError}): ${detail}`,
        functionArn,
      );
    }
    return options.synchronous ? (output.Payload ?? new Uint8Array()) : undefined;
  }
}
