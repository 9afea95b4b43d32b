import type { JournalRecipient } from './report-format';
import type { JournalDirection } from './record-id';

/** One envelope recipient of the journaled message, after group expansion. */
export interface EnvelopeRecipient {
  /** The address the message reached (a group's member, or the envelope address itself). */
  readonly address: string;
  /** The envelope address of the group that was expanded to reach it. */
  readonly expandedFrom?: string;
  /** True when the recipient is in the journaling organization. */
  readonly inOrganization: boolean;
}

/** The address lists of the message's header, as addressed. */
export interface AddressedRecipients {
  readonly to: readonly string[];
  readonly cc: readonly string[];
}

/**
 * The recipient lines of a journal envelope. Each envelope recipient is listed as To or Cc when its envelope address
 * (the group's, for an expanded member) is in that header field, else as Bcc; header recipients no envelope
 * recipient stands for are listed as addressed. Outbound lists every Bcc recipient; inbound only those in the
 * organization (message-flow.md §11).
 * @example
 * journalRecipients('inbound', { to: ['team@x'], cc: [] }, [{ address: 'ana@x', expandedFrom: 'team@x', inOrganization: true }]);
 * // [{ kind: 'To', address: 'ana@x', expanded: 'team@x' }]
 */
export function journalRecipients(
  direction: JournalDirection,
  addressed: AddressedRecipients,
  envelope: readonly EnvelopeRecipient[],
): JournalRecipient[] {
  const to = new Set(addressed.to.map((address) => address.toLowerCase()));
  const cc = new Set(addressed.cc.map((address) => address.toLowerCase()));
  const kindOf = (address: string) => (to.has(address) ? 'To' : cc.has(address) ? 'Cc' : 'Bcc');
  const lines: JournalRecipient[] = [];
  const covered = new Set<string>();
  const seen = new Set<string>();
  for (const recipient of envelope) {
    const address = recipient.address.toLowerCase();
    const via = recipient.expandedFrom?.toLowerCase();
    const kind = kindOf(via ?? address);
    if (kind === 'Bcc' && direction === 'inbound' && !recipient.inOrganization) continue;
    if (seen.has(address)) continue;
    seen.add(address);
    covered.add(via ?? address);
    lines.push({ kind, address, ...(via && via !== address ? { expanded: via } : {}) });
  }
  for (const [kind, list] of [
    ['To', to],
    ['Cc', cc],
  ] as const)
    for (const address of list)
      if (!covered.has(address) && !seen.has(address)) {
        seen.add(address);
        lines.push({ kind, address });
      }
  return lines;
}
