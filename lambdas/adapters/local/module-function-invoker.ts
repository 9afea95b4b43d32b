import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FunctionInvocationError } from '../../core/flow-lambda/errors';
import type { FunctionInvoker, InvokeOptions } from '../../core/flow-lambda/ports';

/**
 * Local stand-ins for Lambda functions, by ARN. A target is either a module path (`.mjs`, `.js`, or `.ts` under
 * tsx) exporting `handler(event, context)`, run in-process, or a loopback URL (`http://127.0.0.1:…`,
 * `http://localhost:…`, `http://[::1]:…`) that receives the event as a JSON POST and answers with JSON.
 * Config file format (docs/lambda-actions.md): `{ "functions": { "<lambda arn>": "<module path or URL>" } }`,
 * relative module paths resolved against the config file's directory.
 */
export type FunctionTargets = Readonly<Record<string, string>>;

/** Hosts a URL target may name: loopback only. */
export const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'] as const;

type Handler = (event: unknown, context: Record<string, unknown>) => unknown;

/**
 * Reads the `functions` map of a local config document and resolves relative module paths.
 * @param document - parsed JSON config
 * @param baseDirectory - directory relative module paths are resolved against
 * @throws TypeError on a malformed document or a non-loopback URL
 * @example
 * parseFunctionTargets({ functions: { 'arn:aws:lambda:eu-west-1:111122223333:function:hello': './index.mjs' } }, dir);
 */
export function parseFunctionTargets(document: unknown, baseDirectory: string): FunctionTargets {
  const functions = (document as { functions?: unknown } | null)?.functions;
  if (typeof functions !== 'object' || functions === null)
    throw new TypeError('Function config needs a "functions" object');
  const targets: Record<string, string> = {};
  for (const [arn, target] of Object.entries(functions)) {
    if (typeof target !== 'string') throw new TypeError(`Target of ${arn} must be a string`);
    if (/^https?:/i.test(target)) {
      const { hostname } = new URL(target);
      if (!(LOOPBACK_HOSTS as readonly string[]).includes(hostname))
        throw new TypeError(`${target} is not a loopback URL`);
      targets[arn] = target;
    } else targets[arn] = isAbsolute(target) ? target : resolve(baseDirectory, target);
  }
  return targets;
}

/**
 * FunctionInvoker for the local runtime: maps a Lambda ARN to a module or a loopback HTTP endpoint.
 * Synchronous calls wait (at most `timeoutMs`); asynchronous ones start the handler and return at once, logging
 * its failure through `onAsyncError`.
 * @example
 * const invoker = new ModuleFunctionInvoker(parseFunctionTargets(config, dirname(configPath)));
 */
export class ModuleFunctionInvoker implements FunctionInvoker {
  constructor(
    private readonly targets: FunctionTargets,
    private readonly onAsyncError: (error: Error) => void = () => undefined,
  ) {}

  /** Invokes the mapped target; see {@link FunctionInvoker.invoke}. */
  async invoke(
    functionArn: string,
    payload: unknown,
    options: InvokeOptions,
  ): Promise<Uint8Array | undefined> {
    const target = this.targets[functionArn];
    if (!target)
      throw new FunctionInvocationError(`No local target is configured for ${functionArn}`, functionArn);
    const event = JSON.parse(JSON.stringify(payload)) as unknown;
    const run = () =>
      this.withTimeout(functionArn, options.timeoutMs, (signal) =>
        this.call(functionArn, target, event, signal),
      );
    if (!options.synchronous) {
      run().catch((error: Error) => this.onAsyncError(error));
      return undefined;
    }
    return run();
  }

  private async call(
    functionArn: string,
    target: string,
    event: unknown,
    signal: AbortSignal,
  ): Promise<Uint8Array> {
    if (/^https?:/i.test(target)) {
      const response = await fetch(target, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(event),
        signal,
      });
      const body = new Uint8Array(await response.arrayBuffer());
      if (!response.ok)
        throw new FunctionInvocationError(`${target} answered HTTP ${response.status}`, functionArn);
      return body;
    }
    const module = (await import(pathToFileURL(target).href)) as { handler?: Handler };
    if (typeof module.handler !== 'function')
      throw new FunctionInvocationError(`${target} exports no handler`, functionArn);
    const context = {
      functionName: functionArn.split(':').pop(),
      invokedFunctionArn: functionArn,
      awsRequestId: crypto.randomUUID(),
    };
    const result = await module.handler(event, context);
    // Like the Lambda runtime: the return value is serialised as JSON (undefined → null).
    return Buffer.from(JSON.stringify(result ?? null));
  }

  private async withTimeout<T>(
    functionArn: string,
    timeoutMs: number,
    work: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(
          new FunctionInvocationError(`${functionArn} did not answer within ${timeoutMs} ms`, functionArn, {
            timedOut: true,
          }),
        );
      }, timeoutMs);
    });
    try {
      return await Promise.race([work(controller.signal), timeout]);
    } catch (error) {
      if (error instanceof FunctionInvocationError) throw error;
      throw new FunctionInvocationError(`${functionArn} failed: ${(error as Error).message}`, functionArn, {
        cause: error,
      });
    } finally {
      clearTimeout(timer);
    }
  }
}
