import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, which `.ci/run` installs (`apt-get install chromium`). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** True when Chromium is installed; browser tests are skipped (and say so) without it. */
export const hasChromium = existsSync(CHROMIUM);

/**
 * Headless Debian Chromium driven by playwright-core (which bundles no browser). Certificate errors are ignored
 * only for the tests' own self-signed loopback servers.
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
