/**
 * Types of the organization's mailbox retention policy (directory-and-mailboxes.md §8): one policy per
 * organization, one configuration per system folder, applied to every mailbox of the organization.
 */

/** The folders a policy can name: WorkMail's `FolderName` values, which are the system folders' ids. */
export type RetentionFolder = 'INBOX' | 'DELETED_ITEMS' | 'SENT_ITEMS' | 'DRAFTS' | 'JUNK_EMAIL';

/** What happens to a message older than the folder's period. */
export type RetentionAction = 'NONE' | 'DELETE' | 'PERMANENTLY_DELETE';

/** The folders a policy may configure, in WorkMail's order. */
export const RETENTION_FOLDERS: readonly RetentionFolder[] = [
  'INBOX',
  'DELETED_ITEMS',
  'SENT_ITEMS',
  'DRAFTS',
  'JUNK_EMAIL',
];

/** One folder's rule: its action and, unless the action is NONE, the age in days that triggers it. */
export interface FolderConfiguration {
  readonly name: RetentionFolder;
  readonly action: RetentionAction;
  /** Days, 1–730; required unless `action` is NONE. */
  readonly periodDays?: number;
}

/** The organization's retention policy. */
export interface RetentionPolicy {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly folderConfigurations: readonly FolderConfiguration[];
}

/** Why a policy was refused; the admin API maps these to InvalidParameterException. */
export type PolicyRefusal =
  | { readonly type: 'duplicateFolder'; readonly folder: RetentionFolder }
  | { readonly type: 'periodRequired'; readonly folder: RetentionFolder };
