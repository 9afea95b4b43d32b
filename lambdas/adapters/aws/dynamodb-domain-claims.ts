import type { MailDomain } from '../../core/directory/types';
import { claimKey } from './dynamodb-organization-items';
import { failedAt, type CancellationCodes, type TransactItems } from './dynamodb-transact';

/**
 * The parent domains whose owner controls a domain's DNS, nearest first, without the top-level label (never
 * registrable): `a.b.example.com` → `b.example.com`, `example.com`.
 * @example
 * parentDomains('mail.example.com'); // ['example.com']
 */
export function parentDomains(domainName: string): string[] {
  const labels = domainName.split('.');
  return labels.slice(1, -1).map((_, index) => labels.slice(index + 1).join('.'));
}

/** Transaction items that hold domains for one organization, and which requested domain each item guards. */
export interface ClaimPlan {
  readonly items: TransactItems;
  /** For each item, the requested domains it guards (in request order). */
  readonly guards: readonly (readonly string[])[];
}

/** The domain fields a claim plan reads. */
export type ClaimedDomain = Pick<MailDomain, 'domainName' | 'ownershipVerificationStatus'>;

/**
 * Plans the claim items of some domains for `organizationId`: a verified domain's `DOMAIN#<d> / CLAIM` item is
 * written, a pending or failed one's only checked, and every parent domain's claim is checked; each item only while
 * absent or already the organization's. So a domain verified by another organization, or under a parent another
 * organization verified, cannot be registered, and only verification claims a domain (inbound routing follows
 * claims). One item per key, as DynamoDB requires; a write wins over a check of the same key.
 * @param domains - custom domains (test domains are claimed by their own conditional put)
 * @example
 * const plan = claimPlan(table, organizationId, [domain]);
 * const codes = await transact(documents, [...plan.items, putNew(table, domainItem)]);
 */
export function claimPlan(
  tableName: string,
  organizationId: string,
  domains: readonly ClaimedDomain[],
): ClaimPlan {
  const planned = new Map<string, { write: boolean; guards: string[] }>();
  const add = (claimed: string, requested: string, write: boolean) => {
    const entry = planned.get(claimed) ?? { write: false, guards: [] };
    planned.set(claimed, { write: entry.write || write, guards: [...entry.guards, requested] });
  };
  for (const domain of domains) {
    add(domain.domainName, domain.domainName, domain.ownershipVerificationStatus === 'VERIFIED');
    for (const parent of parentDomains(domain.domainName)) add(parent, domain.domainName, false);
  }
  const condition = {
    ConditionExpression: 'attribute_not_exists(pk) OR organizationId = :org',
    ExpressionAttributeValues: { ':org': organizationId },
  };
  const items: TransactItems = [...planned].map(([claimed, { write }]) =>
    write
      ? { Put: { TableName: tableName, Item: { ...claimKey(claimed), organizationId }, ...condition } }
      : { ConditionCheck: { TableName: tableName, Key: claimKey(claimed), ...condition } },
  );
  return { items, guards: [...planned.values()].map((entry) => entry.guards) };
}

/**
 * The first requested domain whose claim or parent claim failed in a cancelled transaction, if any.
 * @param offset - where the plan's items start in the transaction
 * @example
 * const taken = takenDomain(plan, codes, 0);
 * if (taken) throw new MailDomainInUseException(`The domain ${taken} is already in use.`);
 */
export function takenDomain(plan: ClaimPlan, codes: CancellationCodes, offset: number): string | undefined {
  return plan.guards.find((_, index) => failedAt(codes, offset + index))?.[0];
}
