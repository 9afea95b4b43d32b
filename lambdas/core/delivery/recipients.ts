import type { DirectoryRecipient, MailboxTarget, RecipientDirectory } from './ports';
import type { Bounce } from './types';

/** The mailboxes a message reaches and the addresses that bounce. */
export interface ResolvedRecipients {
  readonly targets: readonly MailboxTarget[];
  readonly bounces: readonly Bounce[];
}

/** Options of {@link resolveRecipients}. */
export interface ResolveOptions {
  /** Quota applied when the directory reports none, in bytes. */
  readonly defaultQuotaBytes: number;
  /** Envelope recipients beyond this many bounce with 5.5.3. */
  readonly maxRecipients: number;
}

/**
 * Resolves envelope recipients to mailboxes.
 * Primary course: 1. de-duplicate the addresses (case-insensitive) and bounce those beyond the recipient limit;
 * 2. resolve each address (primary or alias): unknown or deleted → 5.1.1, disabled → 5.2.1; 3. enabled users and
 * resources become targets; 4. enabled groups are expanded breadth-first over nested groups with a visited set
 * (cycle-safe), skipping disabled and deleted members; 5. each mailbox is reached once, through the first address
 * that led to it.
 * @param addresses - the envelope recipients (`receipt.recipients`)
 * @example
 * const { targets, bounces } = await resolveRecipients(['team@example.com'], directory, options);
 */
export async function resolveRecipients(
  addresses: readonly string[],
  directory: RecipientDirectory,
  options: ResolveOptions,
): Promise<ResolvedRecipients> {
  const unique = [...new Set(addresses.map((address) => address.trim().toLowerCase()).filter(Boolean))];
  const bounces: Bounce[] = unique.slice(options.maxRecipients).map((recipient) => ({
    recipient,
    status: '5.5.3',
    diagnostic: `smtp; 550 5.5.3 Too many recipients (at most ${options.maxRecipients} per message)`,
  }));
  const targets = new Map<string, MailboxTarget>();
  const addTarget = (recipient: string, entry: DirectoryRecipient, expandedFrom?: string) => {
    const key = mailboxTargetKey(entry.organizationId, entry.entityId);
    if (targets.has(key)) return;
    targets.set(key, {
      recipient,
      organizationId: entry.organizationId,
      mailboxId: entry.entityId,
      kind: entry.kind,
      quotaBytes: entry.mailboxQuotaBytes ?? options.defaultQuotaBytes,
      ...(entry.email ? { email: entry.email } : {}),
      ...(expandedFrom ? { expandedFrom } : {}),
    });
  };
  const visitedGroups = new Set<string>();
  for (const address of unique.slice(0, options.maxRecipients)) {
    const entry = await directory.resolveAddress(address);
    if (!entry || entry.state === 'DELETED') {
      bounces.push({
        recipient: address,
        status: '5.1.1',
        diagnostic: 'smtp; 550 5.1.1 Recipient address rejected: no such user',
      });
    } else if (entry.state === 'DISABLED') {
      bounces.push({
        recipient: address,
        status: '5.2.1',
        diagnostic: 'smtp; 550 5.2.1 Mailbox disabled, not accepting messages',
      });
    } else if (entry.kind !== 'GROUP') {
      addTarget(address, entry);
    } else {
      for (const member of await expandGroup(entry, directory, visitedGroups))
        addTarget(member.email ?? address, member, address);
    }
  }
  return { targets: [...targets.values()], bounces };
}

/** Enabled users and resources reachable from `group` through enabled nested groups not visited before. */
async function expandGroup(
  group: DirectoryRecipient,
  directory: RecipientDirectory,
  visited: Set<string>,
): Promise<DirectoryRecipient[]> {
  const mailboxes: DirectoryRecipient[] = [];
  const queue = [group];
  for (let next = queue.shift(); next; next = queue.shift()) {
    const groupKey = mailboxTargetKey(next.organizationId, next.entityId);
    if (visited.has(groupKey)) continue;
    visited.add(groupKey);
    for (const member of await directory.listMembers(next.organizationId, next.entityId)) {
      if (member.state !== 'ENABLED') continue;
      if (member.kind === 'GROUP') queue.push(member);
      else mailboxes.push(member);
    }
  }
  return mailboxes;
}

/**
 * The ledger target of a mailbox.
 * @example
 * mailboxTargetKey('m-1', 'u-1'); // 'MBX#m-1#u-1'
 */
export function mailboxTargetKey(organizationId: string, mailboxId: string): string {
  return `MBX#${organizationId}#${mailboxId}`;
}

/**
 * The ledger target of an address that bounces without reaching a mailbox.
 * @example
 * addressTargetKey('Nobody@Example.com'); // 'ADDR#nobody@example.com'
 */
export function addressTargetKey(address: string): string {
  return `ADDR#${address.toLowerCase()}`;
}
