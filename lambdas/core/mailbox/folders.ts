import type { FolderRecord, ModelRefusal } from './model-types';

/**
 * Folders of a mailbox (directory-and-mailboxes.md §8; Exchange semantics): WorkMail's six system folders, which
 * exist in every mailbox and cannot be renamed, moved or destroyed, and user folders, nested and renamable.
 */

/** Ids of the system folders: WorkMail's `FolderName` values (retention policies name them), plus the Outbox. */
export type SystemFolderId = 'INBOX' | 'SENT_ITEMS' | 'DRAFTS' | 'DELETED_ITEMS' | 'JUNK_EMAIL' | 'OUTBOX';

/** JMAP roles (RFC 8621 §2, the IANA "IMAP Mailbox Name Attributes" registry) of the system folders. */
export type FolderRole = 'inbox' | 'sent' | 'drafts' | 'trash' | 'junk';

/** A system folder: its id, WorkMail's display name and its JMAP role (the Outbox has none in the registry). */
export interface SystemFolder {
  readonly folderId: SystemFolderId | typeof RECOVERABLE_ITEMS.folderId;
  readonly name: string;
  readonly role?: FolderRole;
}

/** WorkMail's system folders, in the order clients show them. */
export const SYSTEM_FOLDERS: readonly SystemFolder[] = [
  { folderId: 'INBOX', name: 'Inbox', role: 'inbox' },
  { folderId: 'DRAFTS', name: 'Drafts', role: 'drafts' },
  { folderId: 'SENT_ITEMS', name: 'Sent Items', role: 'sent' },
  { folderId: 'DELETED_ITEMS', name: 'Deleted Items', role: 'trash' },
  { folderId: 'JUNK_EMAIL', name: 'Junk Email', role: 'junk' },
  { folderId: 'OUTBOX', name: 'Outbox' },
];

/** Folder names are at most this many characters (Exchange's limit). */
export const MAX_FOLDER_NAME_LENGTH = 255;
/** Folders nest at most this deep (a top-level folder has depth 1). */
export const MAX_FOLDER_DEPTH = 32;
/** A mailbox holds at most this many folders, system folders included. */
export const MAX_FOLDERS = 1000;

/**
 * Recoverable Items: where a retention policy's DELETE action moves messages, for users to restore from until
 * they expire there too (docs/retention.md). Created by the first such move; like the system folders it cannot be
 * renamed, moved or destroyed, and only retention puts messages into it.
 */
export const RECOVERABLE_ITEMS = { folderId: 'RECOVERABLE_ITEMS', name: 'Recoverable Items' } as const;

const SYSTEM_IDS = new Set<string>([
  ...SYSTEM_FOLDERS.map((folder) => folder.folderId),
  RECOVERABLE_ITEMS.folderId,
]);

/** Whether the folder is one of the six system folders or Recoverable Items. */
export function isSystemFolder(folderId: string): boolean {
  return SYSTEM_IDS.has(folderId);
}

/**
 * Orders folders as clients show them: system folders in their usual order, Recoverable Items, then user folders
 * by name.
 * @example
 * folders.sort(compareFolders);
 */
export function compareFolders(a: FolderRecord, b: FolderRecord): number {
  return rank(a) - rank(b) || a.name.localeCompare(b.name) || (a.folderId < b.folderId ? -1 : 1);
}

function rank(folder: FolderRecord): number {
  if (folder.folderId === RECOVERABLE_ITEMS.folderId) return SYSTEM_FOLDERS.length;
  const index = SYSTEM_FOLDERS.findIndex((system) => system.folderId === folder.folderId);
  return index < 0 ? SYSTEM_FOLDERS.length + 1 : index;
}

/**
 * A new folder record with no messages; UIDVALIDITY is the creation time in seconds mixed with the modseq, so a
 * folder re-created under an old name never repeats the UIDVALIDITY of its predecessor.
 * @example
 * newFolder({ folderId: 'INBOX', name: 'Inbox', role: 'inbox' }, 1, Date.now());
 */
export function newFolder(
  folder: Pick<FolderRecord, 'folderId' | 'name' | 'parentId' | 'role'>,
  modseq: number,
  now: number,
): FolderRecord {
  return {
    ...folder,
    uidValidity: ((Math.floor(now / 1000) + modseq) % 0xfffffffe) + 1,
    uidNext: 1,
    totalEmails: 0,
    unreadEmails: 0,
    totalThreads: 0,
    unreadThreads: 0,
    createdModseq: modseq,
    modseq,
  };
}

/**
 * Checks a user folder's name and place among `folders` (the mailbox's current folders): a valid name, unique
 * among its siblings ignoring case, an existing parent, no cycle, within the depth and count limits.
 * @param change - the folder as it would be after the change; `folderId` is absent for a new folder
 * @returns the refusal, or undefined when the change is allowed
 * @example
 * checkFolderPlacement([inbox], { name: 'Projects' }); // undefined
 */
export function checkFolderPlacement(
  folders: readonly FolderRecord[],
  change: { readonly folderId?: string; readonly name: string; readonly parentId?: string },
): ModelRefusal | undefined {
  const invalid = invalidName(change.name);
  if (invalid) return { type: 'invalidName', reason: invalid };
  if (change.folderId === undefined && folders.length >= MAX_FOLDERS) return { type: 'tooManyFolders' };
  const byId = new Map(folders.map((folder) => [folder.folderId, folder]));
  let depth = 1;
  for (let parent = change.parentId; parent !== undefined; parent = byId.get(parent)?.parentId) {
    if (!byId.has(parent)) return { type: 'parentNotFound' };
    if (parent === change.folderId) return { type: 'cycle' };
    if (++depth > MAX_FOLDER_DEPTH) return { type: 'tooDeep' };
  }
  const key = nameKey(change.name);
  const taken = folders.some(
    (folder) =>
      folder.folderId !== change.folderId &&
      folder.parentId === change.parentId &&
      nameKey(folder.name) === key,
  );
  return taken ? { type: 'nameTaken' } : undefined;
}

function invalidName(name: string): string | undefined {
  if (name.trim() !== name || name.length === 0) return 'A folder name is not empty and has no outer spaces.';
  if ([...name].length > MAX_FOLDER_NAME_LENGTH)
    return `A folder name has at most ${MAX_FOLDER_NAME_LENGTH} characters.`;
  // "/" is the IMAP hierarchy separator; control characters break every protocol that shows names.
  if (/[\p{Cc}\p{Cs}/]/u.test(name)) return 'A folder name has no "/" and no control characters.';
  return undefined;
}

function nameKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}
