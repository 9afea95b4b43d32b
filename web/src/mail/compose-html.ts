import DOMPurify, { type Config } from 'dompurify';
import { FORBID_ATTR, FORBID_TAGS } from './safe-html';

/**
 * The HTML a written message may hold: text formatting, lists, quotes, links and tables. Everything the reading pane
 * forbids (safe-html.ts), media too (an image from the web would tell its sender when the draft was opened), and no
 * `style`, `class` or `id` — the page's content security policy would refuse inline styles in the editor, and a
 * pasted `id` could clash with the page's own.
 */
const COMPOSE_CONFIG: Config = {
  FORBID_TAGS: [
    ...FORBID_TAGS,
    ...['img', 'picture', 'source', 'video', 'audio', 'iframe', 'object', 'embed'],
  ],
  FORBID_ATTR: [...FORBID_ATTR, 'style', 'class', 'id'],
  ALLOW_DATA_ATTR: false,
};

/** A DOMPurify of its own, so the reading pane's hooks never apply here. */
const purifier = DOMPurify(window);

/**
 * The HTML of a message being written, cleaned by DOMPurify; what is saved and sent.
 * @example
 * cleanComposedHtml('<b onclick="x()">hi</b><script>x()</script>'); // '<b>hi</b>'
 */
export function cleanComposedHtml(html: string): string {
  return purifier.sanitize(html, COMPOSE_CONFIG);
}

/** Squire's `sanitizeToDOMFragment`: everything set, inserted or pasted into the editor passes through here. */
export function sanitizeToFragment(html: string): DocumentFragment {
  const fragment = purifier.sanitize(html, { ...COMPOSE_CONFIG, RETURN_DOM_FRAGMENT: true });
  return document.importNode(fragment, true);
}

/**
 * `text` as HTML text (`&`, `<`, `>`, `"` escaped).
 * @example
 * escapeHtml('a < b'); // 'a &lt; b'
 */
export const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (char) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' }[char]};`);

/** Plain text as the editor's HTML: one block per line (an empty line keeps its height with `<br>`). */
export function textToHtml(text: string): string {
  return text
    .split('\n')
    .map((line) => `<div>${escapeHtml(line) || '<br>'}</div>`)
    .join('');
}

const BLOCKS = new Set([
  'ADDRESS',
  'DIV',
  'P',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'PRE',
  'TABLE',
  'TR',
  'UL',
  'OL',
  'HR',
]);

/** Lines being written: a block starts a new line unless the current one is empty; `<br>` always does. */
class Lines {
  readonly done: string[] = [];
  private line = '';
  text(text: string): void {
    this.line += this.line ? text : text.trimStart();
  }
  breakLine(): void {
    this.done.push(this.line.trimEnd());
    this.line = '';
  }
  endBlock(): void {
    if (this.line.trim()) this.breakLine();
  }
  /** Adds `lines` (a quote, a list item) as whole lines. */
  append(lines: readonly string[]): void {
    this.endBlock();
    this.done.push(...lines);
  }
  finish(): string[] {
    this.endBlock();
    return this.done;
  }
}

function write(node: Node, out: Lines, pre: boolean): void {
  if (node.nodeType === Node.TEXT_NODE) {
    out.text(pre ? (node.textContent ?? '') : (node.textContent ?? '').replace(/\s+/g, ' '));
    return;
  }
  if (!(node instanceof Element)) return;
  const writeChildren = (target: Lines, inPre = pre) => {
    for (const child of node.childNodes) write(child, target, inPre);
  };
  if (node.tagName === 'BR') return out.breakLine();
  if (node.tagName === 'BLOCKQUOTE' || node.tagName === 'LI') {
    const inner = new Lines();
    writeChildren(inner);
    const lines = inner.finish();
    const marker =
      node.tagName === 'BLOCKQUOTE'
        ? '> '
        : node.parentElement?.tagName === 'OL'
          ? `${[...node.parentElement.children].indexOf(node) + 1}. `
          : '- ';
    const rest = node.tagName === 'BLOCKQUOTE' ? '> ' : ' '.repeat(marker.length);
    return out.append(lines.map((line, index) => `${index === 0 ? marker : rest}${line}`.trimEnd()));
  }
  const block = BLOCKS.has(node.tagName);
  if (block) out.endBlock();
  writeChildren(out, pre || node.tagName === 'PRE');
  const href = node.tagName === 'A' ? node.getAttribute('href') : null;
  const label = node.textContent?.trim() ?? '';
  if (href && href !== label && href !== `mailto:${label}`) out.text(` <${href}>`);
  if (block) out.endBlock();
}

/**
 * The text/plain alternative of a written message's HTML: one line per block or `<br>`, list items as `- ` or
 * `1. `, quotes prefixed with `> ` (as a plain-text reply quotes), links as `text <url>`.
 * @example
 * htmlToText('<div><b>Hi</b></div><ul><li>one</li></ul>'); // 'Hi\n- one'
 */
export function htmlToText(html: string): string {
  const body = new DOMParser().parseFromString(html, 'text/html').body;
  const out = new Lines();
  for (const child of body.childNodes) write(child, out, false);
  return out.finish().join('\n').replace(/\n+$/, '');
}
