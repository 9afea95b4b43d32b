import type { Folder } from './mail-data';

/** Folders with a role first in WorkMail's order, then the rest by sort order and name, children under parents. */
const ROLE_ORDER = ['inbox', 'drafts', 'sent', 'archive', 'junk', 'trash'];

function ordered(folders: readonly Folder[], parentId: string | null): Folder[] {
  const rank = (folder: Folder) => {
    const role = folder.role ? ROLE_ORDER.indexOf(folder.role) : -1;
    return role === -1 ? ROLE_ORDER.length : role;
  };
  return folders
    .filter((folder) => folder.parentId === parentId)
    .sort((a, b) => rank(a) - rank(b) || a.sortOrder - b.sortOrder || a.name.localeCompare(b.name));
}

/** The folder tree, with unread counts; the selected folder is marked for assistive technology. */
export function FolderTree(props: {
  folders: readonly Folder[];
  selectedId?: string;
  onSelect: (folder: Folder) => void;
  parentId?: string | null;
}) {
  const level = ordered(props.folders, props.parentId ?? null);
  if (level.length === 0) return null;
  return (
    <ul>
      {level.map((folder) => (
        <li key={folder.id}>
          <a
            href={`#folder/${folder.id}`}
            aria-current={folder.id === props.selectedId ? 'page' : undefined}
            onClick={(event) => {
              event.preventDefault();
              props.onSelect(folder);
            }}
          >
            <span>{folder.name}</span>
            {folder.unreadEmails > 0 && (
              <span class="unread" aria-label={`${folder.unreadEmails} unread`}>
                {folder.unreadEmails}
              </span>
            )}
          </a>
          <FolderTree {...props} parentId={folder.id} />
        </li>
      ))}
    </ul>
  );
}
