import type { TransferResult } from './mailbox-transfer';
import type { MailboxMoveResult, MigrationStateStore } from './types';

/**
 * What the state file holds for one mailbox, under `mailbox/<source entity id>`: every step is recorded before the
 * next begins, so a run killed anywhere resumes where it stopped, with no export started twice and nothing stored
 * twice.
 */
export interface MailboxMoveState {
  /** Passes verified so far (the first, then delta passes). */
  readonly passes: number;
  /** Content hashes of every message the target holds from verified passes: what a delta pass skips. */
  readonly knownHashes: readonly string[];
  /** When the last export job of this mailbox started (epoch ms): the source allows one per 24 hours. */
  readonly lastExportStartedAt?: number;
  /** What the last verified pass did: what a run without `delta` reports again. */
  readonly lastResult?: MailboxMoveResult;
  /** The pass in progress, if any. */
  readonly pass?: MailboxPassState;
}

/** One pass in progress: the export, the transfer, then the import. */
export interface MailboxPassState {
  /** Export jobs this pass started (a failed one is retried, within the source's limits). */
  readonly exportAttempts: number;
  /** The client token of the export being started: recorded first, so a repeated start returns the same job. */
  readonly exportToken: string;
  readonly exportJobId?: string;
  /** Why the last export job of this pass failed, for the report. */
  readonly exportError?: string;
  /** The export, verified against its summary log and copied to where the target imports it. */
  readonly transferred?: TransferResult & { readonly key: string };
  readonly importAttempts: number;
  readonly importToken?: string;
  readonly importJobId?: string;
}

/** The state key of one mailbox. */
export function mailboxStateKey(sourceEntityId: string): string {
  return `mailbox/${sourceEntityId}`;
}

/**
 * One mailbox's state, read and written through the migration's state store.
 * @example
 * const record = new MailboxStateRecord(store, move.sourceEntityId);
 * await record.save({ pass: { ...record.value.pass!, exportJobId } });
 */
export class MailboxStateRecord {
  value: MailboxMoveState;

  constructor(
    private readonly store: MigrationStateStore,
    private readonly sourceEntityId: string,
  ) {
    this.value = store.get<MailboxMoveState>(mailboxStateKey(sourceEntityId)) ?? {
      passes: 0,
      knownHashes: [],
    };
  }

  /** Merges `change` into the state and records it durably. */
  async save(change: Partial<MailboxMoveState>): Promise<void> {
    this.value = { ...this.value, ...change };
    await this.store.set(mailboxStateKey(this.sourceEntityId), this.value);
  }

  /** Merges `change` into the pass in progress and records it. */
  async savePass(change: Partial<MailboxPassState>): Promise<MailboxPassState> {
    const pass = { ...this.value.pass!, ...change };
    await this.save({ pass });
    return pass;
  }
}
