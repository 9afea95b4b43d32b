import type { Browser, Page } from 'playwright-core';
import type { TestRuntime } from './local-runtime';

/**
 * Opens the admin console of the runtime in a new page, signs in with the runtime's admin key and opens the
 * organization with that alias.
 * @example
 * page = await openConsole(browser, mw, 'mailadmin');
 */
export async function openConsole(
  browser: Browser,
  mw: TestRuntime,
  organizationAlias: string,
): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${mw.endpoint}/admin`);
  await page.getByLabel('Access key ID').fill(mw.credentials.accessKeyId);
  await page.getByLabel('Secret access key').fill(mw.credentials.secretAccessKey);
  await page.getByLabel('Region').fill(mw.region);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('link', { name: organizationAlias, exact: true }).click();
  return page;
}
