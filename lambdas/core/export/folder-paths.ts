import type { FolderRecord } from '../mailbox/model-types';

/**
 * Zip paths of a mailbox's folders: the names from the top-level folder down, joined by `/` (folder names never hold
 * a `/`). A `.` or `..` name gets a `_` in front, so no path leaves the directory it is extracted into.
 * @example
 * folderPaths([{ folderId: 'INBOX', name: 'Inbox' }, { folderId: 'f1', name: 'Projects', parentId: 'INBOX' }]);
 * // Map { 'INBOX' => 'Inbox', 'f1' => 'Inbox/Projects' }
 */
export function folderPaths(
  folders: readonly Pick<FolderRecord, 'folderId' | 'name' | 'parentId'>[],
): Map<string, string> {
  const byId = new Map(folders.map((folder) => [folder.folderId, folder]));
  const paths = new Map<string, string>();
  for (const folder of folders) {
    const names: string[] = [];
    for (let at: typeof folder | undefined = folder; at; at = at.parentId ? byId.get(at.parentId) : undefined)
      names.unshift(at.name === '.' || at.name === '..' ? `_${at.name}` : at.name);
    paths.set(folder.folderId, names.join('/'));
  }
  return paths;
}
