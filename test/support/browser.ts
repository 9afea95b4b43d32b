import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Debian's Chromium, which `.ci/run` installs (`apt-get install chromium`). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** True when Chromium is installed; browser tests are skipped (and say so) without it. */
export const hasChromium = existsSync(CHROMIUM);

/**
 * Headless Debian Chromium driven by playwright-core (which bundles no browser). Certificate errors are ignored
 * only for the tests' own self-signed loopback servers. Pages run with motion on, as most users see them, so axe
 * also judges colours during transitions.
 * @example
 * const browser = await launchChromium();
 * const page = await browser.newPage();
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--ignore-certificate-errors', '--disable-dev-shm-usage'],
  });
}

/**
 * Runs axe-core on the page as it is and returns its serious and critical violations (`rule: targets`): a screen
 * passes when there are none.
 * @example
 * expect(await accessibilityViolations(page)).toEqual([]);
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.evaluate(await readFile(AXE, 'utf8'));
  return page.evaluate(async () => {
    const { axe } = globalThis as unknown as {
      axe: {
        run(): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
      };
    };
    return (await axe.run()).violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  });
}

/**
 * Where a test run leaves its screenshots: `npm run screenshots` points this at `docs/screenshots` (the images the docs
 * show); otherwise they go to a temporary directory, so every run still takes them.
 */
export const SCREENSHOTS = process.env.MAILWRIGHT_SCREENSHOTS ?? join(tmpdir(), 'mailwright-screenshots');

/**
 * Saves the page as it is to `<SCREENSHOTS>/<name>.png`; the docs embed `docs/screenshots/<name>.png`.
 * @example
 * await screenshot(page, 'webmail-reading');
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** The slice of the DOM {@link unreachableByKeyboard} reads in the page (the tests compile without the DOM library). */
interface KeyboardProbeDocument {
  querySelectorAll(selector: string): Iterable<KeyboardProbeElement>;
  readonly activeElement: KeyboardProbeElement | null;
}
interface KeyboardProbeElement {
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  getClientRects(): { length: number };
  closest(selector: string): unknown;
  readonly textContent: string | null;
  readonly tagName: string;
}

/**
 * Presses Tab through the page (`tabs` times, enough to go round it) and returns the visible controls it never
 * focused — buttons, links, fields — by their label or text: an empty list means every action is reachable by
 * keyboard. Options of a list box are left out (arrow keys move between them, as ARIA prescribes), and so are links
 * in a rich-text editor's text (content being written, not controls).
 * @example
 * expect(await unreachableByKeyboard(page)).toEqual([]);
 */
export async function unreachableByKeyboard(page: Page, tabs = 150): Promise<string[]> {
  await page.evaluate(() => {
    const document = (globalThis as unknown as { document: KeyboardProbeDocument }).document;
    let index = 0;
    for (const element of document.querySelectorAll(
      'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select, textarea, summary',
    )) {
      if (
        element.getClientRects().length > 0 &&
        !element.closest('[role=listbox], [inert], [contenteditable=true]')
      )
        element.setAttribute('data-keyboard-probe', String(index++));
    }
  });
  const reached = new Set<string>();
  for (let press = 0; press < tabs; press++) {
    await page.keyboard.press('Tab');
    const probe = await page.evaluate(
      () =>
        (globalThis as unknown as { document: KeyboardProbeDocument }).document.activeElement?.getAttribute(
          'data-keyboard-probe',
        ) ?? null,
    );
    if (probe !== null) reached.add(probe);
  }
  return page.evaluate(
    (reachedProbes) => {
      const document = (globalThis as unknown as { document: KeyboardProbeDocument }).document;
      const missed: string[] = [];
      for (const element of document.querySelectorAll('[data-keyboard-probe]')) {
        const probe = element.getAttribute('data-keyboard-probe')!;
        if (!reachedProbes.includes(probe))
          missed.push(
            `${element.tagName.toLowerCase()} ${element.getAttribute('aria-label') ?? element.textContent?.trim() ?? ''}`,
          );
        element.removeAttribute('data-keyboard-probe');
      }
      return missed;
    },
    [...reached],
  );
}
