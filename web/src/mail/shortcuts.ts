import { useEffect, useRef } from 'preact/hooks';

/** What the keyboard shortcuts do (Gmail's keys, which most webmail users know). */
export interface ShortcutActions {
  delete(): void;
  archive(): void;
  move(): void;
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
  v: 'move',
  s: 'flag',
  u: 'unread',
  z: 'undo',
  '/': 'search',
  c: 'compose',
  r: 'reply',
  a: 'replyAll',
  f: 'forward',
};

/**
 * Binds the shortcuts to the page, except while the user types in a field. The listener is bound once and calls the
 * actions of the latest render: re-binding in an effect would leave a gap after each render (effects run after
 * paint) in which a key reached the previous render's actions, e.g. deleting nothing right after a click selected
 * a message.
 */
export function useShortcuts(actions: ShortcutActions): void {
  const latest = useRef(actions);
  latest.current = actions;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (
        target.closest('input, textarea, select, [contenteditable], dialog') ||
        event.ctrlKey ||
        event.metaKey ||
        event.altKey
      )
        return;
      const action = KEYS[event.key];
      if (!action) return;
      event.preventDefault();
      latest.current[action]();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
