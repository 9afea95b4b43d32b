import { indexMac } from './index-key';
import type { ThreadHeaders } from './types';

/**
 * Threading by Message-ID, In-Reply-To and References (RFC 5322 §3.6.4), decided in one read: a thread is named
 * after its root, the first Message-ID of References (else In-Reply-To, else the message's own Message-ID), so a
 * reply finds its thread under a name it can compute, whichever of its thread's messages arrived first. A message
 * whose References lack the root (only In-Reply-To, or a truncated list) finds it through the parent's reference
 * record instead. Subjects are not compared: mail clients keep References, and a subject match would join strangers.
 * Names are HMACs under the mailbox's index key, so stored thread ids reveal no Message-ID.
 */

/** At most this many Message-IDs of a header value are read (a References list can be long). */
const MAX_IDS = 100;

/** Where to look for a message's thread, by HMAC of Message-ID under the mailbox's index key. */
export interface ThreadCandidates {
  /** Thread ids to read, in order of preference: the root's, the parent's, the message's own. */
  readonly threadIds: readonly string[];
  /** Reference keys to read when no candidate thread exists: the parent's, then the last reference's. */
  readonly referenceKeys: readonly string[];
  /** The key under which this message's own Message-ID is recorded, if it has one. */
  readonly ownReferenceKey?: string;
  /** The thread id a new thread gets. */
  readonly newThreadId: string;
}

/**
 * The Message-IDs (`<…>` tokens, without the brackets) of a header value, first to last; RFC 5322 §3.6.4, with
 * RFC 5322's obsolete forms tolerated: comments and phrases between ids are skipped.
 * @example
 * messageIds('<a@x> (comment) <b@y>'); // ['a@x', 'b@y']
 */
export function messageIds(value: string | undefined): string[] {
  if (!value) return [];
  const ids: string[] = [];
  for (const match of value.matchAll(/<([^<>\s]+)>/g)) {
    ids.push(match[1]);
    if (ids.length === MAX_IDS) break;
  }
  return ids;
}

/**
 * The candidate threads of a message.
 * @param headers - the raw Message-ID, In-Reply-To and References values
 * @param indexKey - the mailbox's index key (derived from its mailbox key)
 * @param fallbackId - names a new thread when the message has no Message-ID (e.g. its stored message id)
 * @example
 * threadCandidates({ messageId: '<b@x>', references: '<a@x>' }, key, 'ses-1').threadIds; // [T(a@x), T(b@x)]
 */
export function threadCandidates(
  headers: ThreadHeaders | undefined,
  indexKey: Uint8Array,
  fallbackId: string,
): ThreadCandidates {
  const own = messageIds(headers?.messageId)[0];
  const parent = messageIds(headers?.inReplyTo).at(-1);
  const references = messageIds(headers?.references);
  const root = references[0] ?? parent ?? own;
  const key = (purpose: string, id: string) => indexMac(indexKey, purpose, id);
  const threadId = (id: string) => `T${key('thread', id)}`;
  const threadIds = unique([root, parent, own].filter(isDefined).map(threadId));
  const referenceKeys = unique([parent, references.at(-1)].filter(isDefined).map((id) => key('ref', id)));
  return {
    threadIds,
    referenceKeys,
    ...(own !== undefined ? { ownReferenceKey: key('ref', own) } : {}),
    newThreadId: root !== undefined ? threadId(root) : `T${key('message', fallbackId)}`,
  };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}
