import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CreateOrganizationCommand,
  CreateGroupCommand,
  CreateResourceCommand,
  CreateUserCommand,
  RegisterMailDomainCommand,
  RegisterToWorkMailCommand,
  UpdateUserCommand,
} from '@aws-sdk/client-workmail';
import { davCaller, findAll, responsesOf, type DavCaller } from '../support/dav-client';
import { JMAP_USER_PASSWORD, jmapUser } from '../support/jmap-users';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';
import { vdirsyncer } from '../support/vdirsyncer';

const DOMAIN = 'carddav.example.com';
const OTHER_DOMAIN = 'elsewhere.example.com';
const D = 'xmlns:d="DAV:"';
const R = 'xmlns:r="urn:ietf:params:xml:ns:carddav"';

describe('E2E: CardDAV — personal address books and the global address list', () => {
  let mw: TestRuntime;
  let orgId: string;
  let ana: { userId: string; email: string; dav: DavCaller };
  let bob: { userId: string };
  let group: string;
  let room: string;
  let outsider: string;

  const gal = () => `/dav/addressbooks/${ana.userId}/gal/`;
  const card = (uid: string, fn: string) =>
    `BEGIN:VCARD\r\nVERSION:3.0\r\nUID:${uid}\r\nFN:${fn}\r\nEMAIL:${uid}@example.net\r\nEND:VCARD\r\n`;
  const galIds = async () => {
    const listing = await ana.dav('PROPFIND', gal(), {
      headers: { depth: '1' },
      body: `<d:propfind ${D}><d:prop><d:getetag/></d:prop></d:propfind>`,
    });
    return responsesOf(listing.xml)
      .map((r) => r.href.slice(gal().length).replace(/\.vcf$/, ''))
      .filter(Boolean)
      .sort();
  };
  const sync = (token: string) =>
    ana.dav('REPORT', gal(), {
      body: `<d:sync-collection ${D} ${R}><d:sync-token>${token}</d:sync-token><d:sync-level>1</d:sync-level>
        <d:prop><d:getetag/><r:address-data/></d:prop></d:sync-collection>`,
    });

  beforeAll(async () => {
    mw = await startTestRuntime();
    const workmail = mw.workmail();
    ({ OrganizationId: orgId } = (await workmail.send(
      new CreateOrganizationCommand({ Alias: 'carddav' }),
    )) as {
      OrganizationId: string;
    });
    await workmail.send(new RegisterMailDomainCommand({ OrganizationId: orgId, DomainName: DOMAIN }));
    const a = await jmapUser(mw, orgId, 'ana', `ana@${DOMAIN}`);
    ana = { userId: a.userId, email: a.email, dav: davCaller(mw.endpoint, a.email, JMAP_USER_PASSWORD) };
    bob = { userId: (await jmapUser(mw, orgId, 'bob', `bob@${DOMAIN}`)).userId };
    ({ GroupId: group } = (await workmail.send(
      new CreateGroupCommand({ OrganizationId: orgId, Name: 'team' }),
    )) as {
      GroupId: string;
    });
    await workmail.send(
      new RegisterToWorkMailCommand({ OrganizationId: orgId, EntityId: group, Email: `team@${DOMAIN}` }),
    );
    ({ ResourceId: room } = (await workmail.send(
      new CreateResourceCommand({ OrganizationId: orgId, Name: 'room1', Type: 'ROOM' }),
    )) as { ResourceId: string });
    await workmail.send(
      new RegisterToWorkMailCommand({ OrganizationId: orgId, EntityId: room, Email: `room1@${DOMAIN}` }),
    );
    const { OrganizationId: other } = await workmail.send(
      new CreateOrganizationCommand({ Alias: 'carddav-other' }),
    );
    await workmail.send(new RegisterMailDomainCommand({ OrganizationId: other, DomainName: OTHER_DOMAIN }));
    outsider = (await jmapUser(mw, other!, 'zed', `zed@${OTHER_DOMAIN}`)).userId;
  }, 90_000);

  afterAll(() => mw?.stop());

  it('lists exactly the enabled, visible users, groups and resources of the organization, as vCards', async () => {
    // Prepare: a user created but never registered (disabled) stays out
    await mw.workmail().send(
      new CreateUserCommand({
        OrganizationId: orgId,
        Name: 'dormant',
        DisplayName: 'Dormant',
        Password: JMAP_USER_PASSWORD,
      }),
    );
    // Act
    const ids = await galIds();
    const query = await ana.dav('REPORT', gal(), {
      headers: { depth: '1' },
      body: `<r:addressbook-query ${D} ${R}><d:prop><d:getetag/><r:address-data/></d:prop>
        <r:filter><r:prop-filter name="EMAIL"><r:text-match>room1@</r:text-match></r:prop-filter></r:filter>
        </r:addressbook-query>`,
    });
    // Assess
    expect(ids).toEqual([ana.userId, bob.userId, group, room].sort());
    expect(ids).not.toContain(outsider);
    const data = findAll(query.xml, 'address-data').map((element) => element.text ?? '');
    expect(data).toHaveLength(1);
    expect(data[0]).toContain(`UID:${room}`);
    expect(data[0]).toContain('KIND:location');
    expect(data[0]).toContain(`EMAIL;PREF=1:room1@${DOMAIN}`);
  });

  it('follows directory changes through sync-collection: a new user appears, a hidden one is removed', async () => {
    // Prepare
    const first = await sync('');
    const token = findAll(first.xml, 'sync-token')[0].text!;
    // Act
    const carol = (await jmapUser(mw, orgId, 'carol', `carol@${DOMAIN}`)).userId;
    await mw.workmail().send(
      new UpdateUserCommand({
        OrganizationId: orgId,
        UserId: bob.userId,
        HiddenFromGlobalAddressList: true,
      }),
    );
    const second = await sync(token);
    // Assess
    const changes = responsesOf(second.xml);
    expect(changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ href: `${gal()}${carol}.vcf`, status: 200 }),
        { href: `${gal()}${bob.userId}.vcf`, status: 404 },
      ]),
    );
    expect(changes.map((change) => change.href).join()).not.toContain(outsider);
    expect(await galIds()).toEqual(expect.arrayContaining([carol]));
    expect(await galIds()).not.toContain(bob.userId);
  });

  it('refuses writes to the global address list (DAV:need-privileges)', async () => {
    const reply = await ana.dav('PUT', `${gal()}mine.vcf`, {
      body: card('mine', 'Mine'),
      headers: { 'content-type': 'text/vcard' },
    });
    expect(reply.status).toBe(403);
    expect(findAll(reply.xml, 'need-privileges')).toHaveLength(1);
  });

  it('shows no global address list in another user’s address book home', async () => {
    const other = davCaller(mw.endpoint, `zed@${OTHER_DOMAIN}`, JMAP_USER_PASSWORD);
    expect((await other('PROPFIND', gal(), { headers: { depth: '1' } })).status).toBe(404);
  });

  it('vdirsyncer syncs a personal address book both ways and pulls the global address list read-only', async () => {
    // Prepare
    const vds = await vdirsyncer([
      {
        name: 'card',
        type: 'carddav',
        url: `${mw.endpoint}/dav/`,
        username: ana.email,
        password: JMAP_USER_PASSWORD,
        collections: ['contacts'],
      },
      {
        name: 'gal',
        type: 'carddav',
        url: `${mw.endpoint}/dav/`,
        username: ana.email,
        password: JMAP_USER_PASSWORD,
        collections: ['gal'],
        readOnlyRemote: true,
      },
    ]);
    const contacts = `/dav/addressbooks/${ana.userId}/contacts/`;
    await ana.dav('PUT', `${contacts}server.vcf`, {
      body: card('server', 'Server Person'),
      headers: { 'content-type': 'text/vcard' },
    });
    await vds.run('discover');
    const local = vds.folder('card', 'contacts');
    await writeFile(join(local, 'local.vcf'), card('local', 'Local Person'));
    // Act
    await vds.run('sync');
    await ana.dav('DELETE', `${contacts}server.vcf`);
    await writeFile(join(local, 'local.vcf'), card('local', 'Local Person Renamed'));
    await vds.run('sync');
    const remote = await ana.dav('REPORT', contacts, {
      body: `<r:addressbook-query ${D} ${R}><d:prop><r:address-data/></d:prop></r:addressbook-query>`,
    });
    const galFiles = (await readdir(vds.folder('gal', 'gal'))).sort();
    // Assess
    expect(await readdir(local)).toEqual(['local.vcf']);
    expect(remote.text).toContain('FN:Local Person Renamed');
    expect(remote.text).not.toContain('Server Person');
    expect(galFiles.length).toBe((await galIds()).length);
    const oneCard = await readFile(join(vds.folder('gal', 'gal'), galFiles[0]), 'utf8');
    expect(oneCard).toMatch(/^BEGIN:VCARD/);
    await rm(join(vds.folder('gal', 'gal'), '..', '..'), { recursive: true, force: true });
  });
});
