import {
  CreateOrganizationCommand,
  CreateUserCommand,
  DescribeEmailMonitoringConfigurationCommand,
  GetAccessControlEffectCommand,
  GetImpersonationRoleEffectCommand,
  ListAccessControlRulesCommand,
  ListAvailabilityConfigurationsCommand,
  ListImpersonationRolesCommand,
  ListMobileDeviceAccessRulesCommand,
  RegisterMailDomainCommand,
  RegisterToWorkMailCommand,
} from '@aws-sdk/client-workmail';
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
import { migrationReports } from '../support/migration-reports';

const DOMAIN = 'guard.example.com';

(hasChromium ? describe : describe.skip)(
  'E2E: the admin console’s security, logs and migration pages',
  () => {
    let mw: TestRuntime;
    let browser: Browser;
    let page: Page;
    let organizationId: string;
    const userIds: Record<string, string> = {};

    const form = (name: string) => page.getByRole('form', { name });
    const openPage = (name: string) =>
      page.getByRole('navigation', { name: 'Organization pages' }).getByRole('link', { name }).click();
    const status = (of: Locator) => of.getByRole('status');

    beforeAll(async () => {
      mw = await startTestRuntime();
      const workmail = mw.workmail();
      organizationId = (await workmail.send(new CreateOrganizationCommand({ Alias: 'guard' })))
        .OrganizationId!;
      await workmail.send(
        new RegisterMailDomainCommand({ OrganizationId: organizationId, DomainName: DOMAIN }),
      );
      for (const [name, displayName] of [
        ['ana', 'Ana Lima'],
        ['bruno', 'Bruno Dias'],
      ]) {
        const { UserId } = await workmail.send(
          new CreateUserCommand({
            OrganizationId: organizationId,
            Name: name,
            DisplayName: displayName,
            Password: 'Correct-horse1',
          }),
        );
        await workmail.send(
          new RegisterToWorkMailCommand({
            OrganizationId: organizationId,
            EntityId: UserId,
            Email: `${name}@${DOMAIN}`,
          }),
        );
        userIds[name] = UserId!;
      }
      browser = await launchChromium();
      page = await openConsole(browser, mw, 'guard');
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await mw?.stop();
    });

    it('saves a rule denying IMAP from a range, which the tester and GetAccessControlEffect both apply', async () => {
      await openPage('Access control');
      const save = form('Save access control rule');
      await save.getByLabel('Rule name').fill('deny-imap-lab');
      await save.getByLabel('Effect').selectOption('DENY');
      await save.getByLabel('Description').fill('No IMAP from the lab network');
      await save.getByLabel('IP ranges', { exact: true }).fill('203.0.113.0/24');
      await save.getByLabel('Protocols', { exact: true }).fill('IMAP');
      await save.getByLabel('Users (names or addresses)').fill(`ana, bruno@${DOMAIN}`);
      await save.getByRole('button', { name: 'Save rule' }).click();
      await status(save).getByText('Rule deny-imap-lab saved').waitFor();
      const row = page.getByRole('row').filter({ hasText: 'deny-imap-lab' });
      await row.getByText('Users: ana, bruno').waitFor();

      const tester = form('Test access control rules');
      const test = async (who: string, protocol: string, ip: string) => {
        await tester.getByLabel('User or impersonation role').selectOption({ label: who });
        await tester.getByLabel('Protocol').selectOption(protocol);
        await tester.getByLabel('IP address').fill(ip);
        await tester.getByRole('button', { name: 'Test' }).click();
        return status(tester);
      };
      await (
        await test('Ana Lima', 'IMAP', '203.0.113.7')
      )
        .getByText('DENY: matched deny-imap-lab')
        .waitFor();
      await (await test('Ana Lima', 'IMAP', '198.51.100.1')).getByText('ALLOW: matched default').waitFor();
      await (await test('Ana Lima', 'JMAP', '203.0.113.7')).getByText('ALLOW: matched default').waitFor();
      await expectAccessible(page);
      await screenshotFromTop(page, 'console-access-control');

      const workmail = mw.workmail();
      const effect = await workmail.send(
        new GetAccessControlEffectCommand({
          OrganizationId: organizationId,
          UserId: userIds.ana,
          Action: 'IMAP',
          IpAddress: '203.0.113.200',
        }),
      );
      expect(effect).toMatchObject({ Effect: 'DENY', MatchedRules: ['deny-imap-lab'] });
      const { Rules } = await workmail.send(
        new ListAccessControlRulesCommand({ OrganizationId: organizationId }),
      );
      expect(Rules?.find((rule) => rule.Name === 'deny-imap-lab')).toMatchObject({
        Effect: 'DENY',
        Description: 'No IMAP from the lab network',
        IpRanges: ['203.0.113.0/24'],
        Actions: ['IMAP'],
        UserIds: [userIds.ana, userIds.bruno],
      });
    });

    it("shows the API's refusal of a bad rule in the form", async () => {
      const save = form('Save access control rule');
      await save.getByLabel('Rule name').fill('broken');
      await save.getByLabel('IP ranges', { exact: true }).fill('10.0.0.0/99');
      await save.getByRole('button', { name: 'Save rule' }).click();
      await save
        .getByRole('alert')
        .getByText(/^InvalidParameterException: IpRanges: 10\.0\.0\.0\/99 is not a CIDR/)
        .waitFor();
      expect(await page.getByRole('row').filter({ hasText: 'broken' }).count()).toBe(0);
    });

    it('creates a read-only impersonation role reaching one user, then gives it full access', async () => {
      await openPage('Impersonation');
      const create = form('Create impersonation role');
      await create.getByLabel('Role name').fill('archiver');
      await create.getByLabel('Description').fill('Nightly archive');
      await create.getByLabel('Rule 1 effect').selectOption('ALLOW');
      await create.getByLabel('Rule 1 target users').fill('ana');
      await create.getByRole('button', { name: 'Create role' }).click();
      await status(create).getByText('Role archiver created').waitFor();
      await page.getByText(/archiver · read only/).click();
      const details = page.getByRole('article', { name: 'Impersonation role archiver' });
      await details.getByRole('cell', { name: 'ana', exact: true }).waitFor();
      await expectAccessible(page);
      await screenshotFromTop(page, 'console-impersonation');

      const workmail = mw.workmail();
      const { Roles } = await workmail.send(
        new ListImpersonationRolesCommand({ OrganizationId: organizationId }),
      );
      expect(Roles).toEqual([expect.objectContaining({ Name: 'archiver', Type: 'READ_ONLY' })]);
      const reaches = (user: string) =>
        workmail.send(
          new GetImpersonationRoleEffectCommand({
            OrganizationId: organizationId,
            ImpersonationRoleId: Roles![0].ImpersonationRoleId,
            TargetUser: userIds[user],
          }),
        );
      expect((await reaches('ana')).Effect).toBe('ALLOW');
      expect((await reaches('bruno')).Effect).toBe('DENY');

      // The edit form starts from the role as it is; saving it replaces the role.
      const edit = form('Edit role archiver');
      expect(await edit.getByLabel('Rule 1 target users').inputValue()).toBe('ana');
      await edit.getByLabel('Access').selectOption('FULL_ACCESS');
      await edit.getByRole('button', { name: 'Save role' }).click();
      await status(edit).getByText('Role archiver saved').waitFor();
      const after = await workmail.send(
        new ListImpersonationRolesCommand({ OrganizationId: organizationId }),
      );
      expect(after.Roles).toEqual([expect.objectContaining({ Name: 'archiver', Type: 'FULL_ACCESS' })]);
      expect((await reaches('ana')).Effect).toBe('ALLOW');
    });

    it('creates an EWS availability provider, shows its test result, and replaces it by a Lambda one', async () => {
      await openPage('Availability');
      const save = form('Save availability provider');
      await save.getByLabel('Domain').fill('partner.example');
      await save.getByLabel('Provider type').selectOption('EWS');
      // Nothing listens on the discard port: the test fails, with the reason.
      await save.getByLabel('EWS endpoint').fill('http://127.0.0.1:9/EWS/Exchange.asmx');
      await save.getByLabel('EWS user name').fill('PARTNER\\freebusy');
      await save.getByLabel('EWS password').fill('Ews-secret-1');
      await save.getByRole('button', { name: 'Save provider' }).click();
      await status(save).getByText('Created the provider of partner.example').waitFor();
      const testForm = form('Test the provider of partner.example');
      await testForm.getByRole('button', { name: 'Test' }).click();
      await status(testForm)
        .getByText(/^Test failed: EWS URL is invalid or unreachable/)
        .waitFor();
      await expectAccessible(page);
      await screenshotFromTop(page, 'console-availability');

      const { AvailabilityConfigurations } = await mw
        .workmail()
        .send(new ListAvailabilityConfigurationsCommand({ OrganizationId: organizationId }));
      expect(AvailabilityConfigurations).toEqual([
        expect.objectContaining({
          DomainName: 'partner.example',
          ProviderType: 'EWS',
          EwsProvider: {
            EwsEndpoint: 'http://127.0.0.1:9/EWS/Exchange.asmx',
            EwsUsername: 'PARTNER\\freebusy',
          },
        }),
      ]);

      // Saving the same domain again replaces its provider, here by a Lambda function of the deployment's account.
      const lambdaArn = `arn:aws:lambda:${mw.region}:111122223333:function:freebusy`;
      await save.getByLabel('Domain').fill('partner.example');
      await save.getByLabel('Provider type').selectOption('LAMBDA');
      await save.getByLabel('Lambda function ARN').fill(lambdaArn);
      await save.getByRole('button', { name: 'Save provider' }).click();
      await status(save).getByText('Updated the provider of partner.example').waitFor();
      await page.getByRole('cell', { name: lambdaArn }).waitFor();
      expect(await save.getByLabel('Provider type').inputValue()).toBe('EWS');
      await save.getByLabel('EWS endpoint').waitFor();
      const updated = await mw
        .workmail()
        .send(new ListAvailabilityConfigurationsCommand({ OrganizationId: organizationId }));
      expect(updated.AvailabilityConfigurations).toEqual([
        expect.objectContaining({ ProviderType: 'LAMBDA', LambdaProvider: { LambdaArn: lambdaArn } }),
      ]);
    });

    it('creates a device rule, tests it, and saves the device policy', async () => {
      await openPage('Mobile devices');
      const create = form('Create device access rule');
      await create.getByLabel('Rule name').fill('no-old-android');
      await create.getByLabel('Operating systems', { exact: true }).fill('Android 9, Android 10');
      await create.getByRole('button', { name: 'Create rule' }).click();
      await status(create).getByText('Device rule no-old-android created').waitFor();
      const tester = form('Test device access rules');
      await tester.getByLabel('Operating system').fill('Android 10.1');
      await tester.getByRole('button', { name: 'Test' }).click();
      await status(tester).getByText('DENY: matched no-old-android').waitFor();

      const policy = form('Device policy');
      await policy.getByLabel('Require a password').check();
      await policy.getByLabel('Minimum password length').fill('8');
      await policy.getByRole('button', { name: 'Save policy' }).click();
      await status(policy).getByText('Device policy saved').waitFor();
      // Reset after saving, the form shows the policy as saved.
      await page.getByText(/^Saved /).waitFor();
      expect(await policy.getByLabel('Require a password').isChecked()).toBe(true);
      expect(await policy.getByLabel('Minimum password length').inputValue()).toBe('8');
      await expectAccessible(page);
      await screenshotFromTop(page, 'console-mobile-devices');

      const { Rules } = await mw
        .workmail()
        .send(new ListMobileDeviceAccessRulesCommand({ OrganizationId: organizationId }));
      expect(Rules?.find((rule) => rule.Name === 'no-old-android')).toMatchObject({
        Effect: 'DENY',
        DeviceOperatingSystems: ['Android 9', 'Android 10'],
      });
      const saved = await mw.call({
        target: 'MailwrightService.GetMobileDevicePolicy',
        body: { OrganizationId: organizationId },
      });
      expect(saved.json).toMatchObject({ PasswordRequired: true, MinPasswordLength: 8 });
    });

    it('turns email event logging on and off, and shows those calls in the admin audit trail', async () => {
      await openPage('Logs');
      await page.getByLabel('Email event logging state').getByText('Off').waitFor();
      const logGroupArn = `arn:aws:logs:${mw.region}:111122223333:log-group:/aws/workmail/emailevents/guard:*`;
      const describe = () =>
        mw
          .workmail()
          .send(new DescribeEmailMonitoringConfigurationCommand({ OrganizationId: organizationId }));
      const turnOn = form('Turn on email event logging');
      await turnOn.getByLabel('Log group ARN').fill(logGroupArn);
      await turnOn.getByRole('button', { name: 'Save' }).click();
      await page.getByLabel('Email event logging state').getByText(`On, to ${logGroupArn}`).waitFor();
      expect((await describe()).LogGroupArn).toBe(logGroupArn);

      const deliver = form('Deliver an audit log');
      await deliver.getByLabel('Audit log').selectOption({ label: 'Authentication' });
      await deliver.getByLabel('Destination ARN').fill('arn:aws:s3:::guard-audit-archive');
      await deliver.getByRole('button', { name: 'Deliver' }).click();
      await page.getByRole('row', { name: /Authentication arn:aws:s3:::guard-audit-archive/ }).waitFor();

      await page.getByRole('button', { name: 'Refresh' }).click();
      const trail = page.getByRole('table', { name: 'Admin audit trail' });
      await trail.getByRole('row', { name: /PutEmailMonitoringConfiguration/ }).waitFor();
      await trail
        .getByRole('row', { name: /PutAccessControlRule/ })
        .first()
        .waitFor();
      await expectAccessible(page);
      await screenshotFromTop(page, 'console-logs');

      await form('Turn off email event logging').getByRole('button', { name: 'Turn off' }).click();
      await page.getByLabel('Email event logging state').getByText('Off').waitFor();
      await expect(describe()).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    });

    it('opens migration reports chosen by the admin, and refuses a file that is not one', async () => {
      await openPage('Migration');
      const reports = migrationReports();
      const input = page.getByLabel('Report file');
      const open = (name: string, text: string) =>
        input.setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
      const report = page.getByRole('article', { name: 'Migration report' });

      await open('migration-plan.json', reports.plan);
      await report.getByRole('heading', { name: /Plan: northwind/ }).waitFor();
      expect(await report.textContent()).toContain('150 MB of mail in 2 mailboxes');
      await report.getByRole('row', { name: /Deleted entities: carla/ }).waitFor();

      await open('migration-directory.json', reports.directory);
      await report.getByText(/Passwords: temporary passwords were set/).waitFor();
      await report.getByRole('row', { name: /user bruno EmailAddressInUseException/ }).waitFor();
      await page
        .getByRole('note')
        .getByText(/not this one/)
        .waitFor();
      await expectAccessible(page);
      await screenshotFromTop(page, 'console-migration-report');

      await open('migration-mailboxes.json', reports.mailboxes);
      await report
        .getByText('1 moved, 0 unchanged, 1 failed; 1520 messages imported, 120.0 MB exported.')
        .waitFor();

      await open('migration-passwords.csv', 'address,name,password\n');
      await page
        .getByRole('alert')
        .getByText(/not a Mailwright migration report/)
        .waitFor();
      expect(await report.count()).toBe(0);
      await expectAccessible(page);
    });
  },
);

/** A screenshot of the page's top (the organization's pages and the start of this one), for the docs. */
async function screenshotFromTop(page: Page, name: string): Promise<void> {
  // No focus ring left by the keyboard check, no hover left by the last click.
  await page.evaluate('document.activeElement?.blur(); window.scrollTo(0, 0)');
  await page.mouse.move(0, 0);
  await screenshot(page, name);
}

/** Runs axe-core on the page as it is (no serious or critical violation), and Tab reaches every control. */
async function expectAccessible(page: Page): Promise<void> {
  expect(await accessibilityViolations(page)).toEqual([]);
  expect(await unreachableByKeyboard(page)).toEqual([]);
}
