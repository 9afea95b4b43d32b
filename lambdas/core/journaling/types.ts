/** Records of email journaling (message-flow.md §11, directory-and-mailboxes.md §14). Times are epoch milliseconds. */

/** Whether an organization journals its mail. */
export type JournalingStatus = 'ENABLED' | 'DISABLED';

/**
 * An organization's journaling configuration: one per organization, kept beside its other settings. While
 * DISABLED the addresses may be kept (so that turning journaling on again needs no re-typing).
 */
export interface JournalingConfiguration {
  readonly organizationId: string;
  readonly status: JournalingStatus;
  /** Where journal records go: a dedicated mailbox or an outside archive. Lower-case. */
  readonly journalingAddress?: string;
  /** Who hears about journal records that could not be delivered for 12 hours. Lower-case. */
  readonly reportAddress?: string;
  readonly updatedAt: number;
}

/** A configuration that journals: both addresses are set. */
export interface ActiveJournaling extends JournalingConfiguration {
  readonly status: 'ENABLED';
  readonly journalingAddress: string;
  readonly reportAddress: string;
}

/**
 * True when the configuration asks for journal records.
 * @example
 * if (isJournaling(await store.get(organizationId))) …
 */
export function isJournaling(
  configuration: JournalingConfiguration | undefined,
): configuration is ActiveJournaling {
  return (
    configuration?.status === 'ENABLED' &&
    configuration.journalingAddress !== undefined &&
    configuration.reportAddress !== undefined
  );
}
