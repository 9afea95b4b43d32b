import {
  CreateOrganizationCommand,
  ListUsersCommand,
  RegisterMailDomainCommand,
  WorkMailClient,
} from '@aws-sdk/client-workmail';
import { createTransport } from 'nodemailer';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { AdminGrant } from '../../lambdas/core/sso/admin-grants';
import {
  accessibilityViolations,
  hasChromium,
  launchChromium,
  screenshot,
  unreachableByKeyboard,
} from '../support/browser';
import { JMAP_USER_PASSWORD, jmapUser } from '../support/jmap-users';
import { useIssuerForSignIn } from '../support/organization-sign-in';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';
import { startTestIssuer, type TestIssuer } from '../support/oidc-issuer';

const DOMAIN = 'sso-web.example.com';
const ANA = `ana@${DOMAIN}`;
const INSTANCE_ARN = 'arn:aws:sso:::instance/ssoins-7777888899990000';

/** The key pair `/admin/auth/key` handed to the console. */
interface DeliveredKey {
  AccessKeyId: string;
  SecretAccessKey: string;
  Region: string;
  OrganizationIds?: string[];
}

(hasChromium ? describe : describe.skip)(
  'E2E: single sign-on in the webmail and the admin console (Chromium)',
  () => {
    let issuer: TestIssuer;
    let mw: TestRuntime;
    let browser: Browser;
    let organizationA: string;
    let organizationB: string;
    // The runtime reads its admin grants at each sign-in: filled once the organizations exist.
    const grants: AdminGrant[] = [];

    beforeAll(async () => {
      issuer = await startTestIssuer(
        () => [`${mw.endpoint}/auth/callback`, `${mw.endpoint}/admin/auth/callback`],
        {
          ana: { email: ANA, emailVerified: true },
          root: { email: 'root@admins.example', emailVerified: true, groups: ['staff', 'websso-admins'] },
          intern: { email: 'intern@admins.example', emailVerified: true, groups: ['staff'] },
        },
      );
      mw = await startTestRuntime({
        adminSignIn: {
          issuer: { issuer: issuer.issuer, clientId: issuer.clientId, clientSecret: issuer.clientSecret },
          grants,
        },
      });
      const workmail = mw.workmail();
      organizationA = (await workmail.send(new CreateOrganizationCommand({ Alias: 'websso' })))
        .OrganizationId!;
      organizationB = (await workmail.send(new CreateOrganizationCommand({ Alias: 'websso-other' })))
        .OrganizationId!;
      grants.push({ group: 'websso-admins', organizations: [organizationA] });
      await workmail.send(
        new RegisterMailDomainCommand({ OrganizationId: organizationA, DomainName: DOMAIN }),
      );
      await jmapUser(mw, organizationA, 'ana', ANA);
      await useIssuerForSignIn(mw, organizationA, issuer, 'IDENTITY_PROVIDER_ONLY', INSTANCE_ARN);
      await createTransport({
        host: mw.smtp.host,
        port: mw.smtp.port,
        secure: false,
        ignoreTLS: true,
      }).sendMail({
        from: 'Pat Outside <pat@outside.example.net>',
        to: ANA,
        subject: 'Badge renewal',
        text: 'Your badge renews on Monday.',
      });
      browser = await launchChromium();
    }, 90_000);

    afterAll(async () => {
      await browser?.close();
      await mw?.stop();
      await issuer?.stop();
    });

    /** Signs in at the test issuer's own pages (its development login form, then its consent form). */
    const signInAtIssuer = async (page: Page, login: string) => {
      await page.waitForURL((url) => url.origin === issuer.issuer);
      await page.locator('input[name="login"]').fill(login);
      await page.locator('input[name="password"]').fill('any password');
      await page.getByRole('button', { name: 'Sign-in' }).click();
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.waitForURL((url) => url.origin === mw.endpoint);
    };
    const contexts: BrowserContext[] = [];
    const newPage = async () => {
      // Tall enough for the sign-in screens' both ways in the screenshots.
      const context = await browser.newContext({ viewport: { width: 1280, height: 960 } });
      contexts.push(context);
      return context.newPage();
    };
    afterEach(async () => {
      for (const context of contexts.splice(0)) await context.close();
    });
    const workmailWith = (key: DeliveredKey) =>
      new WorkMailClient({
        endpoint: mw.endpoint,
        region: key.Region,
        credentials: { accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey },
        maxAttempts: 1,
      });
    const failureOf = (promise: Promise<unknown>) =>
      promise.then(
        () => 'succeeded',
        (error: Error) => error.name,
      );

    it('webmail: signs in through the identity provider by email domain, reads a message, opens the calendar, and signs out', async () => {
      const page = await newPage();
      await page.goto(mw.endpoint);
      const form = page.getByRole('form', { name: 'Sign in with single sign-on' });
      await form.getByLabel('Organization or email domain').waitFor();
      expect(await accessibilityViolations(page)).toEqual([]);
      expect(await unreachableByKeyboard(page)).toEqual([]);
      await screenshot(page, 'webmail-sign-in');

      await form.getByLabel('Organization or email domain').fill(ANA);
      await form.getByRole('button', { name: 'Sign in with single sign-on' }).click();
      await signInAtIssuer(page, 'ana');
      await page
        .getByRole('listbox', { name: 'Messages' })
        .getByRole('option')
        .filter({ hasText: 'Badge renewal' })
        .click();
      await page.getByRole('heading', { name: 'Badge renewal' }).waitFor();
      const body = await page.locator('.reader pre').textContent();
      // The calendar speaks CalDAV with the same session cookie and CSRF header as JMAP.
      await page.getByRole('navigation', { name: 'Folders' }).getByRole('link', { name: 'Calendar' }).click();
      await page.locator('ol.days[aria-busy="false"]').waitFor();
      const storage = await page.evaluate(() => {
        const { localStorage, sessionStorage } = globalThis as unknown as Record<string, object>;
        return JSON.stringify({ ...localStorage, ...sessionStorage });
      });
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('button', { name: 'Sign in with single sign-on' }).waitFor();
      const afterSignOut = await page.request.get(`${mw.endpoint}/auth/session`);

      expect(body).toContain('Your badge renews on Monday.');
      expect(await page.getByText(ANA).count()).toBe(0);
      expect(storage).not.toMatch(/csrf|[A-Za-z0-9_-]{43}/i);
      expect(afterSignOut.status()).toBe(401);
    });

    it("webmail: refuses an IDENTITY_PROVIDER_ONLY user's password, pointing to single sign-on", async () => {
      const page = await newPage();
      await page.goto(mw.endpoint);
      const form = page.getByRole('form', { name: 'Sign in with a password' });

      await form.getByLabel('Email address').fill(ANA);
      await form.getByLabel('Password or personal access token').fill(JMAP_USER_PASSWORD);
      await form.getByRole('button', { name: 'Sign in', exact: true }).click();

      await expect(form.getByRole('alert').textContent()).resolves.toContain('single sign-on');
    });

    it('console: signs in through the identity provider, lists organizations with a short-lived key scoped by group, which sign-out revokes', async () => {
      const page = await newPage();
      const delivered = new Promise<DeliveredKey>((resolve) =>
        page.on('response', (response) => {
          if (response.url().endsWith('/admin/auth/key')) void response.json().then(resolve);
        }),
      );
      await page.goto(`${mw.endpoint}/admin`);
      const link = page.getByRole('button', { name: 'Sign in with single sign-on' });
      await link.waitFor();
      expect(await accessibilityViolations(page)).toEqual([]);
      expect(await unreachableByKeyboard(page)).toEqual([]);
      await screenshot(page, 'console-sign-in');

      await link.click();
      await signInAtIssuer(page, 'root');
      await page.getByRole('heading', { name: 'Organizations' }).waitFor();
      await page.getByRole('link', { name: 'websso', exact: true }).waitFor();
      const key = await delivered;
      const listed = await page.getByRole('link', { name: 'websso-other', exact: true }).count();
      const inScope = await failureOf(
        workmailWith(key).send(new ListUsersCommand({ OrganizationId: organizationA })),
      );
      const otherTenant = await failureOf(
        workmailWith(key).send(new ListUsersCommand({ OrganizationId: organizationB })),
      );
      const again = await page.request.post(`${mw.endpoint}/admin/auth/key`);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('button', { name: 'Sign in with single sign-on' }).waitFor();
      const afterSignOut = await failureOf(
        workmailWith(key).send(new ListUsersCommand({ OrganizationId: organizationA })),
      );
      const audit = await mw.call({ target: 'MailwrightService.ListAdminAuditEvents', body: {} });
      const auditedForKey = (
        audit.json as { Events: { AccessKeyId: string; Action: string }[] }
      ).Events.filter((event) => event.AccessKeyId === key.AccessKeyId).map((event) => event.Action);

      expect(key.AccessKeyId).toMatch(/^AKMW/);
      expect(key.OrganizationIds).toEqual([organizationA]);
      expect(listed).toBe(0);
      expect(inScope).toBe('succeeded');
      expect(otherTenant).toBe('OrganizationNotFoundException');
      expect(again.status()).toBe(403);
      // Refused as an unknown or revoked key is.
      expect(afterSignOut).toBe('InvalidClientTokenId');
      expect(auditedForKey).toEqual(['MailwrightService.AdminSignOut', 'MailwrightService.AdminSignIn']);
      expect(JSON.stringify(audit.json)).not.toContain(key.SecretAccessKey);
    });

    it('console: refuses an identity in no granted group, minting no key', async () => {
      const page = await newPage();
      await page.goto(`${mw.endpoint}/admin`);

      await page.getByRole('button', { name: 'Sign in with single sign-on' }).click();
      await signInAtIssuer(page, 'intern');

      await expect(page.getByRole('paragraph').textContent()).resolves.toBe(
        'Your account is in no group that may administer this deployment.',
      );
      await expect(
        page.request.get(`${mw.endpoint}/admin/auth/session`).then((r) => r.status()),
      ).resolves.toBe(401);
    });
  },
);
