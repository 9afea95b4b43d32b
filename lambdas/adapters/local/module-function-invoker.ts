import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FunctionInvocationError } from '../../core/flow-lambda/errors';
import type { FunctionInvoker, InvokeOptions } from '../../core/flow-lambda/ports';

/**
 * A local stand-in for a Lambda function: `target` is either a module path (`.mjs`, `.js`, or `.ts` under tsx)
 * exporting `handler(event, context)`, run in-process, or a loopback URL (`http://127.0.0.1:…`,
 * `http://localhost:…`, `http://[::1]:…`) that receives the event as a JSON POST and answers with JSON.
 * `organizations` binds it: only flow rules of these organizations (ids or aliases) may invoke it, as the
 * `mailwright:organization` tag does in the cloud.
 */
export interface LocalFunctionTarget {
  readonly target: string;
  readonly organizations: readonly string[];
}

/**
 * Local stand-ins for Lambda functions, by ARN. Config file format (docs/lambda-actions.md):
 * `{ "functions": { "<lambda arn>": { "target": "<module path or URL>", "organizations": ["<alias or id>"] } } }`,
 * relative module paths resolved against the config file's directory.
 */
export type FunctionTargets = Readonly<Record<string, LocalFunctionTarget>>;

/** Hosts a URL target may name: loopback only. */
export const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'] as const;

type Handler = (event: unknown, context: Record<string, unknown>) => unknown;

/**
 * Reads the `functions` map of a local config document and resolves relative module paths.
 * @param document - parsed JSON config
 * @param baseDirectory - directory relative module paths are resolved against
 * @throws TypeError on a malformed document, a function without organizations, or a non-loopback URL
 * @example
 * parseFunctionTargets({ functions: { 'arn:aws:lambda:eu-west-1:111122223333:function:hello':
 *   { target: './index.mjs', organizations: ['acme'] } } }, dir);
 */
export function parseFunctionTargets(document: unknown, baseDirectory: string): FunctionTargets {
  const functions = (document as { functions?: unknown } | null)?.functions;
  if (typeof functions !== 'object' || functions === null)
    throw new TypeError('Function config needs a "functions" object');
  const targets: Record<string, LocalFunctionTarget> = {};
  for (const [arn, entry] of Object.entries(functions)) {
    const { target, organizations } = (entry ?? {}) as { target?: unknown; organizations?: unknown };
    if (typeof target !== 'string')
      throw new TypeError(`${arn} needs { "target": "<module path or URL>", "organizations": [...] }`);
    if (
      !Array.isArray(organizations) ||
      organizations.length === 0 ||
      !organizations.every((organization) => typeof organization === 'string' && organization !== '')
    ) {
      throw new TypeError(`${arn} needs "organizations": the aliases or ids of the organizations it serves`);
    }
    if (/^https?:/i.test(target)) {
      const { hostname } = new URL(target);
      if (!(LOOPBACK_HOSTS as readonly string[]).includes(hostname))
        throw new TypeError(`${target} is not a loopback URL`);
      targets[arn] = { target, organizations };
    } else {
      targets[arn] = { target: isAbsolute(target) ? target : resolve(baseDirectory, target), organizations };
    }
  }
  return targets;
}

/** Options of {@link ModuleFunctionInvoker}. */
export interface ModuleFunctionInvokerOptions {
  /** Where an asynchronous handler's failure is reported. @default - ignored */
  readonly onAsyncError?: (error: Error) => void;
  /** The alias of an organization, so a target may name organizations by alias. @default - ids only */
  readonly organizationAlias?: (organizationId: string) => Promise<string | undefined>;
}

/**
 * FunctionInvoker for the local runtime: maps a Lambda ARN to a module or a loopback HTTP endpoint, for the
 * organizations the map binds it to. Synchronous calls wait (at most `timeoutMs`); asynchronous ones start the
 * handler and return at once, logging its failure through `onAsyncError`.
 * @example
 * const invoker = new ModuleFunctionInvoker(parseFunctionTargets(config, dirname(configPath)), { organizationAlias });
 */
export class ModuleFunctionInvoker implements FunctionInvoker {
  private readonly onAsyncError: (error: Error) => void;
  private readonly organizationAlias: (organizationId: string) => Promise<string | undefined>;

  constructor(
    private readonly targets: FunctionTargets,
    options: ModuleFunctionInvokerOptions = {},
  ) {
    this.onAsyncError = options.onAsyncError ?? (() => undefined);
    this.organizationAlias = options.organizationAlias ?? (async () => undefined);
  }

  /** Invokes the mapped target; see {@link FunctionInvoker.invoke}. */
  async invoke(
    functionArn: string,
    payload: unknown,
    options: InvokeOptions,
  ): Promise<Uint8Array | undefined> {
    const mapped = this.targets[functionArn];
    if (!mapped)
      throw new FunctionInvocationError(`No local target is configured for ${functionArn}`, functionArn);
    if (!(await this.serves(mapped, options.organizationId))) {
      throw new FunctionInvocationError(
        `${functionArn} does not list organization ${options.organizationId}: not invoked`,
        functionArn,
      );
    }
    const { target } = mapped;
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

  private async serves(mapped: LocalFunctionTarget, organizationId: string): Promise<boolean> {
    if (mapped.organizations.includes(organizationId)) return true;
    // Aliases are unique regardless of case (as the directory claims them).
    const alias = (await this.organizationAlias(organizationId))?.toLowerCase();
    return alias !== undefined && mapped.organizations.some((name) => name.toLowerCase() === alias);
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
