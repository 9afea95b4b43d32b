import type { RetireBatch } from './retire';
import type { RetentionPolicy } from './types';

/**
 * The organizations' retention policies (directory table). An organization that ever had a policy stays on
 * {@link RetentionPolicyStore.listOrganizations}' list after DeleteRetentionPolicy, so the messages its earlier
 * policy moved to Recoverable Items still expire. Adapter: DynamoDbRetentionPolicyStore.
 */
export interface RetentionPolicyStore {
  /** The organization's policy, or undefined when it has none. */
  get(organizationId: string): Promise<RetentionPolicy | undefined>;
  /** Creates or replaces the organization's one policy. */
  put(organizationId: string, policy: RetentionPolicy): Promise<void>;
  /** Deletes the policy when its id is `policyId`; deleting what is not there succeeds (WorkMail: idempotent). */
  delete(organizationId: string, policyId: string): Promise<void>;
  /** One page of the organizations that have or had a policy (a query sized by them, not by mail). */
  listOrganizations(cursor?: string): Promise<{ organizationIds: string[]; cursor?: string }>;
}

/** A message the age index found past a cut-off. */
export interface AgedMessage {
  readonly mailboxId: string;
  readonly messageId: string;
}

/** One page of the age index. */
export interface AgedPage {
  readonly items: readonly AgedMessage[];
  /** Present while more may follow; pass it back for the next page. */
  readonly cursor?: string;
}

/**
 * The age index: messages directly in an organization's system folders (and Recoverable Items) by the time their
 * age started (creation, last change or last move). A query reads only the messages past the cut-off, so a sweep
 * costs what expired, never what is stored. Eventually consistent: the sweep re-checks each message when it applies.
 * Adapter: DynamoDbRetentionIndex.
 */
export interface RetentionIndex {
  /**
   * Messages of the organization in `folderId` whose age started before `before` (epoch ms), a page at a time.
   * @param limit - at most this many per page
   */
  aged(
    organizationId: string,
    folderId: string,
    before: number,
    limit: number,
    cursor?: string,
  ): Promise<AgedPage>;
}

/**
 * Where the cloud's planner hands one mailbox's batch to a worker (Lambda's asynchronous invocation queue, with
 * retries and a dead-letter queue). Adapter: LambdaRetentionWorkQueue.
 */
export interface RetentionWorkQueue {
  enqueue(batch: RetireBatch): Promise<void>;
}
