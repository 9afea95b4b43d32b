import type { MailMethodDeps } from './context';
import { encodeState } from './state';

/**
 * JMAP push over server-sent events (RFC 8620 §7.3): a `state` event whenever a mailbox of the user's accounts
 * changes, and `ping` events while nothing does. Every type shares the mailbox's one modseq, so a change names
 * Email, Mailbox and Thread (and whichever of them `types` asks for). The mailboxes are polled once a second: the
 * local runtime's stand-in for a change feed (a Lambda behind API Gateway cannot hold the stream open).
 */

/** The data types a state change names. */
const TYPES = ['Email', 'Mailbox', 'Thread'] as const;
const POLL_MS = 1000;

/** What the client asked for in the event-source URL. */
export interface EventSourceRequest {
  /** `*` or a comma-separated list of type names. */
  readonly types: string;
  /** `state`: end the stream after the first state event. */
  readonly closeafter: string;
  /** Seconds between pings while idle; 0 for none (clamped to 5–300 otherwise). */
  readonly ping: string;
}

/**
 * The event stream of one connection.
 * @param accounts - account id → the organization and mailbox it is
 * @param sleep - waits (tests pass a fake clock)
 * @example
 * const events = eventStream(deps, { [userId]: { organizationId, mailboxId: userId } }, { types: '*', closeafter: 'no', ping: '30' });
 */
export async function* eventStream(
  deps: Pick<MailMethodDeps, 'store' | 'now'>,
  accounts: Readonly<Record<string, { organizationId: string; mailboxId: string }>>,
  request: EventSourceRequest,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): AsyncGenerator<string> {
  const wanted =
    request.types === '*' ? TYPES : TYPES.filter((type) => request.types.split(',').includes(type));
  const pingSeconds =
    Number(request.ping) > 0 ? Math.min(300, Math.max(5, Math.floor(Number(request.ping)))) : 0;
  const now = deps.now ?? Date.now;
  const modseqs = async () =>
    Object.fromEntries(
      await Promise.all(
        Object.entries(accounts).map(
          async ([accountId, { organizationId, mailboxId }]) =>
            [accountId, (await deps.store.getMailbox(organizationId, mailboxId))?.modseq ?? 0] as const,
        ),
      ),
    );
  let known = await modseqs();
  let idleMs = 0;
  for (;;) {
    await sleep(POLL_MS);
    const current = await modseqs();
    const changed = Object.keys(current).filter((accountId) => current[accountId] !== known[accountId]);
    known = current;
    if (changed.length > 0 && wanted.length > 0) {
      idleMs = 0;
      const byAccount = Object.fromEntries(
        changed.map((accountId) => [
          accountId,
          Object.fromEntries(wanted.map((type) => [type, encodeState(current[accountId], now())])),
        ]),
      );
      yield `event: state\ndata: ${JSON.stringify({ '@type': 'StateChange', changed: byAccount })}\n\n`;
      if (request.closeafter === 'state') return;
      continue;
    }
    idleMs += POLL_MS;
    if (pingSeconds > 0 && idleMs >= pingSeconds * 1000) {
      idleMs = 0;
      yield `event: ping\ndata: ${JSON.stringify({ interval: pingSeconds })}\n\n`;
    }
  }
}
