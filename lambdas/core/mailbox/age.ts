import type { MessageIndexEntry } from './types';

/**
 * A message's retention age (directory-and-mailboxes.md §8): it starts when the message is stored and starts again
 * with every change of its entry — keywords (read, flagged, …) or folder. Reading a message changes nothing.
 */

/** What retention requires of a message it changes: still in the folder it was found in, and still aged. */
export interface AgeGuard {
  readonly inFolder: string;
  /** Epoch ms: the message's age must have started before this. */
  readonly agedBefore: number;
}

/**
 * When the message's retention age started (entries stored before retention existed: when they were received).
 * @example
 * ageStart(entry); // 1767225600000
 */
export function ageStart(message: Pick<MessageIndexEntry, 'ageAt' | 'receivedAt'>): number {
  return message.ageAt ?? message.receivedAt;
}

/**
 * Whether `message` still meets `guard`; a message a user moved or changed since the sweep's query does not.
 * @example
 * meetsAgeGuard(entry, { inFolder: 'INBOX', agedBefore: cutOff });
 */
export function meetsAgeGuard(
  message: Pick<MessageIndexEntry, 'folder' | 'ageAt' | 'receivedAt'>,
  guard: Partial<AgeGuard>,
): boolean {
  return (
    (guard.inFolder === undefined || message.folder === guard.inFolder) &&
    (guard.agedBefore === undefined || ageStart(message) < guard.agedBefore)
  );
}
