import DOMPurify from 'dompurify';

/** How a message was shown: how many remote references were held back (0: nothing to allow). */
export interface ShownMessage {
  readonly blockedRemote: number;
}

/** Tags mail never needs in a reading pane: active content, forms, and documents' own head elements. */
export const FORBID_TAGS = [
  'style',
  'form',
  'input',
  'button',
  'select',
  'textarea',
  'link',
  'meta',
  'base',
  'svg',
  'math',
];
/** Attributes that fetch or submit behind the reader's back. */
export const FORBID_ATTR = ['srcset', 'ping', 'formaction', 'action', 'background'];
/** Attributes that make the browser fetch a URL when the element is in a document. */
const FETCHING_ATTR = ['src', 'poster'];
const REMOTE = /^\s*(https?:)?\/\//i;
const CSS_URL = /url\(\s*(['"]?)(.*?)\1\s*\)/gi;
const CSS_IMPORT = /@import[^;]*;?/gi;
/** `image-set()` takes plain strings as URLs (no `url()`), so it is held back whole. */
const CSS_IMAGE_SET = /(?:-webkit-)?image-set\((?:[^()]|\([^()]*\))*\)/gi;

/**
 * Removes remote `url(…)` references from CSS (unless allowed) and every `@import`; counts what it removed.
 * `data:` URLs stay: they fetch nothing.
 */
function screenCss(css: string, allowRemote: boolean, blocked: { count: number }): string {
  const withoutImageSets = allowRemote
    ? css
    : css.replace(CSS_IMAGE_SET, () => {
        blocked.count += 1;
        return 'none';
      });
  return withoutImageSets.replace(CSS_IMPORT, '').replace(CSS_URL, (whole, _quote: string, url: string) => {
    if (/^\s*data:/i.test(url)) return whole;
    if (allowRemote && REMOTE.test(url)) return whole;
    blocked.count += 1;
    return 'none';
  });
}

/**
 * Shows untrusted mail HTML in `frame`, an `<iframe sandbox="allow-same-origin allow-popups
 * allow-popups-to-escape-sandbox">` (no `allow-scripts`: nothing in it can run).
 * 1. DOMPurify (a maintained sanitiser) removes scripts, event handlers, `javascript:` URLs, forms, SVG and MathML;
 *    it works in an inert document, so nothing loads while it does.
 * 2. Until the user allows remote content, every URL that would fetch (`src`, `poster`, CSS `url()`) is held back
 *    in a data attribute, so opening a message tells no sender it was read.
 * 3. The page's content security policy (inherited by the frame) allows no inline style; the message's styles are
 *    applied through the CSSOM instead (`style.cssText`, a constructed style sheet for its `<style>` blocks), which
 *    the policy does not govern, after the same screening.
 * Links open in a new tab with no opener or referrer.
 * @example
 * const { blockedRemote } = showMailHtml(frame, html, { allowRemote: false });
 */
export function showMailHtml(
  frame: HTMLIFrameElement,
  html: string,
  options: { allowRemote: boolean },
): ShownMessage {
  const blocked = { count: 0 };
  const styleBlocks = [...new DOMParser().parseFromString(html, 'text/html').querySelectorAll('style')].map(
    (style) => style.textContent ?? '',
  );
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (!(node instanceof Element)) return;
    for (const name of FETCHING_ATTR) {
      const url = node.getAttribute(name);
      if (url === null) continue;
      node.removeAttribute(name);
      if (REMOTE.test(url) && !options.allowRemote) blocked.count += 1;
      else if (REMOTE.test(url) || /^\s*data:image\//i.test(url)) node.setAttribute(`data-mw-${name}`, url);
    }
    const style = node.getAttribute('style');
    if (style !== null) {
      node.removeAttribute('style');
      node.setAttribute('data-mw-style', screenCss(style, options.allowRemote, blocked));
    }
    if (node.tagName === 'A') {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
  });
  let clean: string;
  try {
    clean = DOMPurify.sanitize(html, { FORBID_TAGS, FORBID_ATTR, ALLOW_DATA_ATTR: false });
  } finally {
    DOMPurify.removeHook('afterSanitizeAttributes');
  }
  const document = frame.contentDocument;
  if (!document) return { blockedRemote: blocked.count };
  document.body.innerHTML = clean;
  for (const element of document.body.querySelectorAll<HTMLElement>('[data-mw-style]')) {
    element.style.cssText = element.dataset.mwStyle ?? '';
    element.removeAttribute('data-mw-style');
  }
  for (const name of FETCHING_ATTR)
    for (const element of document.body.querySelectorAll(`[data-mw-${name}]`)) {
      element.setAttribute(name, element.getAttribute(`data-mw-${name}`) ?? '');
      element.removeAttribute(`data-mw-${name}`);
    }
  const sheet = new (frame.contentWindow as Window & typeof globalThis).CSSStyleSheet();
  sheet.replaceSync(
    `body{font-family:system-ui,sans-serif;margin:0;padding:1rem;overflow-wrap:anywhere}img{max-width:100%;height:auto}` +
      styleBlocks.map((css) => screenCss(css, options.allowRemote, blocked)).join('\n'),
  );
  document.adoptedStyleSheets = [sheet];
  return { blockedRemote: blocked.count };
}
