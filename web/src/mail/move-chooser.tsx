import { useEffect, useRef, useState } from 'preact/hooks';
import type { Folder } from './mail-data';

/** `Parent / Child` names of folders, so nested folders of the same name can be told apart. */
function folderPath(folder: Folder, byId: ReadonlyMap<string, Folder>): string {
  const parent = folder.parentId ? byId.get(folder.parentId) : undefined;
  return parent ? `${folderPath(parent, byId)} / ${folder.name}` : folder.name;
}

/**
 * The "Move to folder" dialog: a modal (focus stays inside, Escape closes it) listing every folder but the ones the
 * message is in. Typing narrows the list; Enter moves to the first folder left, or a click or Tab + Enter to any.
 */
export function MoveChooser(props: {
  folders: readonly Folder[];
  /** Folders the message is already in (not offered). */
  currentIds: readonly string[];
  onChoose: (folder: Folder) => void;
  onCancel: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [filter, setFilter] = useState('');
  useEffect(() => dialog.current?.showModal(), []);

  const byId = new Map(props.folders.map((folder) => [folder.id, folder]));
  const targets = props.folders
    .filter((folder) => !props.currentIds.includes(folder.id))
    .map((folder) => ({ folder, path: folderPath(folder, byId) }))
    .sort((a, b) => a.path.localeCompare(b.path))
    .filter(({ path }) => path.toLowerCase().includes(filter.trim().toLowerCase()));

  return (
    <dialog ref={dialog} aria-labelledby="move-heading" onClose={props.onCancel}>
      <article>
        <h2 id="move-heading">Move to folder</h2>
        <form
          method="dialog"
          onSubmit={(event) => {
            event.preventDefault();
            if (targets[0]) props.onChoose(targets[0].folder);
          }}
        >
          <label>
            Folder name
            <input
              type="search"
              autofocus
              value={filter}
              onInput={(event) => setFilter(event.currentTarget.value)}
            />
          </label>
        </form>
        <ul class="move-targets" aria-label="Folders to move to">
          {targets.map(({ folder, path }) => (
            <li key={folder.id}>
              <button class="outline" onClick={() => props.onChoose(folder)}>
                {path}
              </button>
            </li>
          ))}
        </ul>
        {targets.length === 0 && <p role="status">No folder matches.</p>}
        <footer>
          <button class="secondary" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
        </footer>
      </article>
    </dialog>
  );
}
