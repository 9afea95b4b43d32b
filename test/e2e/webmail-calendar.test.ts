import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { CreateOrganizationCommand, RegisterMailDomainCommand } from '@aws-sdk/client-workmail';
import JamClient from 'jmap-jam';
import type { Browser, Page } from 'playwright-core';
import type { MailboxRef } from '../../lambdas/core/calendar/types';
import {
  accessibilityViolations,
  hasChromium,
  launchChromium,
  screenshot,
  unreachableByKeyboard,
} from '../support/browser';
import { JMAP_USER_PASSWORD, jmapUser } from '../support/jmap-users';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';

const DOMAIN = 'calendar.example.com';
const ANA = `ana@${DOMAIN}`;
const BEN = `ben@${DOMAIN}`;
const CALDAV_CALENDAR = join(import.meta.dirname, 'fixtures', 'caldav_calendar.py');
const DAY = 86_400_000;

/** Runs the python3-caldav fixture and returns the JSON line it printed. */
function python(args: string[]): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) =>
    execFile('/usr/bin/python3', [CALDAV_CALENDAR, ...args], { timeout: 60_000 }, (error, stdout, stderr) =>
      error
        ? reject(new Error(`${error.message}\n${stderr}`))
        : resolve(JSON.parse(stdout.trim().split('\n').at(-1)!)),
    ),
  );
}

/** An iCalendar UTC date-time: `20261209T100000Z`. */
const icalUtc = (time: number) =>
  new Date(time)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
/** A datetime-local input's value for a UTC time (the browser runs in UTC). */
const inputUtc = (time: number) => new Date(time).toISOString().slice(0, 16);

(hasChromium ? describe : describe.skip)('E2E: webmail calendar and invitations in headless Chromium', () => {
  let mw: TestRuntime;
  let browser: Browser;
  let ana: MailboxRef;
  let ben: MailboxRef & { token: string };
  let anaPage: Page;
  let benPage: Page;
  /** Monday 00:00 UTC of the current week. */
  const monday = Math.floor((Date.now() - 4 * DAY) / (7 * DAY)) * 7 * DAY + 4 * DAY;
  const standupUid = `standup-${Date.now()}@${DOMAIN}`;
  let reviewUid = '';

  const signedIn = async (login: string, viewport = { width: 1400, height: 900 }) => {
    const context = await browser.newContext({ timezoneId: 'UTC', locale: 'en-US', viewport });
    const page = await context.newPage();
    await page.goto(mw.endpoint);
    await page.getByLabel('Email address').fill(login);
    await page.getByLabel('Password or personal access token').fill(JMAP_USER_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Folders' }).getByRole('link', { name: /Inbox/ }).waitFor();
    return page;
  };
  /** The calendar's day list once it has loaded its page. */
  const loadedDays = (page: Page) => page.locator('ol.days[aria-busy="false"]');
  const eventButton = (page: Page, name: RegExp) => loadedDays(page).getByRole('button', { name });
  /** Clicks Previous or Next and waits for the other page's events. */
  const turnPage = async (page: Page, button: string) => {
    const before = await loadedDays(page).getAttribute('aria-label');
    await page.getByRole('button', { name: button }).click();
    await until(async () => {
      const days = loadedDays(page);
      return (await days.count()) === 1 && (await days.getAttribute('aria-label')) !== before;
    });
  };
  /** The invitations and cancellations in Ben's inbox, read through JMAP by jmap-jam. */
  const benInbox = async () => {
    const jam = new JamClient({ sessionUrl: `${mw.endpoint}/.well-known/jmap`, bearerToken: ben.token });
    const accountId = await jam.getPrimaryAccount();
    const [mailboxes] = await jam.request(['Mailbox/get', { accountId }]);
    const inbox = mailboxes.list.find((mailbox) => mailbox.role === 'inbox')!;
    const [{ list }] = await jam.requestMany((b) => {
      const query = b.Email.query({
        accountId,
        filter: { inMailbox: inbox.id },
        sort: [{ property: 'receivedAt', isAscending: false }],
      });
      return {
        query,
        list: b.Email.get({ accountId, ids: query.$ref('/ids'), properties: ['subject', 'attachments'] }),
      };
    });
    return { jam, accountId, messages: list.list };
  };
  const calendarPartOf = async (subject: string) => {
    let found: { text: string } | undefined;
    await until(async () => {
      const { jam, accountId, messages } = await benInbox();
      const message = messages.find((each) => each.subject === subject);
      const part = message?.attachments?.find((each) => each.type === 'text/calendar');
      if (!part) return false;
      const response = await jam.downloadBlob({
        accountId,
        blobId: part.blobId!,
        mimeType: 'text/calendar',
        fileName: 'invite.ics',
      });
      found = { text: (await response.text()).replace(/\r\n[ \t]/g, '') };
      return true;
    });
    return found!.text;
  };
  const partstatsIn = async (owner: MailboxRef, uid: string) =>
    (await mw.calendars.findByUid(owner, 'calendar', uid))?.content.replace(/\r\n[ \t]/g, '') ?? '';

  beforeAll(async () => {
    mw = await startTestRuntime();
    const workmail = mw.workmail();
    const { OrganizationId } = await workmail.send(
      new CreateOrganizationCommand({ Alias: 'webmail-calendar' }),
    );
    await workmail.send(new RegisterMailDomainCommand({ OrganizationId, DomainName: DOMAIN }));
    const anaUser = await jmapUser(mw, OrganizationId!, 'ana', ANA);
    const benUser = await jmapUser(mw, OrganizationId!, 'ben', BEN);
    ana = { organizationId: OrganizationId!, mailboxId: anaUser.userId };
    ben = { organizationId: OrganizationId!, mailboxId: benUser.userId, token: benUser.token };
    const wednesday = monday + 2 * DAY + 10 * 3_600_000;
    await python([
      'weekly',
      `${mw.endpoint}/dav/`,
      ANA,
      JMAP_USER_PASSWORD,
      standupUid,
      icalUtc(wednesday),
      icalUtc(wednesday + 14 * DAY),
    ]);
    browser = await launchChromium();
    anaPage = await signedIn(ANA);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await mw?.stop();
  });

  it('shows a weekly event saved by a CalDAV client on its day of every week, but not on the excluded date', async () => {
    await anaPage
      .getByRole('navigation', { name: 'Folders' })
      .getByRole('link', { name: 'Calendar' })
      .click();
    const standups: number[] = [];
    const days: string[] = [];
    for (let week = 0; week < 4; week += 1) {
      if (week > 0) await turnPage(anaPage, 'Next week');
      await loadedDays(anaPage).waitFor();
      const standup = anaPage.getByRole('button', { name: /Team standup/ });
      standups.push(await loadedDays(anaPage).locator(standup).count());
      if (week === 0)
        days.push(
          await loadedDays(anaPage).locator('li.day', { has: standup }).getByRole('heading').innerText(),
        );
    }
    await anaPage.getByRole('button', { name: 'Today' }).click();

    expect(standups).toEqual([1, 1, 0, 1]);
    expect(days[0]).toMatch(/^Wed/);
    expect(await unreachableByKeyboard(anaPage)).toEqual([]);
    expect(await eventButton(anaPage, /Team standup/).innerText()).toContain('10:00');
    expect(await accessibilityViolations(anaPage)).toEqual([]);
  });

  it('shows the month and the agenda, both accessible', async () => {
    await anaPage.getByRole('button', { name: 'Month', exact: true }).click();
    await eventButton(anaPage, /Team standup/)
      .first()
      .waitFor();
    expect(await accessibilityViolations(anaPage)).toEqual([]);

    await anaPage.getByRole('button', { name: 'Agenda', exact: true }).click();
    await loadedDays(anaPage).waitFor();
    expect(await accessibilityViolations(anaPage)).toEqual([]);
    await anaPage.getByRole('button', { name: 'Week', exact: true }).click();
  });

  it('creates an event with an attendee, who receives an iTIP REQUEST by mail', async () => {
    const start = monday + 7 * DAY + 3 * DAY + 14 * 3_600_000;
    await anaPage.getByRole('button', { name: 'New event' }).click();
    const form = anaPage.getByRole('form', { name: 'New event' });
    await form.getByLabel('Title').fill('Design review');
    await form.getByLabel('Start', { exact: true }).fill(inputUtc(start));
    await form.getByLabel('End', { exact: true }).fill(inputUtc(start + 3_600_000));
    await form.getByLabel('Location').fill('Room 4');
    await form.getByLabel('Attendees').fill(BEN);
    expect(await accessibilityViolations(anaPage)).toEqual([]);
    expect(await unreachableByKeyboard(anaPage)).toEqual([]);
    await form.getByRole('button', { name: 'Save' }).click();
    await anaPage.getByText('Event saved; attendees are told').waitFor();
    await turnPage(anaPage, 'Next week');
    await eventButton(anaPage, /Design review/).waitFor();
    await screenshot(anaPage, 'webmail-calendar');

    const invitation = await calendarPartOf('Invitation: Design review');
    reviewUid = /^UID:(.+)$/m.exec(invitation)![1]!.trim();

    expect(invitation).toContain('METHOD:REQUEST');
    expect(invitation).toMatch(/ORGANIZER[^:\r\n]*:mailto:ana@calendar\.example\.com/i);
    expect(invitation).toMatch(
      /ATTENDEE[^:\r\n]*PARTSTAT=NEEDS-ACTION[^:\r\n]*:mailto:ben@calendar\.example\.com/i,
    );
    expect(invitation).toContain(`DTSTART:${icalUtc(start)}`);
  });

  it("shows the invitation in the attendee's webmail; accepting answers the organizer, whose copy says ACCEPTED", async () => {
    benPage = await signedIn(BEN);
    await benPage.getByRole('option').filter({ hasText: 'Invitation: Design review' }).click();
    const card = benPage.getByRole('region', { name: 'Invitation' });
    await card.getByText('Not answered yet').waitFor();
    expect(await card.innerText()).toContain('Room 4');
    expect(await card.innerText()).toContain(ANA);
    expect(await accessibilityViolations(benPage)).toEqual([]);
    expect(await unreachableByKeyboard(benPage)).toEqual([]);
    await screenshot(benPage, 'webmail-invitation');

    await card.getByRole('button', { name: 'Accept' }).click();
    await card.getByText('Accepted', { exact: true }).waitFor();
    await until(async () =>
      /PARTSTAT=ACCEPTED[^:\r\n]*:mailto:ben@/i.test(await partstatsIn(ana, reviewUid)),
    );
    const organizerCopy = await python([
      'attendees',
      `${mw.endpoint}/dav/`,
      ANA,
      JMAP_USER_PASSWORD,
      reviewUid,
    ]);

    expect(await card.getByRole('button', { name: 'Accept' }).getAttribute('aria-pressed')).toBe('true');
    expect(organizerCopy).toEqual({ [ANA]: 'ACCEPTED', [BEN]: 'ACCEPTED' });
  });

  it("shows the organizer the attendee's answer in the reply mail", async () => {
    const folders = anaPage.getByRole('navigation', { name: 'Folders' });
    await folders.getByRole('link', { name: /Inbox/ }).click();
    await anaPage.getByRole('option').filter({ hasText: 'Accepted: Design review' }).click();
    const card = anaPage.getByRole('region', { name: 'Answer to an invitation' });
    await card.getByText(`${BEN}: Accepted`).waitFor();
    expect(await accessibilityViolations(anaPage)).toEqual([]);

    await folders.getByRole('link', { name: 'Calendar' }).click();
    await loadedDays(anaPage).waitFor();
    await turnPage(anaPage, 'Next week');
  });

  it("edits the event: the organizer's copy changes and the attendee is sent the update", async () => {
    await eventButton(anaPage, /Design review/).click();
    const form = anaPage.getByRole('form', { name: 'Edit event' });
    expect(await form.getByLabel('Attendees').inputValue()).toBe(BEN);
    await form.getByLabel('Location').fill('Room 5');
    await form.getByRole('button', { name: 'Save' }).click();
    await anaPage.getByText('Event saved; attendees are told').waitFor();

    await until(async () => (await partstatsIn(ben, reviewUid)).includes('LOCATION:Room 5'));
    expect(await partstatsIn(ana, reviewUid)).toContain('SEQUENCE:1');
  });

  it('deletes the event: the attendee sees it cancelled and removes it from their calendar', async () => {
    await eventButton(anaPage, /Design review/).click();
    await anaPage.getByRole('form', { name: 'Edit event' }).getByRole('button', { name: 'Delete' }).click();
    await anaPage.getByText('Event deleted').waitFor();
    await until(
      async () =>
        (await loadedDays(anaPage).count()) === 1 &&
        (await eventButton(anaPage, /Design review/).count()) === 0,
    );

    await calendarPartOf('Cancelled: Design review');
    await benPage.getByRole('option').filter({ hasText: 'Cancelled: Design review' }).click();
    const card = benPage.getByRole('region', { name: 'Cancelled event' });
    await card.getByText('This event was cancelled by its organizer.').waitFor();
    await card.getByRole('button', { name: 'Remove from calendar' }).click();
    await card.getByText('It is not in your calendar.').waitFor();

    expect(await mw.calendars.findByUid(ben, 'calendar', reviewUid)).toBeUndefined();
    expect(await mw.calendars.findByUid(ana, 'calendar', reviewUid)).toBeUndefined();
  });

  it('starts with the agenda on a phone', async () => {
    const phone = await signedIn(ANA, { width: 390, height: 844 });
    await phone.getByRole('link', { name: 'Calendar' }).click();
    await loadedDays(phone).waitFor();

    expect(
      await phone.getByRole('button', { name: 'Agenda', exact: true }).getAttribute('aria-pressed'),
    ).toBe('true');
    expect(await accessibilityViolations(phone)).toEqual([]);
  });
});

/** Polls `check` until it holds, for up to 30 s. */
async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  for (const deadline = Date.now() + 30_000; !(await check());) {
    if (Date.now() > deadline) throw new Error(`never came true: ${check.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
