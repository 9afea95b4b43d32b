import {
  ListGroupMembersCommand,
  ListGroupsCommand,
  ListOrganizationsCommand,
  ListUsersCommand,
} from '@aws-sdk/client-workmail';
import type { Browser, Page } from 'playwright-core';
import {
  accessibilityViolations,
  hasChromium,
  launchChromium,
  screenshot,
  unreachableByKeyboard,
} from '../support/browser';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';

(hasChromium ? describe : describe.skip)('E2E: the admin console in headless Chromium', () => {
  let mw: TestRuntime;
  let browser: Browser;
  let page: Page;

  const form = (name: string) => page.getByRole('form', { name });

  beforeAll(async () => {
    mw = await startTestRuntime();
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(`${mw.endpoint}/admin`);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await mw?.stop();
  });

  it('refuses a wrong secret, and signs in with the admin key', async () => {
    await expectAccessible(page);
    await page.getByLabel('Access key ID').fill(mw.credentials.accessKeyId);
    await page.getByLabel('Secret access key').fill('not-the-secret');
    await page.getByLabel('Region').fill(mw.region);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();

    await page.getByLabel('Secret access key').fill(mw.credentials.secretAccessKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Organizations' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'console-organizations');
  });

  it('creates an organization and registers a domain, showing the DNS records to publish', async () => {
    const create = form('Create organization');
    await create.getByLabel('Alias').fill('console');
    await create.getByRole('button', { name: 'Create organization' }).click();
    await create.getByRole('status').getByText('Organization console created').waitFor();
    await page.getByRole('link', { name: 'console', exact: true }).click();

    const register = form('Register domain');
    await register.getByLabel('Domain name').fill('console.example.com');
    await register.getByRole('button', { name: 'Register domain' }).click();
    await register.getByRole('status').waitFor();
    await page.locator('summary').getByText('console.example.com', { exact: true }).click();
    const records = page.getByRole('article', { name: 'DNS records of console.example.com' });
    await records.getByRole('cell', { name: 'MX' }).waitFor();
    expect(await records.textContent()).toMatch(/Ownership: \w+/);
    await expectAccessible(page);
    await screenshot(page, 'console-domain-records');

    const { OrganizationSummaries } = await mw.workmail().send(new ListOrganizationsCommand({}));
    expect(OrganizationSummaries?.map((organization) => organization.Alias)).toContain('console');
  });

  it('creates a user and a group, and adds the user to the group', async () => {
    const nav = page.getByRole('navigation', { name: 'Organization pages' });
    await nav.getByRole('link', { name: 'Users' }).click();
    const createUser = form('Create user');
    await createUser.getByLabel('User name').fill('ana');
    await createUser.getByLabel('Display name').fill('Ana Lima');
    await createUser.getByLabel('Email address').fill('ana@console.example.com');
    await createUser.getByLabel('Password').fill('Correct-horse1');
    await createUser.getByRole('button', { name: 'Create user' }).click();
    await page.getByRole('cell', { name: 'ana@console.example.com' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'console-users');
    expect(await unreachableByKeyboard(page)).toEqual([]);

    await nav.getByRole('link', { name: 'Groups' }).click();
    const createGroup = form('Create group');
    await createGroup.getByLabel('Group name').fill('team');
    await createGroup.getByLabel('Group email address').fill('team@console.example.com');
    await createGroup.getByRole('button', { name: 'Create group' }).click();
    await page.getByText(/team <team@console\.example\.com>/).click();
    const addMember = form('Add a member to team');
    await addMember.getByLabel('User to add').selectOption({ label: 'Ana Lima' });
    await addMember.getByRole('button', { name: 'Add member' }).click();
    await page.getByRole('list', { name: 'Members of team' }).getByText('ana (user)').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'console-groups');

    const workmail = mw.workmail();
    const organizationId = (
      await workmail.send(new ListOrganizationsCommand({}))
    ).OrganizationSummaries!.find((organization) => organization.Alias === 'console')!.OrganizationId!;
    const { Users } = await workmail.send(new ListUsersCommand({ OrganizationId: organizationId }));
    const ana = Users!.find((user) => user.Name === 'ana')!;
    expect(ana).toMatchObject({
      Email: 'ana@console.example.com',
      DisplayName: 'Ana Lima',
      State: 'ENABLED',
    });
    const { Groups } = await workmail.send(new ListGroupsCommand({ OrganizationId: organizationId }));
    const team = Groups!.find((group) => group.Name === 'team')!;
    const { Members } = await workmail.send(
      new ListGroupMembersCommand({ OrganizationId: organizationId, GroupId: team.Id }),
    );
    expect(Members!.map((member) => member.Id)).toEqual([ana.Id]);
  });
});

/** Runs axe-core on the page as it is: no serious or critical violation. */
async function expectAccessible(page: Page): Promise<void> {
  expect(await accessibilityViolations(page)).toEqual([]);
}
