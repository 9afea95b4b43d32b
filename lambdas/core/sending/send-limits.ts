import type { SendingCounters, SendingDeps } from './ports';
import type { SendingLimitName } from './types';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What one message counts towards the daily limits. */
export interface LimitUsage {
  readonly organizationId: string;
  readonly userId: string;
  /** Recipients outside this deployment. */
  readonly external: number;
  /** Every recipient, when the message is sent from a test domain; else 0. */
  readonly testDomain: number;
}

/** Reserved counts, to take back when the message is not sent after all. */
export type LimitReservation = { readonly release: () => Promise<void> };

/**
 * Reserves the message's recipients under every daily limit it counts towards (quotas-and-organizations.md §1): a
 * user's outside recipients (10,000), the deployment's outside recipients (100,000), and every recipient of mail
 * sent from a test domain (200). Counters are per UTC day. A limit that would be exceeded takes back what was
 * reserved and names itself.
 * @example
 * const outcome = await reserveLimits(deps, { organizationId, userId, external: 2, testDomain: 0 });
 */
export async function reserveLimits(
  deps: Pick<SendingDeps, 'counters' | 'quotas' | 'now'>,
  usage: LimitUsage,
): Promise<{ ok: true; reservation: LimitReservation } | { ok: false; limit: SendingLimitName }> {
  const now = (deps.now ?? Date.now)();
  const day = new Date(now).toISOString().slice(0, 10);
  const expiresAt = Math.floor(now / DAY_MS) * DAY_MS + 2 * DAY_MS;
  const wanted: { key: string; count: number; limit: number; name: SendingLimitName }[] = [
    {
      key: `USER#${usage.organizationId}#${usage.userId}#${day}`,
      count: usage.external,
      limit: deps.quotas.externalRecipientsPerUserPerDay,
      name: 'externalRecipientsPerUserPerDay',
    },
    {
      key: `ACCOUNT#${day}`,
      count: usage.external,
      limit: deps.quotas.externalRecipientsPerAccountPerDay,
      name: 'externalRecipientsPerAccountPerDay',
    },
    {
      key: `TESTDOMAIN#${day}`,
      count: usage.testDomain,
      limit: deps.quotas.testDomainRecipientsPerAccountPerDay,
      name: 'testDomainRecipientsPerAccountPerDay',
    },
  ];
  const taken: { key: string; count: number }[] = [];
  const release = () => releaseAll(deps.counters, taken);
  for (const counter of wanted.filter((entry) => entry.count > 0)) {
    if (!(await deps.counters.reserve(counter.key, counter.count, counter.limit, expiresAt))) {
      await release();
      return { ok: false, limit: counter.name };
    }
    taken.push(counter);
  }
  return { ok: true, reservation: { release } };
}

async function releaseAll(counters: SendingCounters, taken: readonly { key: string; count: number }[]) {
  for (const { key, count } of taken) await counters.release(key, count);
}
