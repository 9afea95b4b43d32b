import { CreatedIds } from './created-ids';
import { JmapMethodError } from './errors';
import { describeError, type JmapLogger } from './logger';
import type { JmapMethod, JmapMethodContext, JmapMethodRegistry } from './method';
import { resolveResultReferences } from './result-references';
import {
  JMAP_CORE,
  type JmapAccount,
  type JmapInvocation,
  type JmapRequest,
  type JmapResponse,
  type JmapSession,
} from './types';

/** What {@link processJmapRequest} runs a request with. */
export interface ProcessRequestDeps<P> {
  readonly principal: P;
  readonly session: JmapSession;
  readonly methods: JmapMethodRegistry<P>;
  /** Where unexpected handler failures are logged; the client only sees `serverFail`. */
  readonly logger: JmapLogger;
}

/** The description of every `serverFail` made from an unexpected error: nothing about the failure leaks. */
export const SERVER_FAIL_DESCRIPTION = 'An unexpected error occurred; it has been logged.';

/**
 * Runs the method calls of a valid request in order (RFC 8620 §3.3–3.6) and builds the Response object. A call
 * that fails answers `["error", {type, description?}, methodCallId]` and the next call runs as normal.
 * @param request - a request that {@link parseJmapRequest} accepted
 * @param deps - the caller, their session, the methods and the logger
 * @example
 * const response = await processJmapRequest(request, { principal, session, methods, logger });
 */
export async function processJmapRequest<P>(
  request: JmapRequest,
  deps: ProcessRequestDeps<P>,
): Promise<JmapResponse> {
  const using: ReadonlySet<string> = new Set(request.using);
  const createdIds = new CreatedIds(request.createdIds);
  const methodResponses: JmapInvocation[] = [];
  for (const [name, args, methodCallId] of request.methodCalls) {
    const context: JmapMethodContext<P> = {
      principal: deps.principal,
      session: deps.session,
      using,
      createdIds,
      methodCallId,
      account: (accountId) => sessionAccount(deps.session, accountId),
    };
    const responses = await invoke(name, args, context, methodResponses, deps);
    for (const [responseName, responseArgs] of responses) {
      methodResponses.push([responseName, responseArgs, methodCallId]);
    }
  }
  return {
    methodResponses,
    ...(request.createdIds === undefined ? {} : { createdIds: createdIds.toJSON() }),
    sessionState: deps.session.state,
  };
}

async function invoke<P>(
  name: string,
  args: JmapInvocation[1],
  context: JmapMethodContext<P>,
  earlier: readonly JmapInvocation[],
  deps: ProcessRequestDeps<P>,
): Promise<ReadonlyArray<readonly [string, JmapInvocation[1]]>> {
  try {
    const method = Object.hasOwn(deps.methods, name) ? deps.methods[name] : undefined;
    // A method of a capability the client did not ask for is unknown to this request.
    if (!method || !context.using.has(method.capability)) {
      throw new JmapMethodError('unknownMethod', `'${name}' is not a method this request can call.`);
    }
    const resolved = resolveResultReferences(args, earlier);
    if (method.usesAccountId !== false && Object.hasOwn(resolved, 'accountId')) {
      checkAccount(resolved.accountId, method, deps.session);
    }
    const result = await method.handle(resolved, context);
    if (result instanceof JmapMethodError) return [['error', result.toArguments()]];
    return Array.isArray(result) ? result : [[name, result as JmapInvocation[1]]];
  } catch (error) {
    if (error instanceof JmapMethodError) return [['error', error.toArguments()]];
    deps.logger.error('JMAP method failed', { method: name, error: describeError(error) });
    return [['error', { type: 'serverFail', description: SERVER_FAIL_DESCRIPTION }]];
  }
}

function checkAccount<P>(accountId: unknown, method: JmapMethod<P>, session: JmapSession): void {
  if (typeof accountId !== 'string')
    throw new JmapMethodError('invalidArguments', 'accountId must be an Id.');
  const account = sessionAccount(session, accountId);
  // Core methods are server-wide; accounts list the capabilities of the data they hold (RFC 8620 §2).
  if (method.capability !== JMAP_CORE && !Object.hasOwn(account.accountCapabilities, method.capability)) {
    throw new JmapMethodError(
      'accountNotSupportedByMethod',
      `The account does not support ${method.capability}.`,
    );
  }
}

function sessionAccount(session: JmapSession, accountId: string): JmapAccount {
  const account = Object.hasOwn(session.accounts, accountId) ? session.accounts[accountId] : undefined;
  if (!account) throw new JmapMethodError('accountNotFound', `No account '${accountId}' in this session.`);
  return account;
}
