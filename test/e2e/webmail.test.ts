import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CreateOrganizationCommand, RegisterMailDomainCommand } from '@aws-sdk/client-workmail';
import { createTransport } from 'nodemailer';
import JamClient from 'jmap-jam';
import type { Browser, Page } from 'playwright-core';
import {
  accessibilityViolations,
  hasChromium,
  launchChromium,
  screenshot,
  unreachableByKeyboard,
} from '../support/browser';
import { JMAP_USER_PASSWORD, jmapUser } from '../support/jmap-users';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';
import { startRemoteContentServer, type RemoteContentServer } from '../support/remote-content-server';

const DOMAIN = 'webmail.example.com';
const ANA = `ana@${DOMAIN}`;

/** Mail whose HTML tries every way to run code or fetch something (the reading pane must do neither). */
const hostileHtml = (origin: string) => `<html><head>
<style>@import url(${origin}/import.css); body { background: url(${origin}/style-block.png); }</style>
<meta http-equiv="refresh" content="0; url=${origin}/refresh">
<link rel="stylesheet" href="${origin}/link.css">
</head><body onload="window.parent.pwned = 'onload'">
<script>window.parent.pwned = 'script';</script>
<p id="marker">Hostile body marker</p>
<img src="${origin}/pixel.png" onerror="window.parent.pwned = 'onerror'" alt="tracker">
<a id="js" href="javascript:window.parent.pwned='link'">Claim your prize</a>
<form action="${origin}/form"><input name="password"><button>Send</button></form>
<svg><image href="${origin}/svg.png"></image><script>window.parent.pwned = 'svg';</script></svg>
<div id="styled" style="color: rgb(1, 2, 3); background-image: url(${origin}/inline.png)">styled</div>
<div style="background-image: image-set('${origin}/image-set.png' 1x)">set</div>
<iframe src="${origin}/frame"></iframe>
<object data="${origin}/object"></object>
<video poster="${origin}/poster.png"></video>
</body></html>`;

(hasChromium ? describe : describe.skip)('E2E: webmail in headless Chromium', () => {
  let mw: TestRuntime;
  let browser: Browser;
  let page: Page;
  let remote: RemoteContentServer;
  let ana: { userId: string; token: string };

  const send = (subject: string, content: { text?: string; html?: string }) =>
    createTransport({ host: mw.smtp.host, port: mw.smtp.port, secure: false, ignoreTLS: true }).sendMail({
      from: 'Pat Outside <pat@outside.example.net>',
      to: ANA,
      subject,
      ...content,
    });
  const list = () => page.getByRole('listbox', { name: 'Messages' });
  const option = (subject: string) => list().getByRole('option').filter({ hasText: subject });
  const frame = () => page.frameLocator('iframe[title="Message body"]');

  /** The outbox file of the message with this subject (outside recipients' mail lands there locally). */
  const outboxMessage = async (subject: string) => {
    for (const name of await readdir(mw.outboxDir)) {
      const text = await readFile(join(mw.outboxDir, name), 'utf8');
      if (text.includes(`Subject: ${subject}`)) return text;
    }
    throw new Error(`no outbox message with subject ${subject}`);
  };

  beforeAll(async () => {
    remote = await startRemoteContentServer();
    mw = await startTestRuntime();
    const workmail = mw.workmail();
    const { OrganizationId } = await workmail.send(new CreateOrganizationCommand({ Alias: 'webmail' }));
    await workmail.send(new RegisterMailDomainCommand({ OrganizationId, DomainName: DOMAIN }));
    ana = await jmapUser(mw, OrganizationId!, 'ana', ANA);
    await send('Quarterly figures', { text: 'The figures are attached.' });
    await send('Lunch on Friday', { text: 'Noon at the usual place?' });
    await send('You have won', { html: hostileHtml(remote.origin) });
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(mw.endpoint);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await mw?.stop();
    await remote?.stop();
  });

  it('serves the app with a content security policy that allows no inline code, in under 200 KB of compressed script', async () => {
    const response = await fetch(`${mw.endpoint}/`);
    const csp = response.headers.get('content-security-policy') ?? '';
    const html = await response.text();
    const entry = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    const firstLoad = await staticScriptGraph(mw.endpoint, entry);

    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(html).not.toMatch(/<script>|<style>| style=/);
    expect(firstLoad.length).toBeGreaterThan(1);
    expect(gzipSync(Buffer.concat(firstLoad)).length).toBeLessThan(200 * 1024);
    expect((await fetch(`${mw.endpoint}/assets/missing.js`)).status).toBe(404);
  });

  it('refuses a wrong password with a message, and signs in with the right one', async () => {
    await expectAccessible(page);
    await page.getByLabel('Email address').fill(ANA);
    await page.getByLabel('Password or personal access token').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    expect(await page.getByRole('alert').textContent()).toBe('The address or password is not correct.');

    await page.getByLabel('Password or personal access token').fill(JMAP_USER_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();

    await expectVisible(option('Lunch on Friday'));
    const inbox = page.getByRole('navigation', { name: 'Folders' }).getByRole('link', { name: /Inbox/ });
    expect(await inbox.getByLabel('3 unread').textContent()).toBe('3');
    expect(await list().getByRole('option').count()).toBe(3);
    await expectAccessible(page);
  });

  it('opens a message, marks it read, and counts it out of the unread', async () => {
    await option('Lunch on Friday').click();

    await expectVisible(page.getByRole('heading', { name: 'Lunch on Friday' }));
    expect(await page.locator('.reader pre').textContent()).toContain('Noon at the usual place?');
    await expectVisible(page.getByRole('navigation', { name: 'Folders' }).getByLabel('2 unread'));
    await expectAccessible(page);
    await screenshot(page, 'webmail-reading');
    expect(await unreachableByKeyboard(page)).toEqual([]);
  });

  it('shows new mail as it arrives, without a reload', async () => {
    await send('Minutes from Tuesday', { text: 'Attached are the minutes.' });

    await expectVisible(option('Minutes from Tuesday'));
    await expectVisible(page.getByRole('navigation', { name: 'Folders' }).getByLabel('3 unread'));
  });

  it('shows hostile HTML with nothing executed and nothing fetched until remote content is allowed', async () => {
    await option('You have won').click();
    await expectVisible(frame().locator('#marker'));

    expect(remote.requested).toEqual([]);
    expect(await page.evaluate(() => (globalThis as { pwned?: string }).pwned)).toBeUndefined();
    await screenshot(page, 'webmail-remote-content-held-back');
    const body = frame().locator('body');
    expect(await body.locator('script, form, input, svg, iframe, object, link, meta, style').count()).toBe(0);
    expect(await body.locator('#js').getAttribute('href')).toBeNull();
    expect(
      await body
        .locator('#styled')
        .evaluate((element) => (globalThis as unknown as BrowserWindow).getComputedStyle(element).color),
    ).toBe('rgb(1, 2, 3)');

    await page.getByRole('button', { name: 'Show remote content' }).click();
    await until(() => remote.requested.includes('/pixel.png'));
    await until(() => remote.requested.includes('/inline.png'));
    expect(remote.requested).not.toEqual(
      expect.arrayContaining(['/frame', '/object', '/svg.png', '/import.css']),
    );
    expect(await page.evaluate(() => (globalThis as { pwned?: string }).pwned)).toBeUndefined();
  });

  it('searches the mailbox', async () => {
    await page.getByRole('searchbox', { name: 'Search mail' }).fill('figures');
    await page.getByRole('searchbox', { name: 'Search mail' }).press('Enter');

    await expectVisible(page.getByRole('region', { name: 'Search results for figures' }));
    await until(async () => (await list().getByRole('option').count()) === 1);
    expect(await list().getByRole('option').textContent()).toContain('Quarterly figures');
  });

  it('deletes a message with the keyboard and takes it back with undo', async () => {
    await page.getByRole('navigation', { name: 'Folders' }).getByRole('link', { name: /Inbox/ }).click();
    await expectVisible(page.getByRole('region', { name: 'Message list' }));
    await expectVisible(option('Minutes from Tuesday'));
    await option('Quarterly figures').click();
    await expectVisible(page.getByRole('heading', { name: 'Quarterly figures' }));
    await page.getByRole('listbox', { name: 'Messages' }).focus();
    await page.keyboard.press('Delete');

    await until(async () => (await option('Quarterly figures').count()) === 0);
    const trash = page
      .getByRole('navigation', { name: 'Folders' })
      .getByRole('link', { name: /Deleted Items/ });
    await trash.click();
    await expectVisible(option('Quarterly figures'));

    await page.getByRole('button', { name: 'Undo' }).click();
    await until(async () => (await option('Quarterly figures').count()) === 0);
    await page.getByRole('navigation', { name: 'Folders' }).getByRole('link', { name: /Inbox/ }).click();
    await expectVisible(option('Quarterly figures'));
  });

  it('replies with an attachment: threaded, sent out, a copy in Sent Items', async () => {
    await option('Lunch on Friday').click();
    await expectVisible(page.getByRole('heading', { name: 'Lunch on Friday' }));
    await page.getByRole('button', { name: 'Reply', exact: true }).click();
    const compose = page.getByRole('form', { name: 'New message' });
    expect(await compose.getByLabel('To').inputValue()).toBe('pat@outside.example.net');
    expect(await compose.getByLabel('Subject').inputValue()).toBe('Re: Lunch on Friday');
    expect(await compose.getByLabel('Message').inputValue()).toContain('> Noon at the usual place?');

    await compose.getByLabel('Message').press('Control+Home');
    await compose.getByLabel('Message').pressSequentially('Noon works. Agenda attached.');
    await compose.getByLabel('Attach files').setInputFiles({
      name: 'agenda.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('1. Lunch\n2. More lunch\n'),
    });
    await expectVisible(compose.getByRole('list', { name: 'Attached files' }).getByText(/agenda\.txt/));
    await expectAccessible(page);
    await screenshot(page, 'webmail-reply');
    await compose.getByRole('button', { name: 'Send' }).click();
    await expectVisible(page.getByRole('status').getByText('Message sent'));

    const sent = await outboxMessage('Re: Lunch on Friday');
    expect(sent).toMatch(/^In-Reply-To: <[^>]+>/m);
    expect(sent).toContain('Noon works. Agenda attached.');
    expect(sent).toMatch(/filename="?agenda\.txt/);
    await page
      .getByRole('navigation', { name: 'Folders' })
      .getByRole('link', { name: /Sent Items/ })
      .click();
    await expectVisible(option('Re: Lunch on Friday'));
    await page
      .getByRole('navigation', { name: 'Folders' })
      .getByRole('link', { name: /Drafts/ })
      .click();
    await until(async () => (await list().getByRole('option').count()) === 0);
  });

  it('saves a draft while the user writes, and discards it', async () => {
    await page.keyboard.press('c');
    const compose = page.getByRole('form', { name: 'New message' });
    await compose.getByLabel('To').fill('ben@example.org');
    await compose.getByLabel('Subject').fill('Plans for the offsite');
    await expectVisible(compose.getByText(/Draft saved at/));

    await page
      .getByRole('navigation', { name: 'Folders' })
      .getByRole('link', { name: /Drafts/ })
      .click();
    await expectVisible(option('Plans for the offsite'));
    await compose.getByRole('button', { name: 'Discard' }).click();
    await expectVisible(page.getByRole('status').getByText('Draft discarded'));
    await until(async () => (await option('Plans for the offsite').count()) === 0);
  });

  it('turns automatic replies on for a period', async () => {
    await page.getByRole('button', { name: 'Automatic replies' }).click();
    const form = page.getByRole('form', { name: 'Automatic replies' });
    await form.getByRole('switch', { name: 'Send automatic replies' }).check();
    await form.getByLabel('Until (optional)').fill('2027-01-04T09:00');
    await form.getByLabel('Subject').fill('Away until January');
    await form.getByLabel('Message').fill('Back on the 4th.');
    await form.getByRole('button', { name: 'Save' }).click();
    await expectVisible(form.getByRole('status').getByText('Saved'));
    await expectAccessible(page);
    await screenshot(page, 'webmail-automatic-replies');

    const jam = new JamClient({ sessionUrl: `${mw.endpoint}/.well-known/jmap`, bearerToken: ana.token });
    const [vacation] = await jam.request([
      'VacationResponse/get',
      { accountId: ana.userId, ids: ['singleton'] },
    ]);
    expect(vacation.list[0]).toMatchObject({
      isEnabled: true,
      fromDate: null,
      subject: 'Away until January',
      textBody: 'Back on the 4th.',
    });
    expect(Date.parse(vacation.list[0]!.toDate!)).toBe(new Date('2027-01-04T09:00').getTime());
    await form.getByRole('button', { name: 'Close' }).click();
  });

  it('creates a personal access token for a mail app, shown once, and revokes it', async () => {
    await page.getByRole('button', { name: 'Access tokens' }).click();
    const settings = page.getByRole('region', { name: 'Personal access tokens' });
    await settings.getByLabel('Token name').fill('phone');
    await settings.getByRole('button', { name: 'Create token' }).click();
    const shown = settings.locator('code.token');
    await expectVisible(shown);
    const token = (await shown.textContent()) ?? '';
    expect(token).toMatch(/^mwpat_/);
    const session = () =>
      fetch(`${mw.endpoint}/.well-known/jmap`, { headers: { authorization: `Bearer ${token}` } });
    expect((await session()).status).toBe(200);
    await expectAccessible(page);
    await screenshot(page, 'webmail-access-tokens');

    await settings.getByRole('button', { name: 'Revoke phone' }).click();
    await expectVisible(settings.getByText('phone revoked'));
    expect((await session()).status).toBe(401);
    await settings.getByRole('button', { name: 'Close' }).click();
  });

  it('fits a phone screen in the dark theme, readable and without sideways scrolling', async () => {
    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      colorScheme: 'dark',
      isMobile: true,
      hasTouch: true,
    });
    try {
      const small = await phone.newPage();
      await small.goto(mw.endpoint);
      await small.getByLabel('Email address').fill(ANA);
      await small.getByLabel('Password or personal access token').fill(JMAP_USER_PASSWORD);
      await small.getByRole('button', { name: 'Sign in', exact: true }).click();
      const lunch = small.getByRole('option').filter({ hasText: 'Lunch on Friday' });
      await expectVisible(lunch);
      await lunch.tap();
      await expectVisible(small.getByRole('heading', { name: 'Lunch on Friday' }));

      const background = await small.evaluate(() => {
        const window = globalThis as unknown as BrowserWindow;
        return window.getComputedStyle(window.document.body).backgroundColor;
      });
      const [red, green, blue] = background.match(/\d+/g)!.map(Number);
      expect(red! + green! + blue!).toBeLessThan(3 * 64);
      const overflow = await small.evaluate(() => {
        const root = (globalThis as unknown as BrowserWindow).document.documentElement;
        return root.scrollWidth - root.clientWidth;
      });
      expect(overflow).toBeLessThanOrEqual(0);
      await expectAccessible(small);
      await screenshot(small, 'webmail-phone-dark');

      await small.getByRole('button', { name: 'Back to messages' }).tap();
      await expectVisible(lunch);
      expect(await small.getByRole('heading', { name: 'Lunch on Friday' }).count()).toBe(0);
    } finally {
      await phone.close();
    }
  });
});

/** Runs axe-core on the page as it is: no serious or critical violation. */
async function expectAccessible(page: Page): Promise<void> {
  expect(await accessibilityViolations(page)).toEqual([]);
}

/** The part of the browser's `window` these tests call (the test files are compiled without the DOM library). */
interface BrowserWindow {
  getComputedStyle(element: unknown): { color: string; backgroundColor: string };
  readonly document: { body: unknown; documentElement: { scrollWidth: number; clientWidth: number } };
}

/** Waits (up to 30 s: the suite runs beside other heavy tests) until the locator is visible (playwright-core has no test runner's `expect`). */
async function expectVisible(locator: {
  waitFor(options: { state: 'visible'; timeout: number }): Promise<void>;
}) {
  await locator.waitFor({ state: 'visible', timeout: 30_000 });
}

/** Polls `check` until it holds, for up to 30 s. */
async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  for (const deadline = Date.now() + 30_000; !(await check());) {
    if (Date.now() > deadline) throw new Error(`never came true: ${check.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The entry script and every chunk it imports statically (what the first load runs), not the on-demand ones. */
async function staticScriptGraph(origin: string, entry: string): Promise<Buffer[]> {
  const seen = new Map<string, Buffer>();
  const visit = async (path: string): Promise<void> => {
    if (seen.has(path)) return;
    const body = Buffer.from(await (await fetch(`${origin}${path}`)).arrayBuffer());
    seen.set(path, body);
    const imports = [...body.toString('utf8').matchAll(/(?:from|import)\s*"\.\/([\w-]+\.js)"/g)];
    for (const [, file] of imports) await visit(path.replace(/[^/]+$/, file!));
  };
  await visit(entry);
  return [...seen.values()];
}
