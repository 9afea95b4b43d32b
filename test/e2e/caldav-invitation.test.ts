import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { CreateOrganizationCommand, RegisterMailDomainCommand } from '@aws-sdk/client-workmail';
import type { MailboxRef } from '../../lambdas/core/calendar/types';
import {
  attendeesOf,
  parseSchedulingObject,
  schedulingComponents,
} from '../../lambdas/core/scheduling/itip-message';
import { JMAP_USER_PASSWORD, jmapUser } from '../support/jmap-users';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';

const DOMAIN = 'invite.example.com';
const ANA = `ana@${DOMAIN}`;
const BEN = `ben@${DOMAIN}`;
const CALDAV_INVITE = join(import.meta.dirname, 'fixtures', 'caldav_invite.py');

/** Runs the python3-caldav fixture and returns the JSON line it printed. */
function python(args: string[]): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) =>
    execFile('/usr/bin/python3', [CALDAV_INVITE, ...args], { timeout: 60_000 }, (error, stdout, stderr) =>
      error
        ? reject(new Error(`${error.message}\n${stderr}`))
        : resolve(JSON.parse(stdout.trim().split('\n').at(-1)!)),
    ),
  );
}

describe('E2E: an invitation made in a CalDAV client goes out as iTIP mail and the answer comes back', () => {
  let mw: TestRuntime;
  let ana: MailboxRef;
  let ben: MailboxRef;

  const partstats = async (owner: MailboxRef, uid: string) => {
    const stored = await mw.calendars.findByUid(owner, 'calendar', uid);
    const parsed = stored && parseSchedulingObject(stored.content);
    if (!parsed || !parsed.ok) return undefined;
    return Object.fromEntries(
      attendeesOf(schedulingComponents(parsed.value.calendar)[0]!).map((each) => [
        each.address,
        each.partstat,
      ]),
    );
  };
  /** Mail between colleagues is delivered, and then applied to calendars, as it goes: wait for it, within limits. */
  const eventually = async <T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> => {
    for (let attempt = 0; ; attempt += 1) {
      const value = await read();
      if (done(value) || attempt >= 100) return value;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  beforeAll(async () => {
    mw = await startTestRuntime();
    const workmail = mw.workmail();
    const { OrganizationId } = await workmail.send(new CreateOrganizationCommand({ Alias: 'caldav-invite' }));
    await workmail.send(new RegisterMailDomainCommand({ OrganizationId, DomainName: DOMAIN }));
    ana = {
      organizationId: OrganizationId!,
      mailboxId: (await jmapUser(mw, OrganizationId!, 'ana', ANA)).userId,
    };
    ben = {
      organizationId: OrganizationId!,
      mailboxId: (await jmapUser(mw, OrganizationId!, 'ben', BEN)).userId,
    };
  });
  afterAll(() => mw.stop());

  it("puts the organizer's meeting in the attendee's calendar, and the attendee's acceptance in the organizer's", async () => {
    const uid = `review-${Date.now()}@invite.example.com`;
    const url = `${mw.endpoint}/dav/`;

    await python(['invite', url, ANA, JMAP_USER_PASSWORD, uid, BEN]);
    const invited = await eventually(
      () => partstats(ben, uid),
      (seen) => seen !== undefined,
    );
    const answer = await python(['accept', url, BEN, JMAP_USER_PASSWORD, uid]);
    const organizerCopy = await eventually(
      () => partstats(ana, uid),
      (seen) => seen?.[BEN] === 'ACCEPTED',
    );

    expect(invited).toEqual({ [ANA]: 'ACCEPTED', [BEN]: 'NEEDS-ACTION' });
    expect(answer).toEqual({ found: uid, accepted: true });
    expect(organizerCopy).toEqual({ [ANA]: 'ACCEPTED', [BEN]: 'ACCEPTED' });
  });
});
