import { useEffect, useRef, useState } from 'preact/hooks';
import Squire from 'squire-rte';
import { sanitizeToFragment } from './compose-html';

/** Squire names the platform's command key so; the buttons announce it to assistive technology likewise. */
const MAC = /Mac|iPhone|iPad/.test(navigator.platform);
const SQUIRE_CTRL = MAC ? 'Meta-' : 'Ctrl-';
const ARIA_CTRL = MAC ? 'Meta+' : 'Control+';

/** `https://` for a bare host, `mailto:` for an address; only web and mail links are made. */
function linkTarget(typed: string): string | undefined {
  const value = typed.trim();
  if (/^(https?:|mailto:)/i.test(value)) return value;
  if (/^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/.test(value)) return `mailto:${value}`;
  if (/^[^\s:/]+\.[^\s:]+$/.test(value)) return `https://${value}`;
  return undefined;
}

/** A formatting command: its button's label, Squire's key, the test of whether it is on at the cursor. */
interface Command {
  readonly label: string;
  readonly keys: string;
  readonly run: (editor: Squire) => void;
  readonly active?: (editor: Squire, path: string) => boolean;
}

const inPath = (tag: string) => (_editor: Squire, path: string) => new RegExp(`(^|>)${tag}\\b`).test(path);
const inline = (tag: 'B' | 'I' | 'U', add: (e: Squire) => void, remove: (e: Squire) => void) => ({
  run: (editor: Squire) => (editor.hasFormat(tag) ? remove(editor) : add(editor)),
  active: (editor: Squire) => editor.hasFormat(tag),
});

const COMMANDS: readonly Command[] = [
  {
    label: 'Bold',
    keys: 'B',
    ...inline(
      'B',
      (e) => e.bold(),
      (e) => e.removeBold(),
    ),
  },
  {
    label: 'Italic',
    keys: 'I',
    ...inline(
      'I',
      (e) => e.italic(),
      (e) => e.removeItalic(),
    ),
  },
  {
    label: 'Underline',
    keys: 'U',
    ...inline(
      'U',
      (e) => e.underline(),
      (e) => e.removeUnderline(),
    ),
  },
  {
    label: 'Bulleted list',
    keys: 'Shift+8',
    run: (e) => (inPath('UL')(e, e.getPath()) ? e.removeList() : e.makeUnorderedList()),
    active: inPath('UL'),
  },
  {
    label: 'Numbered list',
    keys: 'Shift+9',
    run: (e) => (inPath('OL')(e, e.getPath()) ? e.removeList() : e.makeOrderedList()),
    active: inPath('OL'),
  },
  { label: 'Quote', keys: ']', run: (e) => e.increaseQuoteLevel() },
  { label: 'Unquote', keys: '[', run: (e) => e.decreaseQuoteLevel() },
  { label: 'Clear formatting', keys: '\\', run: (e) => e.removeAllFormatting() },
];

/**
 * The rich-text message editor: Squire (Fastmail's editor) on a `contenteditable` block, with a toolbar of real
 * buttons (each with its shortcut: Ctrl+B, I, U, Shift+8 / Shift+9 for lists, ] / [ to quote, K for a link, \ to
 * clear formatting). Everything set or pasted is cleaned by DOMPurify first ({@link sanitizeToFragment}).
 * Loaded on demand (`import('./rich-editor')`), so plain webmail use never downloads it.
 */
export function RichEditor(props: {
  initialHtml: string;
  /** The editor's HTML after each change (not yet cleaned for sending). */
  onChange: (html: string) => void;
}) {
  const root = useRef<HTMLDivElement>(null);
  const linkInput = useRef<HTMLInputElement>(null);
  const [editor, setEditor] = useState<Squire>();
  const [path, setPath] = useState('');
  const [linking, setLinking] = useState(false);
  const [linkError, setLinkError] = useState('');
  const onChange = useRef(props.onChange);
  onChange.current = props.onChange;

  useEffect(() => {
    const squire = new Squire(root.current!, { sanitizeToDOMFragment: sanitizeToFragment });
    squire.setHTML(props.initialHtml);
    squire.addEventListener('input', () => onChange.current(squire.getHTML()));
    squire.addEventListener('pathChange', () => setPath(squire.getPath()));
    squire.setKeyHandler(`${SQUIRE_CTRL}k`, (_self, event) => {
      event.preventDefault();
      setLinking(true);
    });
    squire.setKeyHandler(`${SQUIRE_CTRL}\\`, (self, event) => {
      event.preventDefault();
      self.removeAllFormatting();
    });
    squire.moveCursorToStart();
    setEditor(squire);
    return () => squire.destroy();
  }, []);
  useEffect(() => {
    if (linking) linkInput.current?.focus();
  }, [linking]);

  const run = (command: (editor: Squire) => void) => {
    if (!editor) return;
    // Focus first: it puts back the selection the editor had before a button or the link field took the focus.
    editor.focus();
    command(editor);
    setPath(editor.getPath());
  };
  const addLink = () => {
    const target = linkTarget(linkInput.current?.value ?? '');
    if (!target) return setLinkError('Type a web address (https://…) or an email address.');
    setLinking(false);
    setLinkError('');
    run((e) => {
      e.makeLink(target);
      // Typing goes on after the link, not over it (Squire leaves the link's text selected).
      const after = e.getSelection();
      after.collapse(false);
      e.setSelection(after);
    });
  };

  return (
    <div class="rich-editor">
      <div class="formatting" role="toolbar" aria-label="Formatting">
        {COMMANDS.map((command) => (
          <button
            key={command.label}
            type="button"
            class="secondary outline"
            aria-pressed={command.active && editor ? command.active(editor, path) : undefined}
            aria-keyshortcuts={`${ARIA_CTRL}${command.keys}`}
            // Keeps the editor's selection: a mouse press would otherwise move the focus to the button.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => run(command.run)}
          >
            {command.label}
          </button>
        ))}
        <button
          type="button"
          class="secondary outline"
          aria-keyshortcuts={`${ARIA_CTRL}K`}
          aria-expanded={linking}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => setLinking(true)}
        >
          Link
        </button>
      </div>
      {linking && (
        <div class="link-form" role="group" aria-label="Insert link">
          <input
            ref={linkInput}
            type="text"
            aria-label="Link address"
            placeholder="https://…"
            aria-invalid={linkError ? true : undefined}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                addLink();
              } else if (event.key === 'Escape') {
                event.preventDefault();
                setLinking(false);
                editor?.focus();
              }
            }}
          />
          <button type="button" onClick={addLink}>
            Add link
          </button>
          <button type="button" class="secondary outline" onClick={() => run(() => setLinking(false))}>
            Cancel
          </button>
          {linkError && <span class="error">{linkError}</span>}
        </div>
      )}
      <span id="editor-label" class="label">
        Message
      </span>
      <div ref={root} class="editor" role="textbox" aria-multiline="true" aria-labelledby="editor-label" />
    </div>
  );
}
