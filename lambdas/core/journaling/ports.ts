import type { JournalingConfiguration } from './types';

/**
 * Each organization's journaling configuration (Directory table, `ORG#<orgId> / JOURNALING`). Adapter:
 * DynamoDbJournalingConfigurationStore.
 */
export interface JournalingConfigurationStore {
  /** The organization's configuration; `undefined` when none was ever put, or it was deleted. */
  get(organizationId: string): Promise<JournalingConfiguration | undefined>;
  /** Replaces the organization's configuration. */
  put(configuration: JournalingConfiguration): Promise<void>;
  /** Removes it; removing a missing one succeeds. */
  delete(organizationId: string): Promise<void>;
}

/** A journal record waiting to be delivered to the journaling address (the outbox). */
export interface PendingJournalRecord {
  readonly recordId: string;
  readonly organizationId: string;
  readonly direction: 'inbound' | 'outbound';
  /** The reserved sender the record goes out from. */
  readonly from: string;
  readonly journalingAddress: string;
  readonly reportAddress: string;
  /** Where the report message is kept (JournalContentStore key). */
  readonly contentKey: string;
  /** The journaled message's Message-ID and sender, for a failure report (no content). */
  readonly originalMessageId: string;
  readonly originalSender: string;
  readonly createdAt: number;
  readonly nextAttemptAt: number;
  /** Delivery attempts claimed so far. */
  readonly attempts: number;
}

/**
 * Journal records not delivered yet (Directory table, `JOURNAL#<recordId> / RECORD`, listed by due time through a
 * sparse index). Adapter: DynamoDbJournalOutbox.
 */
export interface JournalOutbox {
  /** Adds a record unless one with its id exists; `false` when it existed (a replay produced it again). */
  create(record: PendingJournalRecord): Promise<boolean>;
  /** Records due at `now`, earliest first, at most `limit` (a query sized by its result). */
  due(now: number, limit: number): Promise<readonly PendingJournalRecord[]>;
  /**
   * Claims the next attempt: sets `attempts` to `attempts + 1` and the time of the attempt after it, only if
   * `attempts` is still `expectedAttempts`; `false` when another worker claimed it first or it is gone.
   */
  claim(recordId: string, expectedAttempts: number, nextAttemptAt: number): Promise<boolean>;
  /** Removes a record that was delivered or given up on; removing a missing one succeeds. */
  remove(recordId: string): Promise<void>;
}

/** The bytes of journal report messages while they wait (cloud: the inbound bucket under `journal/`). */
export interface JournalContentStore {
  put(key: string, content: Buffer): Promise<void>;
  /** The bytes, or `undefined` when they are gone. */
  get(key: string): Promise<Buffer | undefined>;
  delete(key: string): Promise<void>;
}
