import {
  CreateUserCommand,
  DescribeResourceCommand,
  DescribeUserCommand,
  EntityNotFoundException,
  GetDefaultRetentionPolicyCommand,
  ListAliasesCommand,
  ListMailboxPermissionsCommand,
  ListOrganizationsCommand,
  ListResourceDelegatesCommand,
  ListResourcesCommand,
  RegisterToWorkMailCommand,
  type WorkMailClient,
} from '@aws-sdk/client-workmail';
import JamClient from 'jmap-jam';
import type { Browser, Locator, Page } from 'playwright-core';
import {
  accessibilityViolations,
  hasChromium,
  launchChromium,
  screenshot,
  unreachableByKeyboard,
} from '../support/browser';
import { openConsole } from '../support/admin-console';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';
import { deliverFromOutside, mailOrganization, type MailUser } from '../support/mail-organization';

const DOMAIN = 'mailadmin.example.com';

(hasChromium ? describe : describe.skip)(
  'E2E: the admin console manages mail settings, in headless Chromium',
  () => {
    let mw: TestRuntime;
    let workmail: WorkMailClient;
    let browser: Browser;
    let page: Page;
    let organizationId: string;
    let ana: MailUser;
    let ben: MailUser;

    const form = (name: string) => page.getByRole('form', { name });
    const openPage = (name: string) =>
      page.getByRole('navigation', { name: 'Organization pages' }).getByRole('link', { name }).click();
    const jmap = (user: MailUser) =>
      new JamClient({ sessionUrl: `${mw.endpoint}/.well-known/jmap`, bearerToken: user.token });
    const extension = async (action: string, body: object) =>
      (
        await mw.call({
          target: `MailwrightService.${action}`,
          body: { OrganizationId: organizationId, ...body },
        })
      ).json;

    beforeAll(async () => {
      mw = await startTestRuntime();
      workmail = mw.workmail();
      ({ ana, ben } = await mailOrganization(mw, 'mailadmin', DOMAIN, ['ana', 'ben']));
      const { OrganizationSummaries } = await workmail.send(new ListOrganizationsCommand({}));
      organizationId = OrganizationSummaries!.find(
        (summary) => summary.Alias === 'mailadmin',
      )!.OrganizationId!;

      browser = await launchChromium();
      page = await openConsole(browser, mw, 'mailadmin');
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await mw?.stop();
    });

    it('opens a user, renames it, adds an alias and grants a colleague full access, who then opens the mailbox', async () => {
      await openPage('Users');
      await page.getByRole('link', { name: 'ana', exact: true }).click();
      const panel = page.getByRole('article', { name: 'User ana' });
      expect(await panel.evaluate((article) => article === article.ownerDocument.activeElement)).toBe(true);

      const rename = panel.getByRole('form', { name: 'Edit the display name of ana' });
      await rename.getByLabel('Display name').fill('Ana Lima');
      await rename.getByRole('button', { name: 'Save name' }).click();
      await rename.getByRole('status').getByText('Display name is now Ana Lima').waitFor();

      const panelOfAna = page.getByRole('article', { name: 'User Ana Lima' });
      const alias = panelOfAna.getByRole('form', { name: 'Add an alias to Ana Lima' });
      await alias.getByLabel('Alias address').fill(`ana.lima@${DOMAIN}`);
      await alias.getByRole('button', { name: 'Add alias' }).click();
      await panelOfAna.getByText(`ana.lima@${DOMAIN}`, { exact: true }).waitFor();

      const grant = panelOfAna.getByRole('form', { name: 'Grant permissions on the mailbox of Ana Lima' });
      await grant.getByLabel('Grantee').selectOption({ label: 'ben (user)' });
      await grant.getByLabel('Full access (open the mailbox)').check();
      await grant.getByRole('button', { name: 'Grant' }).click();
      await grant.getByRole('status').getByText('ben (user) now has FULL_ACCESS').waitFor();
      await panelOfAna.getByRole('cell', { name: 'ben (user)', exact: true }).waitFor();
      await expectAccessible(page);
      await scrollToTop(panelOfAna.getByRole('heading', { name: 'Aliases' }));
      await screenshot(page, 'console-permissions');
      expect(await unreachableByKeyboard(page)).toEqual([]);

      const user = { OrganizationId: organizationId, EntityId: ana.userId };
      expect(
        (await workmail.send(new DescribeUserCommand({ ...user, UserId: ana.userId }))).DisplayName,
      ).toBe('Ana Lima');
      expect((await workmail.send(new ListAliasesCommand(user))).Aliases).toEqual([`ana.lima@${DOMAIN}`]);
      expect((await workmail.send(new ListMailboxPermissionsCommand(user))).Permissions).toEqual([
        { GranteeId: ben.userId, GranteeType: 'USER', PermissionValues: ['FULL_ACCESS'] },
      ]);
      const [shared] = await jmap(ben).request([
        'Mailbox/get',
        { accountId: ana.userId, ids: ['INBOX'], properties: ['name'] },
      ]);
      expect(shared.list).toEqual([{ id: 'INBOX', name: 'Inbox' }]);
    });

    it('revokes the grant, removes the alias, then disables and deletes a user', async () => {
      const { UserId: carl } = await workmail.send(
        new CreateUserCommand({
          OrganizationId: organizationId,
          Name: 'carl',
          DisplayName: 'carl',
          Password: 'Correct-horse1',
        }),
      );
      await workmail.send(
        new RegisterToWorkMailCommand({
          OrganizationId: organizationId,
          EntityId: carl,
          Email: `carl@${DOMAIN}`,
        }),
      );
      const panel = page.getByRole('article', { name: 'User Ana Lima' });
      await panel
        .getByRole('form', { name: 'Revoke the permissions of ben (user)' })
        .getByRole('button')
        .click();
      await panel.getByText('Nobody else may use this mailbox.').waitFor();
      await panel
        .getByRole('form', { name: `Remove alias ana.lima@${DOMAIN}` })
        .getByRole('button')
        .click();
      await panel.getByText('No alias.').waitFor();
      const user = { OrganizationId: organizationId, EntityId: ana.userId };
      expect((await workmail.send(new ListMailboxPermissionsCommand(user))).Permissions).toEqual([]);
      expect((await workmail.send(new ListAliasesCommand(user))).Aliases).toEqual([]);

      await openPage('Groups');
      await openPage('Users');
      await page.getByRole('link', { name: 'carl', exact: true }).click();
      const carlPanel = page.getByRole('article', { name: 'User carl' });
      await carlPanel.getByRole('button', { name: 'Disable mailbox' }).click();
      await carlPanel.getByRole('button', { name: 'Delete user' }).click();
      await carlPanel.getByText('carl is deleted.').waitFor();
      expect(
        (await workmail.send(new DescribeUserCommand({ OrganizationId: organizationId, UserId: carl })))
          .State,
      ).toBe('DELETED');
    });

    it('shows a refused rule’s error, writes a rule, tests it, and inbound mail is handled as the rule says', async () => {
      await openPage('Flow rules');
      const create = form('Create flow rule');
      await create.getByLabel('Rule name').fill('junk-outside');
      await create.getByLabel(/^Action/).selectOption('RUN_LAMBDA');
      await create.getByLabel('Sender patterns').fill('outside.example.net');
      await create.getByRole('button', { name: 'Create rule' }).click();
      await create
        .getByRole('alert')
        .getByText(/^InvalidParameterException: .*LambdaArn/)
        .waitFor();

      await create.getByLabel(/^Action/).selectOption('MOVE_TO_JUNK');
      await create.getByRole('button', { name: 'Create rule' }).click();
      await create.getByRole('status').getByText('Rule junk-outside saved').waitFor();
      await page.getByRole('cell', { name: 'junk-outside', exact: true }).waitFor();

      const tester = form('Test flow rules');
      await tester.getByLabel('Sender (From)').fill('olga@outside.example.net');
      await tester.getByLabel('Recipients').fill(`${ana.email}, ben@${DOMAIN}`);
      await tester.getByRole('button', { name: 'Test' }).click();
      const results = page.getByRole('table', { name: 'Mail from olga@outside.example.net' });
      await results.waitFor();
      const rows = results.getByRole('row');
      await expect(rows.nth(1).textContent()).resolves.toBe(
        `${ana.email}MOVE_TO_JUNKjunk-outsideFrom matches outside.example.net, recipient matches *`,
      );
      await expect(rows.nth(2).textContent()).resolves.toMatch(/^ben@.*MOVE_TO_JUNKjunk-outside/);
      await expectAccessible(page);
      await scrollToTop(page.getByRole('heading', { name: 'Test the rules' }));
      await screenshot(page, 'console-flow-rules');
      expect(await unreachableByKeyboard(page)).toEqual([]);

      await tester.getByLabel('Sender (From)').fill('friend@partner.example.org');
      await tester.getByLabel('Recipients').fill(ana.email);
      await tester.getByRole('button', { name: 'Test' }).click();
      await page
        .getByRole('table', { name: 'Mail from friend@partner.example.org' })
        .getByRole('cell', { name: 'No rule matched' })
        .waitFor();

      await deliverFromOutside(mw, ana.email, 'Weekly offers', 'Everything must go.');
      const [found] = await jmap(ana).request([
        'Email/query',
        { accountId: ana.userId, filter: { inMailbox: 'JUNK_EMAIL', subject: 'Weekly offers' } },
      ]);
      expect(found.ids).toHaveLength(1);
    });

    it('edits a rule in its form, then deletes it', async () => {
      await page.getByRole('button', { name: 'Edit junk-outside' }).click();
      const edit = form('Edit rule junk-outside');
      const editor = page.getByRole('article', { name: 'Edit inbound rule junk-outside' });
      expect(await editor.evaluate((article) => article === article.ownerDocument.activeElement)).toBe(true);
      expect(await edit.getByLabel(/^Action/).inputValue()).toBe('MOVE_TO_JUNK');
      expect(await edit.getByLabel('Sender patterns').inputValue()).toBe('outside.example.net');
      await edit.getByLabel(/^Action/).selectOption('BOUNCE');
      await edit.getByRole('button', { name: 'Save rule' }).click();
      await edit.getByRole('status').getByText('Rule junk-outside saved').waitFor();
      await page.getByRole('cell', { name: 'BOUNCE', exact: true }).waitFor();
      expect(await edit.getByLabel(/^Action/).inputValue()).toBe('BOUNCE');
      expect(
        await extension('GetEmailFlowRule', { Direction: 'INBOUND', Name: 'junk-outside' }),
      ).toMatchObject({
        Action: 'BOUNCE',
        SenderPatterns: ['outside.example.net'],
        DestinationPatterns: ['*'],
      });

      await form('Delete rule junk-outside').getByRole('button', { name: 'Delete' }).click();
      await page.getByRole('cell', { name: 'junk-outside', exact: true }).waitFor({ state: 'detached' });
      expect(await extension('ListEmailFlowRules', {})).toEqual({ Rules: [] });
    });

    it('sets the retention policy folder by folder, showing a refusal as the API words it', async () => {
      await openPage('Retention');
      const junk = form('Junk email retention');
      await junk.getByLabel('Action').selectOption({ label: 'Delete permanently' });
      await junk.getByRole('button', { name: 'Save' }).click();
      await junk
        .getByRole('alert')
        .getByText(/^InvalidParameterException: .*JUNK_EMAIL needs a Period/)
        .waitFor();
      await junk.getByLabel('Period in days').fill('30');
      await junk.getByRole('button', { name: 'Save' }).click();
      await junk.getByRole('status').getByText('Saved: Delete permanently after 30 days').waitFor();
      await page.getByRole('row', { name: /Junk email Delete permanently 30 days/ }).waitFor();
      expect(await junk.getByLabel('Action').inputValue()).toBe('PERMANENTLY_DELETE');
      expect(await junk.getByLabel('Period in days').inputValue()).toBe('30');

      const deleted = form('Deleted items retention');
      await deleted.getByLabel('Action').selectOption({ label: 'Delete (recoverable)' });
      await deleted.getByLabel('Period in days').fill('90');
      await deleted.getByRole('button', { name: 'Save' }).click();
      await deleted.getByRole('status').waitFor();
      const policy = page.getByRole('table', { name: 'Retention policy' });
      await policy.getByRole('row', { name: /Deleted items Delete \(recoverable\) 90 days/ }).waitFor();
      await expectAccessible(page);
      await screenshot(page, 'console-retention');
      expect(await unreachableByKeyboard(page)).toEqual([]);

      const { FolderConfigurations } = await workmail.send(
        new GetDefaultRetentionPolicyCommand({ OrganizationId: organizationId }),
      );
      expect(FolderConfigurations).toEqual([
        { Name: 'JUNK_EMAIL', Action: 'PERMANENTLY_DELETE', Period: 30 },
        { Name: 'DELETED_ITEMS', Action: 'DELETE', Period: 90 },
      ]);
    });

    it('sets every folder at once, then deletes the retention policy', async () => {
      const all = form('All folders retention');
      await all.getByLabel('Action').selectOption({ label: 'Delete (recoverable)' });
      await all.getByLabel('Period in days').fill('365');
      await all.getByRole('button', { name: 'Save' }).click();
      await all.getByRole('status').waitFor();
      const policy = { OrganizationId: organizationId };
      const { FolderConfigurations } = await workmail.send(new GetDefaultRetentionPolicyCommand(policy));
      expect(
        FolderConfigurations?.map(({ Name, Action, Period }) => `${Name} ${Action} ${Period}`).sort(),
      ).toEqual([
        'DELETED_ITEMS DELETE 365',
        'DRAFTS DELETE 365',
        'INBOX DELETE 365',
        'JUNK_EMAIL DELETE 365',
        'SENT_ITEMS DELETE 365',
      ]);

      await form('Delete retention policy').getByRole('button', { name: 'Delete the policy' }).click();
      await page.getByRole('row', { name: /Inbox Keep/ }).waitFor();
      await expect(workmail.send(new GetDefaultRetentionPolicyCommand(policy))).rejects.toThrow(
        EntityNotFoundException,
      );
    });

    it('creates a room with a delegate, booking options and an alias', async () => {
      await openPage('Resources');
      const create = form('Create resource');
      await create.getByLabel('Resource name').fill('boardroom');
      await create.getByLabel('Resource type').selectOption('ROOM');
      await create.getByLabel('Resource email address').fill(`boardroom@${DOMAIN}`);
      await create.getByRole('button', { name: 'Create resource' }).click();
      await page.getByRole('link', { name: 'boardroom' }).click();
      const panel = page.getByRole('article', { name: 'Resource boardroom' });

      const delegate = panel.getByRole('form', { name: 'Add a delegate to boardroom' });
      await delegate.getByLabel('Delegate').selectOption({ label: 'Ana Lima (user)' });
      await delegate.getByRole('button', { name: 'Add delegate' }).click();
      await panel.getByRole('cell', { name: 'Ana Lima (user)', exact: true }).waitFor();

      const booking = panel.getByRole('form', { name: 'Booking options of boardroom' });
      await booking.getByLabel('Accept requests automatically').uncheck();
      await booking.getByRole('button', { name: 'Save booking options' }).click();
      await booking.getByRole('status').getByText('Booking options saved').waitFor();

      const alias = panel.getByRole('form', { name: 'Add an alias to boardroom' });
      await alias.getByLabel('Alias address').fill(`meetings@${DOMAIN}`);
      await alias.getByRole('button', { name: 'Add alias' }).click();
      await panel.getByText(`meetings@${DOMAIN}`, { exact: true }).waitFor();
      await expectAccessible(page);
      await scrollToTop(panel);
      await screenshot(page, 'console-resources');
      expect(await unreachableByKeyboard(page)).toEqual([]);

      const { Resources } = await workmail.send(new ListResourcesCommand({ OrganizationId: organizationId }));
      const [room] = Resources!;
      expect(room).toMatchObject({
        Name: 'boardroom',
        Type: 'ROOM',
        Email: `boardroom@${DOMAIN}`,
        State: 'ENABLED',
      });
      const resource = { OrganizationId: organizationId, ResourceId: room.Id };
      expect((await workmail.send(new ListResourceDelegatesCommand(resource))).Delegates).toEqual([
        { Id: ana.userId, Type: 'USER' },
      ]);
      expect((await workmail.send(new DescribeResourceCommand(resource))).BookingOptions).toEqual({
        AutoAcceptRequests: false,
        AutoDeclineRecurringRequests: false,
        AutoDeclineConflictingRequests: true,
      });
      expect(
        (await workmail.send(new ListAliasesCommand({ OrganizationId: organizationId, EntityId: room.Id })))
          .Aliases,
      ).toEqual([`meetings@${DOMAIN}`]);
    });

    it('turns journaling on, to an archive address, then off', async () => {
      await openPage('Journaling');
      const set = form('Set journaling');
      await set.getByLabel('Status').selectOption({ label: 'On' });
      await set.getByLabel('Journaling address').fill('archive@vault.example');
      await set.getByLabel('Report address').fill(ana.email);
      await set.getByRole('button', { name: 'Save journaling' }).click();
      await set.getByRole('status').getByText('Journaling is on').waitFor();
      await page.getByRole('definition').getByText('archive@vault.example').waitFor();
      await expectAccessible(page);
      await screenshot(page, 'console-journaling');
      expect(await unreachableByKeyboard(page)).toEqual([]);

      expect(await extension('DescribeJournalingConfiguration', {})).toMatchObject({
        Status: 'ENABLED',
        JournalingEmailAddress: 'archive@vault.example',
        ReportEmailAddress: ana.email,
      });

      await form('Delete journaling configuration').getByRole('button').click();
      await page.getByRole('definition').getByText('Off', { exact: true }).waitFor();
      expect(await extension('DescribeJournalingConfiguration', {})).toEqual({
        Status: 'DISABLED',
        JournalingSenderAddress: 'amazonjournaling@mailadmin.mailwright.localhost',
      });
    });
  },
);

/** Scrolls the page so that the element is at the top of the screenshot. */
async function scrollToTop(element: Locator): Promise<void> {
  await element.evaluate((node) => node.scrollIntoView());
}

/** Runs axe-core on the page as it is: no serious or critical violation. */
async function expectAccessible(page: Page): Promise<void> {
  expect(await accessibilityViolations(page)).toEqual([]);
}
