import type { CreatedIds } from './created-ids';
import type { JmapMethodError } from './errors';
import type { JmapAccount, JmapArguments, JmapSession } from './types';

/**
 * What a method handler gets besides its arguments. `P` is the runtime's authenticated principal, opaque here.
 * Accounts come only from the session, so a handler cannot reach an account the user was not given.
 */
export interface JmapMethodContext<P> {
  /** Who is calling, as the authenticator resolved it. */
  readonly principal: P;
  /** The caller's session: accounts, capabilities and limits (`capabilities['urn:ietf:params:jmap:core']`). */
  readonly session: JmapSession;
  /** The capabilities the request listed in `using`. */
  readonly using: ReadonlySet<string>;
  /** The request's creation ids: record what a /set creates, resolve `#creationId` references. */
  readonly createdIds: CreatedIds;
  /** The id of the call being processed. */
  readonly methodCallId: string;
  /**
   * The session's account with this id.
   * @throws JmapMethodError accountNotFound when the session has no such account
   */
  account(accountId: string): JmapAccount;
}

/** One response of a method that answers more than once: `[responseName, arguments]` (RFC 8620 §3.2). */
export type JmapNamedResponse = readonly [name: string, arguments: JmapArguments];

/**
 * What a handler returns: its response arguments (one response named like the method), several named responses
 * (e.g. `EmailSubmission/set` followed by the implicit `Email/set`), or a method-level error.
 */
export type JmapMethodResult = JmapArguments | readonly JmapNamedResponse[] | JmapMethodError;

/**
 * A JMAP method. Before `handle` runs, the request layer has checked that `capability` is in `using`, resolved
 * result references, and, when the arguments have an `accountId`, that the session has that account and that the
 * account supports `capability`. A thrown {@link JmapMethodError} becomes an `error` response; anything else
 * thrown becomes `serverFail` (logged, not shown).
 * @example
 * const mailboxGet: JmapMethod<UserPrincipal> = {
 *   capability: 'urn:ietf:params:jmap:mail',
 *   handle: async (args, context) => ({ accountId: args.accountId, state: '0', list: [], notFound: [] }),
 * };
 */
export interface JmapMethod<P> {
  /** The capability the client must list in `using` to call this method. */
  readonly capability: string;
  /**
   * Whether an `accountId` argument names a session account the method works on, checked centrally.
   * @default true - false only for methods that treat `accountId` as plain data (Core/echo)
   */
  readonly usesAccountId?: boolean;
  handle(args: JmapArguments, context: JmapMethodContext<P>): Promise<JmapMethodResult>;
}

/** Method name (e.g. `Mailbox/get`) → method. */
export type JmapMethodRegistry<P> = Readonly<Record<string, JmapMethod<P>>>;
