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
import { staticScriptGraph } from '../support/web-assets';

const DOMAIN = 'compose.example.com';
const ANA = `ana@${DOMAIN}`;
const BEN = `ben@${DOMAIN}`;
const PAT = 'pat@outside.example.net';

/** What a hostile page puts on the clipboard: code in every place a paste could carry it. */
const HOSTILE_PASTE =
  '<p onclick="window.pwned=1" style="color:red">pasted words<script>window.pwned=2</script>' +
  '<img src="x" onerror="window.pwned=3"></p><a href="javascript:window.pwned=4">bad link</a>';

type Json = Record<string, unknown>;

(hasChromium ? describe : describe.skip)('E2E: webmail moving, conversations and HTML compose', () => {
  let mw: TestRuntime;
  let browser: Browser;
  let page: Page;
  let ana: { userId: string; token: string };
  let ben: { userId: string; token: string };
  let projectsId: string;
  let inboxId: string;
  /** Folder id → its role (`inbox`, `sent`…) or name. */
  const folderNames = new Map<string, string>();
  /** The page's content security policy refusals (Squire must need no inline style) and uncaught errors. */
  const cspViolations: string[] = [];
  const pageErrors: string[] = [];

  const jam = (user: { token: string }) =>
    new JamClient({ sessionUrl: `${mw.endpoint}/.well-known/jmap`, bearerToken: user.token });
  /** The user's messages with this subject, with the properties asked for. */
  const messages = async (user: { userId: string; token: string }, subject: string, properties: string[]) => {
    const [{ g }] = await jam(user).requestMany((b) => {
      const q = b.Email.query({ accountId: user.userId, filter: { subject } });
      return {
        q,
        g: b.Email.get({
          accountId: user.userId,
          ids: q.$ref('/ids'),
          properties: properties as never,
          fetchAllBodyValues: true,
        }),
      };
    });
    return g.list as unknown as Json[];
  };
  const send = (options: { subject: string; text: string; messageId?: string; inReplyTo?: string }) =>
    createTransport({ host: mw.smtp.host, port: mw.smtp.port, secure: false, ignoreTLS: true }).sendMail({
      from: `Pat Outside <${PAT}>`,
      to: ANA,
      ...options,
      ...(options.inReplyTo ? { references: [options.inReplyTo] } : {}),
    });
  const list = () => page.getByRole('listbox', { name: 'Messages' });
  const option = (subject: string) => list().getByRole('option').filter({ hasText: subject });
  const folderLink = (name: RegExp) =>
    page.getByRole('navigation', { name: 'Folders' }).getByRole('link', { name });

  beforeAll(async () => {
    mw = await startTestRuntime();
    const workmail = mw.workmail();
    const { OrganizationId } = await workmail.send(
      new CreateOrganizationCommand({ Alias: 'webmail-compose' }),
    );
    await workmail.send(new RegisterMailDomainCommand({ OrganizationId, DomainName: DOMAIN }));
    ana = await jmapUser(mw, OrganizationId!, 'ana', ANA);
    ben = await jmapUser(mw, OrganizationId!, 'ben', BEN);
    const [created] = await jam(ana).request([
      'Mailbox/set',
      { accountId: ana.userId, create: { projects: { name: 'Projects', parentId: null } as never } },
    ]);
    projectsId = created.created!.projects!.id;
    const [folders] = await jam(ana).request(['Mailbox/get', { accountId: ana.userId }]);
    inboxId = folders.list.find((folder) => folder.role === 'inbox')!.id;
    for (const folder of folders.list) folderNames.set(folder.id, folder.role ?? folder.name);

    await send({ subject: 'Conference tickets', text: 'Your tickets are attached.' });
    await send({
      subject: 'Budget 2027',
      text: 'First draft of the budget.',
      messageId: '<budget-1@outside.example.net>',
    });
    await send({
      subject: 'Re: Budget 2027',
      text: 'Second thoughts on travel.',
      messageId: '<budget-2@outside.example.net>',
      inReplyTo: '<budget-1@outside.example.net>',
    });
    await send({
      subject: 'Re: Budget 2027',
      text: 'Final numbers: travel halved.',
      messageId: '<budget-3@outside.example.net>',
      inReplyTo: '<budget-2@outside.example.net>',
    });

    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(mw.endpoint);
    await page.getByLabel('Email address').fill(ANA);
    await page.getByLabel('Password or personal access token').fill(JMAP_USER_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expectVisible(option('Conference tickets'));
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await mw?.stop();
  });

  it('keeps the rich-text editor (Squire) out of the first load, which stays under 200 KB of compressed script', async () => {
    const html = await (await fetch(`${mw.endpoint}/`)).text();
    const entry = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    const firstLoad = await staticScriptGraph(mw.endpoint, entry);
    const bytes = gzipSync(Buffer.concat(firstLoad)).length;
    const code = Buffer.concat(firstLoad).toString('utf8');

    expect(bytes).toBeLessThan(200 * 1024);
    expect(code).toMatch(/import\("\.\/chunk-[^"]+\.js"\)/);
    expect(code).not.toContain('squire-resize-handle');
  });

  it('moves a message to another folder with the keyboard and takes it back with undo', async () => {
    await option('Conference tickets').click();
    await expectVisible(page.getByRole('heading', { name: 'Conference tickets' }));
    await list().focus();
    await page.keyboard.press('v');
    const chooser = page.getByRole('dialog', { name: 'Move to folder' });
    await expectVisible(chooser);
    expect(await chooser.getByRole('button', { name: 'Inbox' }).count()).toBe(0);
    await expectAccessible(page);
    await chooser.getByLabel('Folder name').fill('proj');
    await chooser.getByLabel('Folder name').press('Enter');

    await until(async () => (await option('Conference tickets').count()) === 0);
    const [moved] = await messages(ana, 'Conference tickets', ['mailboxIds']);
    expect(moved!.mailboxIds).toEqual({ [projectsId]: true });
    await expectVisible(page.getByRole('status').getByText('Message moved to Projects'));

    await page.getByRole('button', { name: 'Undo' }).click();
    await expectVisible(option('Conference tickets'));
    const [back] = await messages(ana, 'Conference tickets', ['mailboxIds']);
    expect(back!.mailboxIds).toEqual({ [inboxId]: true });
  });

  it('moves with the Move to… button and a click on the folder', async () => {
    await option('Conference tickets').click();
    await page
      .getByRole('toolbar', { name: 'Message actions' })
      .getByRole('button', { name: 'Move to…' })
      .click();
    await page
      .getByRole('dialog', { name: 'Move to folder' })
      .getByRole('button', { name: 'Projects' })
      .click();

    await until(async () => (await option('Conference tickets').count()) === 0);
    await folderLink(/Projects/).click();
    await expectVisible(option('Conference tickets'));
    const [moved] = await messages(ana, 'Conference tickets', ['mailboxIds']);
    expect(moved!.mailboxIds).toEqual({ [projectsId]: true });
    await folderLink(/Inbox/).click();
  });

  it('shows a three-message thread as one row, and opens it as a conversation with the newest expanded', async () => {
    await expectVisible(option('Budget 2027'));
    expect(await option('Budget 2027').count()).toBe(1);
    await option('Budget 2027').click();

    const conversation = page.getByRole('article', { name: 'Conversation' });
    await expectVisible(conversation.getByText('3 messages in this conversation'));
    const parts = conversation.locator('details');
    expect(await parts.count()).toBe(3);
    await expectVisible(parts.nth(2).getByText('Final numbers: travel halved.'));
    expect(await parts.nth(0).getAttribute('open')).toBeNull();
    expect(await parts.nth(1).getAttribute('open')).toBeNull();

    await parts.nth(0).locator('summary').focus();
    await page.keyboard.press('Enter');
    await expectVisible(parts.nth(0).getByText('First draft of the budget.'));
    await parts.nth(1).locator('summary').click();
    await expectVisible(parts.nth(1).getByText('Second thoughts on travel.'));
    await expectAccessible(page);
    expect(await unreachableByKeyboard(page)).toEqual([]);
    await conversation.getByRole('heading').scrollIntoViewIfNeeded();
    await screenshot(page, 'webmail-thread');
  });

  it('writes an HTML reply with bold, a list and a link; the recipient gets clean HTML and a text alternative', async () => {
    await page.getByRole('button', { name: 'Reply', exact: true }).click();
    const compose = page.getByRole('form', { name: 'New message' });
    const editor = compose.getByRole('textbox', { name: 'Message' });
    await expectVisible(editor);
    await compose.getByLabel('Cc', { exact: true }).fill(BEN);
    await editor.click();
    await editor.press('Control+Home');
    await editor.pressSequentially('Thanks, ');
    await editor.press('Control+b');
    await editor.pressSequentially('agreed');
    await editor.press('Control+b');
    await editor.pressSequentially(' with two changes:');
    await editor.press('Enter');
    await compose.getByRole('button', { name: 'Bulleted list' }).click();
    await editor.pressSequentially('travel halved');
    await editor.press('Enter');
    await editor.pressSequentially('hotels booked');
    await editor.press('Enter');
    await editor.press('Enter');
    await editor.pressSequentially('Sheet: ');
    await editor.press('Control+k');
    await compose.getByLabel('Link address').fill('example.org/budget');
    await compose.getByRole('button', { name: 'Add link' }).click();
    // Typing, formatting, lists, links and the quoted original: the editor works without inline styles.
    expect(cspViolations).toEqual([]);
    await editor.evaluate((element, html) => {
      const browser = globalThis as unknown as BrowserClipboard;
      const data = new browser.DataTransfer();
      data.setData('text/html', html);
      element.dispatchEvent(
        new browser.ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    }, HOSTILE_PASTE);
    await expectVisible(editor.getByText('pasted words'));

    expect(await editor.locator('script, img, [onclick], [onerror], [style]').count()).toBe(0);
    expect(await editor.locator('b', { hasText: 'agreed' }).count()).toBe(1);
    expect(await editor.locator('blockquote').textContent()).toContain('Final numbers: travel halved.');
    await expectVisible(compose.getByText(/Draft saved at/));
    /** The saved draft's HTML (the search index finds it shortly after the save). */
    let draftHtml = '';
    await until(async () => {
      const drafts = (await messages(ana, 'Re: Budget 2027', ['keywords', 'htmlBody', 'bodyValues'])).filter(
        (email) => (email.keywords as Json).$draft,
      );
      const part = (drafts[0]?.htmlBody as { partId: string }[] | undefined)?.[0];
      draftHtml = part
        ? (drafts[0]!.bodyValues as Record<string, { value: string }>)[part.partId]!.value
        : '';
      return draftHtml.includes('pasted words');
    });
    expect(draftHtml).toMatch(/<b>agreed<\/b>[^]*<ul>[^]*<blockquote/);
    await expectAccessible(page);
    expect(await unreachableByKeyboard(page)).toEqual([]);
    await editor.focus();
    await screenshot(page, 'webmail-compose');
    await compose.getByRole('button', { name: 'Send' }).click();
    await expectVisible(page.getByRole('status').getByText('Message sent'));

    let received: Json | undefined;
    await until(async () => {
      [received] = await messages(ben, 'Re: Budget 2027', [
        'bodyStructure',
        'textBody',
        'htmlBody',
        'bodyValues',
        'inReplyTo',
      ]);
      return received !== undefined;
    });
    const values = received!.bodyValues as Record<string, { value: string }>;
    const [textPart] = received!.textBody as { partId: string; type: string }[];
    const [htmlPart] = received!.htmlBody as { partId: string; type: string }[];
    expect((received!.bodyStructure as { type: string }).type).toBe('multipart/alternative');
    expect(received!.inReplyTo).toEqual(['budget-3@outside.example.net']);
    expect(textPart!.type).toBe('text/plain');
    expect(htmlPart!.type).toBe('text/html');
    const html = values[htmlPart!.partId]!.value;
    const text = values[textPart!.partId]!.value;
    expect(html).toMatch(/<(b|strong)>agreed<\/(b|strong)>/);
    expect(html).toMatch(/<ul>\s*<li>[^]*travel halved[^]*<\/ul>/);
    expect(html).toContain('<a href="https://example.org/budget">');
    expect(html).toMatch(/<blockquote[^>]*>[^]*Final numbers: travel halved\.[^]*<\/blockquote>/);
    expect(html).toContain('pasted words');
    expect(html).not.toMatch(/<script|<img|\son[a-z]+=|javascript:|style=/i);
    expect(text).toContain('Thanks, agreed with two changes:');
    expect(text).toContain('- travel halved\n- hotels booked');
    expect(text).toContain('Sheet: example.org/budget <https://example.org/budget>');
    expect(text).toContain('> Final numbers: travel halved.');
    expect(await page.evaluate(() => (globalThis as { pwned?: number }).pwned)).toBeUndefined();
    expect(pageErrors).toEqual([]);
  });

  it('deletes a whole conversation from its row, only the messages in the folder, and undoes it', async () => {
    /** Waits until the conversation's messages are in these folders (sorted); the search index follows shortly. */
    const expectFolders = async (expected: string[]) => {
      let folders: (string | undefined)[] = [];
      const settled = async () => {
        folders = (await messages(ana, 'Budget 2027', ['mailboxIds']))
          .flatMap((email) => Object.keys(email.mailboxIds as Json).map((id) => folderNames.get(id)))
          .sort();
        return JSON.stringify(folders) === JSON.stringify(expected);
      };
      await until(settled).catch(() => undefined);
      expect(folders).toEqual(expected);
    };
    await expectFolders(['inbox', 'inbox', 'inbox', 'sent']);
    await folderLink(/Inbox/).click();
    await option('Budget 2027').click();
    await expectVisible(page.getByRole('article', { name: 'Conversation' }));
    await list().focus();
    await page.keyboard.press('Delete');

    await expectVisible(page.getByRole('status').getByText('Conversation (3 messages) deleted'));
    await until(async () => (await option('Budget 2027').count()) === 0);
    await expectFolders(['sent', 'trash', 'trash', 'trash']);

    await page.keyboard.press('z');
    await expectVisible(option('Budget 2027'));
    await expectFolders(['inbox', 'inbox', 'inbox', 'sent']);
  });
});

/** The clipboard classes of the browser's `window` (the test files are compiled without the DOM library). */
interface BrowserClipboard {
  DataTransfer: new () => { setData(type: string, value: string): void };
  ClipboardEvent: new (type: string, init: Record<string, unknown>) => unknown;
}

/** Runs axe-core on the page as it is: no serious or critical violation. */
async function expectAccessible(page: Page): Promise<void> {
  expect(await accessibilityViolations(page)).toEqual([]);
}

/** Waits (up to 30 s: the suite runs beside other heavy tests) until the locator is visible. */
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
