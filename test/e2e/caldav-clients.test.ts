import { execFile } from 'node:child_process';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CreateOrganizationCommand, RegisterMailDomainCommand } from '@aws-sdk/client-workmail';
import { davCaller, vevent, type DavCaller } from '../support/dav-client';
import { JMAP_USER_PASSWORD, jmapUser } from '../support/jmap-users';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';
import { vdirsyncer } from '../support/vdirsyncer';

const DOMAIN = 'calclients.example.com';
const CALDAV_SESSION = join(import.meta.dirname, 'fixtures', 'caldav_session.py');

describe('E2E: CalDAV with clients nobody here wrote (python3-caldav, vdirsyncer)', () => {
  let mw: TestRuntime;
  let ana: { userId: string; email: string; dav: DavCaller };

  beforeAll(async () => {
    mw = await startTestRuntime();
    const workmail = mw.workmail();
    const { OrganizationId } = await workmail.send(new CreateOrganizationCommand({ Alias: 'calclients' }));
    await workmail.send(new RegisterMailDomainCommand({ OrganizationId, DomainName: DOMAIN }));
    const user = await jmapUser(mw, OrganizationId!, 'ana', `ana@${DOMAIN}`);
    ana = {
      userId: user.userId,
      email: user.email,
      dav: davCaller(mw.endpoint, user.email, JMAP_USER_PASSWORD),
    };
  }, 60_000);

  afterAll(() => mw?.stop());

  it('python3-caldav discovers, creates a calendar, adds, queries, moves, free/busy-queries, syncs and deletes events', async () => {
    // Act (Debian's python3-caldav lives beside the system interpreter)
    const output = await new Promise<string>((resolve, reject) =>
      execFile(
        '/usr/bin/python3',
        [CALDAV_SESSION, `${mw.endpoint}/dav/`, ana.email, JMAP_USER_PASSWORD],
        { timeout: 60_000 },
        (error, stdout, stderr) =>
          error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
      ),
    );
    const seen = JSON.parse(output) as Record<string, unknown>;
    // Assess
    expect(seen.principal).toBe(`${mw.endpoint}/dav/principals/${ana.userId}/`);
    expect(seen.calendars_before).toEqual([`${mw.endpoint}/dav/calendars/${ana.userId}/calendar/`]);
    expect(seen.work_url).toBe(`${mw.endpoint}/dav/calendars/${ana.userId}/work/`);
    expect(seen.work_name).toBe('Work');
    expect(seen.all).toEqual(['offsite@e2e', 'review@e2e']);
    expect(seen.first_week).toEqual(['review@e2e']);
    expect(seen.changed_summary).toBe('Review moved');
    expect(seen.freebusy).toEqual(['20260105T140000Z/20260105T150000Z', '20260120T090000Z/20260120T170000Z']);
    expect(seen.sync_count).toBe(2);
    expect(seen.sync_after_delete).toBe(1);
    expect(seen.remaining).toEqual(['review@e2e']);
  });

  it('vdirsyncer syncs a calendar both ways: local additions and changes go up, server changes and deletions come down', async () => {
    // Prepare
    const vds = await vdirsyncer([
      {
        name: 'cal',
        type: 'caldav',
        url: `${mw.endpoint}/dav/`,
        username: ana.email,
        password: JMAP_USER_PASSWORD,
        collections: ['calendar'],
      },
    ]);
    const local = vds.folder('cal', 'calendar');
    const remote = (name: string) => `/dav/calendars/${ana.userId}/calendar/${name}`;
    await ana.dav('PUT', remote('server1.ics'), {
      body: vevent('server1@t', '20260301T090000Z', '20260301T100000Z', 'From the server'),
      headers: { 'content-type': 'text/calendar' },
    });
    await vds.run('discover');
    // Act: first sync brings the server's event down and takes a local one up
    await writeFile(
      join(local, 'local1.ics'),
      vevent('local1@t', '20260302T090000Z', '20260302T100000Z', 'From here'),
    );
    await vds.run('sync');
    const afterFirst = (await readdir(local)).sort();
    const listing = await ana.dav('REPORT', `/dav/calendars/${ana.userId}/calendar/`, {
      body: `<c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop><c:calendar-data/></d:prop>
        <c:filter><c:comp-filter name="VCALENDAR"><c:comp-filter name="VEVENT"/></c:comp-filter></c:filter></c:calendar-query>`,
    });
    // Act: a local change goes up; a server deletion comes down
    const pulled = afterFirst.find((name) => name !== 'local1.ics')!;
    const pulledText = await readFile(join(local, pulled), 'utf8');
    await writeFile(
      join(local, 'local1.ics'),
      vevent('local1@t', '20260302T110000Z', '20260302T120000Z', 'Moved here'),
    );
    await ana.dav('DELETE', remote('server1.ics'));
    await vds.run('sync');
    const afterSecond = (await readdir(local)).sort();
    const changed = await ana.dav('REPORT', `/dav/calendars/${ana.userId}/calendar/`, {
      body: `<c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop><c:calendar-data/></d:prop>
        <c:filter><c:comp-filter name="VCALENDAR"><c:comp-filter name="VEVENT"/></c:comp-filter></c:filter></c:calendar-query>`,
    });
    // Assess
    expect(afterFirst).toHaveLength(2);
    expect(pulledText).toContain('UID:server1@t');
    expect(listing.text).toContain('UID:local1@t');
    expect(afterSecond).toEqual(['local1.ics']);
    expect(changed.text).toContain('SUMMARY:Moved here');
    expect(changed.text).not.toContain('server1@t');
    await rm(join(local, '..', '..'), { recursive: true, force: true });
  });
});
