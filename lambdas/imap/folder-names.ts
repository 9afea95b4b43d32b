import type { FolderRecord, FolderRole } from '../core/mailbox';

/**
 * IMAP names of the mailbox model's folders: the Inbox is `INBOX`, every other folder is its path of names joined by
 * `/` (WorkMail's system folders keep their display names: `Sent Items`, `Deleted Items`, `Junk Email`, …). A folder
 * whose own name contains `/` cannot be named over IMAP and is left out of listings.
 */

/** The hierarchy delimiter. */
export const DELIMITER = '/';

/** RFC 6154 attributes of the folders with a role. */
const SPECIAL_USE: Readonly<Record<FolderRole, string | undefined>> = {
  inbox: undefined,
  sent: '\\Sent',
  drafts: '\\Drafts',
  trash: '\\Trash',
  junk: '\\Junk',
};

/** A folder with its IMAP name. */
export interface NamedFolder {
  readonly name: string;
  readonly folder: FolderRecord;
  readonly hasChildren: boolean;
  /** `\Sent`, `\Drafts`, `\Trash`, `\Junk`, if the folder has that role. */
  readonly specialUse?: string;
}

/**
 * Every nameable folder with its IMAP name, in the model's order (system folders first).
 * @example
 * const named = nameFolders(await model.folders(orgId, mailboxId));
 */
export function nameFolders(folders: readonly FolderRecord[]): NamedFolder[] {
  const byId = new Map(folders.map((folder) => [folder.folderId, folder]));
  const parents = new Set(folders.map((folder) => folder.parentId).filter(Boolean));
  const pathOf = (folder: FolderRecord, depth = 0): string | undefined => {
    if (folder.folderId === 'INBOX') return 'INBOX';
    if (folder.name.includes(DELIMITER) || depth > 64) return undefined;
    if (!folder.parentId) return folder.name;
    const parent = byId.get(folder.parentId);
    const parentPath = parent && pathOf(parent, depth + 1);
    return parentPath === undefined ? undefined : `${parentPath}${DELIMITER}${folder.name}`;
  };
  const named: NamedFolder[] = [];
  for (const folder of folders) {
    const name = pathOf(folder);
    if (name === undefined) continue;
    const specialUse = folder.role ? SPECIAL_USE[folder.role] : undefined;
    named.push({
      name,
      folder,
      hasChildren: parents.has(folder.folderId),
      ...(specialUse ? { specialUse } : {}),
    });
  }
  return named;
}

/**
 * The folder an IMAP name names (`INBOX` in any case), if any.
 * @example
 * findFolder(nameFolders(folders), 'Sent Items');
 */
export function findFolder(named: readonly NamedFolder[], name: string): NamedFolder | undefined {
  const wanted = canonicalName(name);
  return named.find((candidate) => candidate.name === wanted);
}

/** A client's name with `INBOX` in upper case (only the Inbox is case-insensitive) and no trailing delimiter. */
export function canonicalName(name: string): string {
  const trimmed = name.endsWith(DELIMITER) ? name.slice(0, -1) : name;
  const [first, ...rest] = trimmed.split(DELIMITER);
  return first.toUpperCase() === 'INBOX' ? ['INBOX', ...rest].join(DELIMITER) : trimmed;
}

/**
 * Whether a name matches a LIST pattern (RFC 9051 §6.3.9): `*` matches anything, `%` anything but the delimiter.
 * @example
 * matchesPattern('Projects/2026', 'Projects/%'); // true
 */
export function matchesPattern(name: string, pattern: string): boolean {
  const canonicalPattern = /^inbox/i.test(pattern) ? `INBOX${pattern.slice(5)}` : pattern;
  // Dynamic programming over (name position, pattern position): no regular expression, no backtracking blow-up.
  let reachable = new Set<number>([0]);
  for (const char of canonicalPattern) {
    const next = new Set<number>();
    for (const position of reachable) {
      if (char === '*' || char === '%') {
        let end = position;
        next.add(end);
        while (end < name.length && (char === '*' || name[end] !== DELIMITER)) next.add(++end);
      } else if (name[position] === char) next.add(position + 1);
    }
    reachable = next;
    if (reachable.size === 0) return false;
  }
  return reachable.has(name.length);
}
