/**
 * The state of one migration, kept in a file next to the admin's shell (the `--state` flag): every step records
 * what it finished under its own keys, so a re-run after a crash or Ctrl-C continues without duplicates.
 * Keys are namespaced by step: `directory/…` (entities, ids), `mailbox/<source entity id>` (mailbox moves).
 */
export interface MigrationStateStore {
  /** The value last recorded under `key`, if any. */
  get<T>(key: string): T | undefined;
  /** Records `value` under `key`; durable when the promise resolves (written and renamed into place). */
  set(key: string, value: unknown): Promise<void>;
  /** Every recorded key starting with `prefix`, in insertion order. */
  keys(prefix: string): string[];
}

/**
 * One mailbox to move. The directory step produces these once the entity exists on the target (a user, or a
 * resource); the mailbox step moves its content.
 */
export interface MailboxMove {
  readonly sourceOrganizationId: string;
  readonly sourceEntityId: string;
  readonly targetOrganizationId: string;
  readonly targetEntityId: string;
  /** The mailbox's primary address, for progress lines and the report. */
  readonly address: string;
}

/** What the mailbox step did for one mailbox. */
export interface MailboxMoveResult {
  readonly address: string;
  /** `moved`: exported, imported and verified; `unchanged`: a delta pass found nothing new; `failed`: see `error`. */
  readonly outcome: 'moved' | 'unchanged' | 'failed';
  /** Messages the export summary listed, and how many the import stored anew (a delta pass skips known ones). */
  readonly exportedMessages: number;
  readonly importedMessages: number;
  readonly bytes: number;
  /** Why the mailbox failed (retried first); the other mailboxes continue. */
  readonly error?: string;
}
