import type { MailboxModel } from '../../../core/mailbox/mailbox-model';
import type { MailboxModelStore, MailboxStore } from '../../../core/mailbox/ports';
import type { MailboxService } from '../../../core/mailbox/service';
import type { MessageSearch } from '../../../core/search';
import { JmapMethodError } from '../errors';
import type { JmapMethodContext } from '../method';
import type { JmapArguments } from '../types';
import { assertWithinLimit } from './arguments';
import { decodeState, encodeState } from './state';

/** The JMAP Mail capability (RFC 8621). */
export const JMAP_MAIL = 'urn:ietf:params:jmap:mail';

/** What the mail methods need to know of the caller: the organization whose mailboxes the accounts are. */
export interface MailPrincipal {
  readonly organizationId: string;
}

/** The mailbox model and stores the mail methods translate to. */
export interface MailMethodDeps {
  readonly model: MailboxModel;
  readonly store: MailboxModelStore & Pick<MailboxStore, 'listMessages' | 'getMailbox'>;
  /** Reads, stores and uploads message bytes (decrypted and encrypted inside the request). */
  readonly mailboxes: Pick<MailboxService, 'readMessage' | 'deliver' | 'storeUpload' | 'readUpload'>;
  /** The mailbox's quota in bytes (the user's `MailboxQuota`, else the organization default). */
  readonly quotaBytes: (organizationId: string, mailboxId: string) => Promise<number>;
  /** Email/query filters beyond `inMailbox`, from the search index. */
  readonly search: Pick<MessageSearch, 'search'>;
  /** @default - `Date.now` */
  readonly now?: () => number;
}

/** The mailbox a call works on: an account id is a mailbox id of the caller's organization. */
export interface MailTarget {
  readonly organizationId: string;
  readonly mailboxId: string;
  readonly accountId: string;
}

/** The call's target; the request layer has already checked that the account is in the caller's session. */
export function targetOf(args: JmapArguments, context: JmapMethodContext<MailPrincipal>): MailTarget {
  const accountId = args.accountId;
  if (typeof accountId !== 'string') throw new JmapMethodError('invalidArguments', 'accountId is required.');
  context.account(accountId);
  return { organizationId: context.principal.organizationId, mailboxId: accountId, accountId };
}

/** The current state of the mailbox behind an account. */
export async function currentState(
  deps: MailMethodDeps,
  target: MailTarget,
): Promise<{ modseq: number; state: string }> {
  const mailbox = await deps.store.getMailbox(target.organizationId, target.mailboxId);
  if (mailbox?.state !== 'ACTIVE') throw new JmapMethodError('accountNotFound');
  return { modseq: mailbox.modseq, state: encodeState(mailbox.modseq, (deps.now ?? Date.now)()) };
}

/** `ifInState` (RFC 8620 §5.3): refuses the call with `stateMismatch` unless the state still matches. */
export function checkIfInState(args: JmapArguments, deps: MailMethodDeps, modseq: number): void {
  if (args.ifInState === undefined || args.ifInState === null) return;
  if (decodeState(args.ifInState, (deps.now ?? Date.now)()) !== modseq)
    throw new JmapMethodError('stateMismatch');
}

/**
 * The frame every /set-like call shares (RFC 8620 §5.3): the account, the object limit, `ifInState`, then the
 * change, answered with the states before and after it.
 * @param objects - how many objects the call names (`maxObjectsInSet` bounds it)
 * @example
 * return changeWithStates(deps, args, context, setSize(args), async (target) => ({ created, notCreated }));
 */
export async function changeWithStates<T extends Record<string, unknown>>(
  deps: MailMethodDeps,
  args: JmapArguments,
  context: JmapMethodContext<MailPrincipal>,
  objects: number,
  change: (target: MailTarget) => Promise<T>,
): Promise<T & { accountId: string; oldState: string; newState: string }> {
  const target = targetOf(args, context);
  assertWithinLimit(context, objects, 'maxObjectsInSet');
  const before = await currentState(deps, target);
  checkIfInState(args, deps, before.modseq);
  const result = await change(target);
  const after = await currentState(deps, target);
  return { accountId: target.accountId, oldState: before.state, newState: after.state, ...result };
}
