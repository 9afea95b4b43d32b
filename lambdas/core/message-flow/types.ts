import type { Principal } from '../api/operation';
import type { FlowDirection } from '../flow-lambda/types';

/** Where raw MIME bytes live: an object in a bucket (our inbound bucket, or the caller's for Put). */
export interface ContentLocation {
  readonly bucket: string;
  readonly key: string;
  readonly objectVersion?: string;
}

/**
 * Lifecycle of an in-flight message.
 * `IN_TRANSIT`: being processed, no synchronous rule waiting; `PENDING_SYNC`: a synchronous rule's function is
 * running, so PutRawMessageContent changes what is delivered; `DELIVERED`: delivered or sent, Put only changes
 * what Get returns; `REDIRECTED`: frozen, Put is refused.
 */
export type InFlightState = 'IN_TRANSIT' | 'PENDING_SYNC' | 'DELIVERED' | 'REDIRECTED';

/** A message the Message Flow API can read, keyed by its capability id. */
export interface InFlightMessage {
  /** The capability: ≥ 128 random bits, `[a-z0-9-]`, never reused. */
  readonly messageId: string;
  readonly organizationId: string;
  /**
   * The organization's mailboxes the message is for (inbound) or from (outbound): destroying any of them ends the
   * record and deletes its content at once (crypto-shredding leaves no plaintext copy behind).
   */
  readonly mailboxIds: readonly string[];
  readonly direction: FlowDirection;
  /** The raw message as received or submitted. */
  readonly original: ContentLocation;
  /** The latest PutRawMessageContent content (copied into our store); what Get returns when present. */
  readonly latest?: ContentLocation;
  /** The content to deliver: the latest Put made while a synchronous rule was pending, if any. */
  readonly effective?: ContentLocation;
  readonly state: InFlightState;
  /** Lambda ARNs of the rules this id was handed to (the capability's binding). */
  readonly ruleArns: readonly string[];
  /** The synchronous rule currently waited for (state PENDING_SYNC). */
  readonly pendingRuleArn?: string;
  /** Epoch ms of receipt/submission. */
  readonly createdAt: number;
  /** Epoch ms after which the id is dead (createdAt + 24 h); adapters also expire the record (TTL). */
  readonly expiresAt: number;
}

/** A Mailwright admin key that signed the request (verified by the HTTP front end): the API's Principal. */
export type AdminPrincipal = Principal;
