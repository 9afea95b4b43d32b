import { useEffect } from 'preact/hooks';

/** What the keyboard shortcuts do (Gmail's keys, which most webmail users know). */
export interface ShortcutActions {
  delete(): void;
  archive(): void;
  flag(): void;
  unread(): void;
  undo(): void;
  search(): void;
  compose(): void;
  reply(): void;
  replyAll(): void;
  forward(): void;
}

const KEYS: Readonly<Record<string, keyof ShortcutActions>> = {
  Delete: 'delete',
  '#': 'delete',
  e: 'archive',
  s: 'flag',
  u: 'unread',
  z: 'undo',
  '/': 'search',
  c: 'compose',
  r: 'reply',
  a: 'replyAll',
  f: 'forward',
};

/** Binds the shortcuts to the page, except while the user types in a field. */
export function useShortcuts(actions: ShortcutActions): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (
        target.closest('input, textarea, select, [contenteditable]') ||
        event.ctrlKey ||
        event.metaKey ||
        event.altKey
      )
        return;
      const action = KEYS[event.key];
      if (!action) return;
      event.preventDefault();
      actions[action]();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  });
}
