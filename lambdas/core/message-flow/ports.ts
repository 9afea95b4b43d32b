import type { ContentLocation, InFlightMessage, InFlightState } from './types';

/** Outcome of {@link InFlightMessageStore.putContent}. */
export type PutContentResult = 'EFFECTIVE' | 'STORED' | 'FROZEN' | 'NOT_FOUND';

/** A change to an in-flight record. */
export interface InFlightChange {
  readonly state?: InFlightState;
  readonly pendingRuleArn?: string | null;
  readonly addRuleArn?: string;
}

/** Registry of in-flight messages (the capability store). Adapter: DynamoDbInFlightMessageStore. */
export interface InFlightMessageStore {
  /** Stores a new record; fails if the id exists. */
  create(message: InFlightMessage): Promise<void>;
  get(messageId: string): Promise<InFlightMessage | undefined>;
  /**
   * Records new content, atomically: as `latest` and `effective` when the state is PENDING_SYNC (`EFFECTIVE`),
   * as `latest` only in IN_TRANSIT or DELIVERED (`STORED`), not at all when REDIRECTED (`FROZEN`).
   */
  putContent(messageId: string, location: ContentLocation): Promise<PutContentResult>;
  /**
   * Changes the state and the rule binding atomically (`pendingRuleArn: null` clears it).
   * @returns the record after the change, or `undefined` when it does not exist
   */
  update(messageId: string, change: InFlightChange): Promise<InFlightMessage | undefined>;
  /** Ids of the records naming a mailbox in `mailboxIds` (a query sized by the result), expired ones included. */
  listForMailbox(organizationId: string, mailboxId: string): Promise<readonly string[]>;
  /** Deletes a record and its mailbox references; a missing one is a no-op. */
  delete(message: InFlightMessage): Promise<void>;
}

/** Reads and writes raw MIME bytes in our own storage (cloud: the inbound bucket). */
export interface RawMessageStore {
  get(location: ContentLocation): Promise<Uint8Array>;
  /** Stores replacement content for a message and returns where. */
  putReplacement(organizationId: string, messageId: string, content: Uint8Array): Promise<ContentLocation>;
  /** Deletes every replacement of a message, and `original` when given; deleting what is gone succeeds. */
  deleteContent(organizationId: string, messageId: string, original?: ContentLocation): Promise<void>;
}

/**
 * Reads the object a PutRawMessageContent call points at. The cloud adapter reads from S3 with
 * `ExpectedBucketOwner` = our account through a client of our Region, so another account or Region fails.
 */
export interface ContentSource {
  /**
   * @param maxBytes - refuse (MessageRejected) objects larger than this without downloading them
   * @throws InvalidContentLocation when the object cannot be read
   * @throws MessageRejected when it is larger than `maxBytes`
   */
  read(location: ContentLocation, options: { organizationId: string; maxBytes: number }): Promise<Uint8Array>;
}

/**
 * The S3 buckets each organization allows as PutRawMessageContent sources (PutMessageFlowConfiguration). A bucket
 * belongs to at most one organization at a time. Adapter: DynamoDbContentBucketStore.
 */
export interface ContentBucketStore {
  /** The organization's buckets; empty when it allows none (the default). */
  allowedBuckets(organizationId: string): Promise<readonly string[]>;
  /**
   * Replaces the organization's buckets, atomically with the claims that keep each bucket to one organization.
   * @throws InvalidParameterException when a bucket is already allowed for another organization
   */
  replaceAllowedBuckets(organizationId: string, buckets: readonly string[]): Promise<void>;
}
