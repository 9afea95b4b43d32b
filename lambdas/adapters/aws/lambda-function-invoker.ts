import { InvokeCommand, ListTagsCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { FunctionInvocationError } from '../../core/flow-lambda/errors';
import {
  FLOW_RULE_ORGANIZATION_TAG,
  type FunctionInvoker,
  type InvokeOptions,
} from '../../core/flow-lambda/ports';

/** How long a function's organization tag is trusted before it is read again. */
export const BINDING_CACHE_MS = 60_000;

/** Options of {@link LambdaFunctionInvoker}. */
export interface LambdaFunctionInvokerOptions {
  /** Epoch ms. @default - Date.now */
  readonly now?: () => number;
}

/**
 * FunctionInvoker over AWS Lambda: `RequestResponse` for synchronous rules, `Event` for asynchronous ones.
 * A function is invoked only when its {@link FLOW_RULE_ORGANIZATION_TAG} tag names the invoking organization (read
 * with ListTags, cached {@link BINDING_CACHE_MS}); the stack's IAM policy only allows invoking tagged functions.
 * The attempt is aborted after `timeoutMs`; a function error (`FunctionError` set) is a failed invocation.
 * @example
 * const invoker = new LambdaFunctionInvoker(new LambdaClient({}));
 */
export class LambdaFunctionInvoker implements FunctionInvoker {
  private readonly bindings = new Map<string, { organizationId?: string; until: number }>();
  private readonly now: () => number;

  constructor(
    private readonly lambda: LambdaClient,
    options: LambdaFunctionInvokerOptions = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Invokes the function; see {@link FunctionInvoker.invoke}. */
  async invoke(
    functionArn: string,
    payload: unknown,
    options: InvokeOptions,
  ): Promise<Uint8Array | undefined> {
    const boundTo = await this.boundOrganization(functionArn, options.timeoutMs);
    if (boundTo !== options.organizationId) {
      throw new FunctionInvocationError(
        `${functionArn} is not bound to organization ${options.organizationId} ` +
          `(tag ${FLOW_RULE_ORGANIZATION_TAG}): not invoked`,
        functionArn,
      );
    }
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

  /** The organization the function's tag names (tags live on the function, not on versions or aliases). */
  private async boundOrganization(functionArn: string, timeoutMs: number): Promise<string | undefined> {
    const resource = functionArn.split(':').slice(0, 7).join(':');
    const cached = this.bindings.get(resource);
    if (cached && cached.until > this.now()) return cached.organizationId;
    let tags;
    try {
      ({ Tags: tags } = await this.lambda.send(new ListTagsCommand({ Resource: resource }), {
        abortSignal: AbortSignal.timeout(timeoutMs),
      }));
    } catch (error) {
      throw new FunctionInvocationError(
        `Reading the tags of ${functionArn} failed: ${(error as Error).message}`,
        functionArn,
        { cause: error },
      );
    }
    const organizationId = tags?.[FLOW_RULE_ORGANIZATION_TAG];
    this.bindings.set(resource, { organizationId, until: this.now() + BINDING_CACHE_MS });
    return organizationId;
  }
}
