import {
  AssumeImpersonationRoleCommand,
  CreateImpersonationRoleCommand,
  CreateOrganizationCommand,
  PutMailboxPermissionsCommand,
  RegisterMailDomainCommand,
} from '@aws-sdk/client-workmail';
import { davCaller, findAll, responsesOf, vevent, type DavCaller } from '../support/dav-client';
import { JMAP_USER_PASSWORD, jmapUser } from '../support/jmap-users';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';

const DOMAIN = 'caldav.example.com';
const D = 'xmlns:d="DAV:"';
const C = 'xmlns:c="urn:ietf:params:xml:ns:caldav"';

describe('E2E: CalDAV requests against the local runtime (raw HTTP)', () => {
  let mw: TestRuntime;
  let orgId: string;
  let ana: { userId: string; dav: DavCaller; token: string };
  let bob: { userId: string; dav: DavCaller };

  const calendarPath = (owner: string, name = '') => `/dav/calendars/${owner}/calendar/${name}`;
  const put = (dav: DavCaller, path: string, body: string, headers: Record<string, string> = {}) =>
    dav('PUT', path, { body, headers: { 'content-type': 'text/calendar; charset=utf-8', ...headers } });

  beforeAll(async () => {
    mw = await startTestRuntime();
    const workmail = mw.workmail();
    ({ OrganizationId: orgId } = (await workmail.send(
      new CreateOrganizationCommand({ Alias: 'caldav' }),
    )) as {
      OrganizationId: string;
    });
    await workmail.send(new RegisterMailDomainCommand({ OrganizationId: orgId, DomainName: DOMAIN }));
    const a = await jmapUser(mw, orgId, 'ana', `ana@${DOMAIN}`);
    const b = await jmapUser(mw, orgId, 'bob', `bob@${DOMAIN}`);
    ana = { userId: a.userId, token: a.token, dav: davCaller(mw.endpoint, a.email, JMAP_USER_PASSWORD) };
    bob = { userId: b.userId, dav: davCaller(mw.endpoint, b.email, JMAP_USER_PASSWORD) };
  }, 60_000);

  afterAll(() => mw?.stop());

  it('sends clients from /.well-known/caldav and /.well-known/carddav to the DAV root', async () => {
    for (const path of ['/.well-known/caldav', '/.well-known/carddav']) {
      const reply = await ana.dav('PROPFIND', path, { auth: null });
      expect(reply.status).toBe(301);
      expect(reply.headers.get('location')).toBe('/dav/');
    }
  });

  it('answers OPTIONS without sign-in with the DAV classes, and anything else with a Basic challenge', async () => {
    const options = await ana.dav('OPTIONS', '/dav/', { auth: null });
    const propfind = await ana.dav('PROPFIND', '/dav/', { auth: null });
    const wrong = await ana.dav('PROPFIND', '/dav/', {
      auth: `Basic ${Buffer.from('ana@caldav.example.com:nope').toString('base64')}`,
    });

    expect(options.status).toBe(200);
    expect(options.headers.get('dav')).toEqual(expect.stringContaining('calendar-access'));
    expect(options.headers.get('dav')).toEqual(expect.stringContaining('addressbook'));
    expect(propfind.status).toBe(401);
    expect(propfind.headers.get('www-authenticate')).toMatch(/^Basic realm="Mailwright"/);
    expect(wrong.status).toBe(401);
  });

  it('leads a client from the root to its principal, homes and default collections', async () => {
    const root = await ana.dav('PROPFIND', '/dav/', {
      headers: { depth: '0' },
      body: `<d:propfind ${D}><d:prop><d:current-user-principal/></d:prop></d:propfind>`,
    });
    const principalHref = findAll(root.xml, 'current-user-principal')[0].children![0].text!;
    const principal = await ana.dav('PROPFIND', principalHref, {
      headers: { depth: '0' },
      body: `<d:propfind ${D} ${C} xmlns:r="urn:ietf:params:xml:ns:carddav"><d:prop><c:calendar-home-set/>
        <r:addressbook-home-set/><c:calendar-user-address-set/><c:schedule-inbox-URL/></d:prop></d:propfind>`,
    });
    const home = findAll(principal.xml, 'calendar-home-set')[0].children![0].text!;
    const listing = await ana.dav('PROPFIND', home, { headers: { depth: '1' } });

    expect(root.status).toBe(207);
    expect(principalHref).toBe(`/dav/principals/${ana.userId}/`);
    expect(findAll(principal.xml, 'calendar-user-address-set')[0].children!.map((h) => h.text)).toContain(
      `mailto:ana@${DOMAIN}`,
    );
    expect(home).toBe(`/dav/calendars/${ana.userId}/`);
    expect(findAll(principal.xml, 'addressbook-home-set')[0].children![0].text).toBe(
      `/dav/addressbooks/${ana.userId}/`,
    );
    expect(responsesOf(listing.xml).map((r) => r.href)).toEqual(
      expect.arrayContaining([home, calendarPath(ana.userId), `${home}inbox/`, `${home}outbox/`]),
    );
    expect(findAll(listing.xml, 'calendar', 'urn:ietf:params:xml:ns:caldav').length).toBeGreaterThan(0);
  });

  it('takes a POST naming PROPFIND or REPORT in X-HTTP-Method-Override as that read (CloudFront forwards no WebDAV method), and nothing else', async () => {
    const body = `<d:propfind ${D}><d:prop><d:current-user-principal/></d:prop></d:propfind>`;
    const direct = await ana.dav('PROPFIND', '/dav/', { headers: { depth: '0' }, body });
    const tunnelled = await ana.dav('POST', '/dav/', {
      headers: { depth: '0', 'x-http-method-override': 'PROPFIND' },
      body,
    });
    expect(tunnelled.status).toBe(207);
    expect(tunnelled.text).toBe(direct.text);

    const path = calendarPath(ana.userId, 'tunnel.ics');
    expect(
      (await put(ana.dav, path, vevent('tunnel@t', '20260105T090000Z', '20260105T091500Z'))).status,
    ).toBe(201);
    const deleteAsPost = await ana.dav('POST', path, { headers: { 'x-http-method-override': 'DELETE' } });
    expect(deleteAsPost.status).not.toBe(204);
    expect((await ana.dav('GET', path)).status).toBe(200);
  });

  it('signs in with a personal access token as the password', async () => {
    const withToken = davCaller(mw.endpoint, `ana@${DOMAIN}`, ana.token);
    expect((await withToken('PROPFIND', '/dav/', { headers: { depth: '0' } })).status).toBe(207);
  });

  it('stores, serves and replaces an event under ETag preconditions', async () => {
    const path = calendarPath(ana.userId, 'standup.ics');
    const created = await put(ana.dav, path, vevent('standup@t', '20260105T090000Z', '20260105T091500Z'), {
      'if-none-match': '*',
    });
    const etag = created.headers.get('etag')!;
    const fetched = await ana.dav('GET', path);
    const again = await put(ana.dav, path, vevent('standup@t', '20260105T090000Z', '20260105T091500Z'), {
      'if-none-match': '*',
    });
    const stale = await put(ana.dav, path, vevent('standup@t', '20260105T100000Z', '20260105T101500Z'), {
      'if-match': '"not-the-etag"',
    });
    const replaced = await put(ana.dav, path, vevent('standup@t', '20260105T100000Z', '20260105T101500Z'), {
      'if-match': etag,
    });
    const staleDelete = await ana.dav('DELETE', path, { headers: { 'if-match': etag } });

    expect(created.status).toBe(201);
    expect(etag).toMatch(/^"/);
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get('etag')).toBe(etag);
    expect(fetched.text).toContain('UID:standup@t');
    expect(again.status).toBe(412);
    expect(stale.status).toBe(412);
    expect(replaced.status).toBe(204);
    expect(replaced.headers.get('etag')).not.toBe(etag);
    expect(staleDelete.status).toBe(412);
  });

  it('refuses a second object with the same UID, naming the one that has it', async () => {
    await put(
      ana.dav,
      calendarPath(ana.userId, 'one.ics'),
      vevent('dup@t', '20260106T090000Z', '20260106T100000Z'),
    );
    const second = await put(
      ana.dav,
      calendarPath(ana.userId, 'two.ics'),
      vevent('dup@t', '20260106T090000Z', '20260106T100000Z'),
    );

    expect(second.status).toBe(403);
    expect(findAll(second.xml, 'no-uid-conflict')[0].children![0].text).toBe(
      calendarPath(ana.userId, 'one.ics'),
    );
    expect((await ana.dav('GET', calendarPath(ana.userId, 'two.ics'))).status).toBe(404);
  });

  it('refuses malformed iCalendar with CALDAV:valid-calendar-data and stores nothing', async () => {
    const path = calendarPath(ana.userId, 'broken.ics');
    const reply = await put(ana.dav, path, 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\n');

    expect(reply.status).toBe(403);
    expect(findAll(reply.xml, 'valid-calendar-data')).toHaveLength(1);
    expect((await ana.dav('GET', path)).status).toBe(404);
  });

  it('answers concurrent writes to one calendar with 201 or a retryable 503, never a failure', async () => {
    const replies = await Promise.all(
      Array.from({ length: 24 }, (_, index) =>
        put(
          ana.dav,
          calendarPath(ana.userId, `burst-${index}.ics`),
          vevent(`burst-${index}@t`, '20260401T090000Z', '20260401T100000Z'),
        ),
      ),
    );
    const statuses = replies.map((reply) => reply.status);
    expect(statuses.every((status) => status === 201 || status === 503)).toBe(true);
    for (const reply of replies.filter((r) => r.status === 503))
      expect(reply.headers.get('retry-after')).toBe('1');
  });

  it('refuses an RRULE bomb (FREQ=SECONDLY, no end) with CALDAV:valid-calendar-data, storing nothing', async () => {
    const bomb = vevent('bomb@t', '20260101T000000Z', '20260101T000001Z').replace(
      'SUMMARY:Meeting',
      'SUMMARY:Meeting\r\nRRULE:FREQ=SECONDLY',
    );
    const stored = await put(ana.dav, calendarPath(ana.userId, 'bomb.ics'), bomb);
    const freeBusy = await ana.dav('REPORT', calendarPath(ana.userId), {
      body: `<c:free-busy-query ${C}><c:time-range start="20260101T000000Z" end="20270101T000000Z"/></c:free-busy-query>`,
    });

    expect(stored.status).toBe(403);
    expect(findAll(stored.xml, 'valid-calendar-data')).toHaveLength(1);
    expect((await ana.dav('GET', calendarPath(ana.userId, 'bomb.ics'))).status).toBe(404);
    expect(freeBusy.status).toBe(200);
  });

  it('answers malformed XML with 400', async () => {
    const reply = await ana.dav('PROPFIND', '/dav/', { body: '<d:propfind xmlns:d="DAV:"><d:prop>' });
    expect(reply.status).toBe(400);
  });

  it('answers a calendar-query with a time range from the index, and a free-busy query', async () => {
    await put(
      ana.dav,
      calendarPath(ana.userId, 'jan12.ics'),
      vevent('jan12@t', '20260112T130000Z', '20260112T140000Z'),
    );
    await put(
      ana.dav,
      calendarPath(ana.userId, 'feb.ics'),
      vevent('feb@t', '20260210T130000Z', '20260210T140000Z'),
    );
    const query = await ana.dav('REPORT', calendarPath(ana.userId), {
      headers: { depth: '1' },
      body: `<c:calendar-query ${D} ${C}><d:prop><d:getetag/><c:calendar-data/></d:prop><c:filter>
        <c:comp-filter name="VCALENDAR"><c:comp-filter name="VEVENT">
        <c:time-range start="20260112T000000Z" end="20260113T000000Z"/></c:comp-filter></c:comp-filter></c:filter>
        </c:calendar-query>`,
    });
    const freeBusy = await ana.dav('REPORT', calendarPath(ana.userId), {
      headers: { depth: '1' },
      body: `<c:free-busy-query ${C}><c:time-range start="20260112T000000Z" end="20260113T000000Z"/></c:free-busy-query>`,
    });

    expect(query.status).toBe(207);
    expect(responsesOf(query.xml).map((r) => r.href)).toEqual([calendarPath(ana.userId, 'jan12.ics')]);
    expect(findAll(query.xml, 'calendar-data')[0].text).toContain('UID:jan12@t');
    expect(freeBusy.status).toBe(200);
    expect(freeBusy.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(freeBusy.text).toContain('FREEBUSY;FBTYPE=BUSY:20260112T130000Z/20260112T140000Z');
    expect(freeBusy.text).not.toContain('20260210');
  });

  it('syncs a collection from a token: only what changed, removals as 404; an unknown token is refused', async () => {
    const sync = (token: string) =>
      ana.dav('REPORT', calendarPath(ana.userId), {
        body: `<d:sync-collection ${D}><d:sync-token>${token}</d:sync-token><d:sync-level>1</d:sync-level>
          <d:prop><d:getetag/></d:prop></d:sync-collection>`,
      });
    const first = await sync('');
    const token = findAll(first.xml, 'sync-token')[0].text!;
    await put(
      ana.dav,
      calendarPath(ana.userId, 'later.ics'),
      vevent('later@t', '20260301T090000Z', '20260301T100000Z'),
    );
    await ana.dav('DELETE', calendarPath(ana.userId, 'feb.ics'));
    const second = await sync(token);
    const bogus = await sync(`${token}9999`);

    expect(first.status).toBe(207);
    expect(responsesOf(first.xml).length).toBeGreaterThan(2);
    expect(responsesOf(second.xml)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ href: calendarPath(ana.userId, 'later.ics'), status: 200 }),
        { href: calendarPath(ana.userId, 'feb.ics'), status: 404 },
      ]),
    );
    expect(responsesOf(second.xml)).toHaveLength(2);
    expect(bogus.status).toBe(403);
    expect(findAll(bogus.xml, 'valid-sync-token')).toHaveLength(1);
  });

  it('refuses the token of a deleted calendar for one created again under the same name', async () => {
    const path = `/dav/calendars/${ana.userId}/reborn/`;
    const sync = (token: string) =>
      ana.dav('REPORT', path, {
        body: `<d:sync-collection ${D}><d:sync-token>${token}</d:sync-token><d:sync-level>1</d:sync-level>
          <d:prop><d:getetag/></d:prop></d:sync-collection>`,
      });
    await ana.dav('MKCALENDAR', path);
    await put(ana.dav, `${path}one.ics`, vevent('one@reborn', '20260401T090000Z', '20260401T100000Z'));
    const oldToken = findAll((await sync('')).xml, 'sync-token')[0].text!;
    await ana.dav('DELETE', path);
    await ana.dav('MKCALENDAR', path);
    for (const name of ['a', 'b', 'c'])
      await put(
        ana.dav,
        `${path}${name}.ics`,
        vevent(`${name}@reborn`, '20260402T090000Z', '20260402T100000Z'),
      );

    const stale = await sync(oldToken);

    expect(stale.status).toBe(403);
    expect(findAll(stale.xml, 'valid-sync-token')).toHaveLength(1);
  });

  it('creates, renames and deletes a calendar (MKCALENDAR, PROPPATCH, DELETE)', async () => {
    const path = `/dav/calendars/${ana.userId}/team/`;
    const made = await ana.dav('MKCALENDAR', path, {
      body: `<c:mkcalendar ${D} ${C}><d:set><d:prop><d:displayname>Team</d:displayname></d:prop></d:set></c:mkcalendar>`,
    });
    const patched = await ana.dav('PROPPATCH', path, {
      body: `<d:propertyupdate ${D} xmlns:i="http://apple.com/ns/ical/"><d:set><d:prop><d:displayname>Team B</d:displayname>
        <i:calendar-color>#336699</i:calendar-color></d:prop></d:set></d:propertyupdate>`,
    });
    const read = await ana.dav('PROPFIND', path, { headers: { depth: '0' } });
    const twice = await ana.dav('MKCALENDAR', path);
    const removed = await ana.dav('DELETE', path);

    expect(made.status).toBe(201);
    expect(patched.status).toBe(207);
    expect(findAll(read.xml, 'displayname')[0].text).toBe('Team B');
    expect(findAll(read.xml, 'calendar-color')[0].text).toBe('#336699');
    expect(twice.status).toBe(405);
    expect(removed.status).toBe(204);
    expect((await ana.dav('PROPFIND', path, { headers: { depth: '0' } })).status).toBe(404);
  });

  it('lets an impersonation role sign in as the user: READ_ONLY reads and may change nothing, FULL_ACCESS writes', async () => {
    const workmail = mw.workmail();
    const roleToken = async (Type: 'READ_ONLY' | 'FULL_ACCESS') => {
      const { ImpersonationRoleId } = await workmail.send(
        new CreateImpersonationRoleCommand({
          OrganizationId: orgId,
          Name: `dav-${Type.toLowerCase()}`,
          Type,
          Rules: [
            { ImpersonationRuleId: 'ana', Name: 'Ana', Effect: 'ALLOW', TargetUsers: [`ana@${DOMAIN}`] },
          ],
        }),
      );
      return (
        await workmail.send(
          new AssumeImpersonationRoleCommand({ OrganizationId: orgId, ImpersonationRoleId }),
        )
      ).Token!;
    };
    const reader = davCaller(mw.endpoint, `ana@${DOMAIN}`, await roleToken('READ_ONLY'));
    const writer = davCaller(mw.endpoint, `ana@${DOMAIN}`, await roleToken('FULL_ACCESS'));
    const event = vevent('role@t', '20260501T090000Z', '20260501T100000Z');

    const read = await reader('PROPFIND', calendarPath(ana.userId), {
      headers: { depth: '0' },
      body: `<d:propfind ${D}><d:prop><d:current-user-privilege-set/></d:prop></d:propfind>`,
    });
    const refused = await put(reader, calendarPath(ana.userId, 'role.ics'), event);
    const written = await put(writer, calendarPath(ana.userId, 'role.ics'), event);

    expect(read.status).toBe(207);
    expect(findAll(read.xml, 'privilege').flatMap((p) => p.children!.map((c) => c.name))).not.toContain(
      'write',
    );
    expect(refused.status).toBe(403);
    expect(findAll(refused.xml, 'need-privileges')).toHaveLength(1);
    expect(written.status).toBe(201);
  });

  it('creates a calendar from Apple Calendar’s MKCALENDAR body (time zone, order and transparency hints)', async () => {
    const path = `/dav/calendars/${ana.userId}/0F3A1C2E-APPLE/`;
    const made = await ana.dav('MKCALENDAR', path, {
      body: `<B:mkcalendar xmlns:B="urn:ietf:params:xml:ns:caldav"><A:set xmlns:A="DAV:"><A:prop>
        <B:calendar-timezone>BEGIN:VCALENDAR&#13;\nEND:VCALENDAR</B:calendar-timezone>
        <D:calendar-order xmlns:D="http://apple.com/ns/ical/">3</D:calendar-order>
        <D:calendar-color xmlns:D="http://apple.com/ns/ical/">#1BADF8FF</D:calendar-color>
        <B:supported-calendar-component-set><B:comp name="VEVENT"/></B:supported-calendar-component-set>
        <B:schedule-calendar-transp><B:opaque/></B:schedule-calendar-transp>
        <A:displayname>Home</A:displayname></A:prop></A:set></B:mkcalendar>`,
    });
    const read = await ana.dav('PROPFIND', path, { headers: { depth: '0' } });
    const order = await ana.dav('PROPPATCH', path, {
      body: `<d:propertyupdate ${D} xmlns:i="http://apple.com/ns/ical/"><d:set><d:prop>
        <i:calendar-order>4</i:calendar-order></d:prop></d:set></d:propertyupdate>`,
    });

    expect(made.status).toBe(201);
    expect(findAll(read.xml, 'displayname')[0].text).toBe('Home');
    expect(findAll(read.xml, 'calendar-color')[0].text).toBe('#1BADF8FF');
    expect(findAll(order.xml, 'status')[0].text).toBe('HTTP/1.1 403 Forbidden');
  });

  it('answers another user’s calendar exactly like one that does not exist (404), until FULL_ACCESS is granted', async () => {
    const target = calendarPath(ana.userId);
    const before = await bob.dav('PROPFIND', target, { headers: { depth: '1' } });
    const object = await bob.dav('GET', calendarPath(ana.userId, 'one.ics'));
    const nobody = await bob.dav('PROPFIND', calendarPath('no-such-user'), { headers: { depth: '1' } });
    const principal = await bob.dav('PROPFIND', `/dav/principals/${ana.userId}/`, {
      headers: { depth: '0' },
    });
    await mw.workmail().send(
      new PutMailboxPermissionsCommand({
        OrganizationId: orgId,
        EntityId: ana.userId,
        GranteeId: bob.userId,
        PermissionValues: ['FULL_ACCESS'],
      }),
    );
    const after = await bob.dav('PROPFIND', target, { headers: { depth: '0' } });

    expect(before.status).toBe(404);
    expect(object.status).toBe(404);
    expect(nobody.status).toBe(404);
    expect(before.text).toBe(nobody.text);
    expect(principal.status).toBe(404);
    expect(after.status).toBe(207);
  });
});
