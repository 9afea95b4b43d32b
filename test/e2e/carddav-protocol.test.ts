import {
  CreateOrganizationCommand,
  CreateUserCommand,
  PutAccessControlRuleCommand,
  RegisterMailDomainCommand,
  RegisterToWorkMailCommand,
} from '@aws-sdk/client-workmail';
import { davCaller, findAll, responsesOf, type DavCaller } from '../support/dav-client';
import { JMAP_USER_PASSWORD, jmapUser } from '../support/jmap-users';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';

const DOMAIN = 'cardproto.example.com';
const D = 'xmlns:d="DAV:"';
const R = 'xmlns:r="urn:ietf:params:xml:ns:carddav"';

describe('E2E: CardDAV and WebDAV details against the local runtime (raw HTTP)', () => {
  let mw: TestRuntime;
  let orgId: string;
  let ana: { userId: string; dav: DavCaller };

  const book = (name = '') => `/dav/addressbooks/${ana.userId}/contacts/${name}`;
  const card = (uid: string, fn: string) =>
    `BEGIN:VCARD\r\nVERSION:4.0\r\nUID:${uid}\r\nFN:${fn}\r\nEMAIL:${uid}@example.net\r\nEND:VCARD\r\n`;
  const putCard = (path: string, body: string) =>
    ana.dav('PUT', path, { body, headers: { 'content-type': 'text/vcard; charset=utf-8' } });

  beforeAll(async () => {
    mw = await startTestRuntime();
    const workmail = mw.workmail();
    ({ OrganizationId: orgId } = (await workmail.send(
      new CreateOrganizationCommand({ Alias: 'cardproto' }),
    )) as {
      OrganizationId: string;
    });
    await workmail.send(new RegisterMailDomainCommand({ OrganizationId: orgId, DomainName: DOMAIN }));
    // The rule exists before anyone of the organization signs in (rules are compiled once a minute per process).
    const { UserId: doraId } = await workmail.send(
      new CreateUserCommand({
        OrganizationId: orgId,
        Name: 'dora',
        DisplayName: 'Dora',
        Password: JMAP_USER_PASSWORD,
      }),
    );
    await workmail.send(
      new RegisterToWorkMailCommand({ OrganizationId: orgId, EntityId: doraId, Email: `dora@${DOMAIN}` }),
    );
    await workmail.send(
      new PutAccessControlRuleCommand({
        OrganizationId: orgId,
        Name: 'no-dav-for-dora',
        Description: 'test',
        Effect: 'DENY',
        Actions: ['CalDAV'],
        UserIds: [doraId!],
      }),
    );
    const a = await jmapUser(mw, orgId, 'ana', `ana@${DOMAIN}`);
    ana = { userId: a.userId, dav: davCaller(mw.endpoint, a.email, JMAP_USER_PASSWORD) };
    await putCard(book('ada.vcf'), card('ada', 'Ada Lovelace'));
    await putCard(book('alan.vcf'), card('alan', 'Alan Turing'));
    await putCard(book('grace.vcf'), card('grace', 'Grace Hopper'));
  }, 60_000);

  afterAll(() => mw?.stop());

  it('answers propname with names only and allprop without object content', async () => {
    const names = await ana.dav('PROPFIND', book('ada.vcf'), {
      headers: { depth: '0' },
      body: `<d:propfind ${D}><d:propname/></d:propfind>`,
    });
    const all = await ana.dav('PROPFIND', book('ada.vcf'), { headers: { depth: '0' } });

    expect(findAll(names.xml, 'getetag')[0].text ?? '').toBe('');
    expect(findAll(names.xml, 'address-data')).toHaveLength(1);
    expect(findAll(all.xml, 'getetag')[0].text).toMatch(/^"/);
    expect(findAll(all.xml, 'address-data')).toHaveLength(0);
  });

  it('refuses Depth: infinity with DAV:propfind-finite-depth, and answers unknown properties 404 beside known ones', async () => {
    const infinite = await ana.dav('PROPFIND', book(), { headers: { depth: 'infinity' } });
    const mixed = await ana.dav('PROPFIND', book(), {
      headers: { depth: '0' },
      body: `<d:propfind ${D} xmlns:x="urn:example"><d:prop><d:displayname/><x:unknown/></d:prop></d:propfind>`,
    });

    expect(infinite.status).toBe(403);
    expect(findAll(infinite.xml, 'propfind-finite-depth')).toHaveLength(1);
    const stats = findAll(mixed.xml, 'propstat');
    expect(stats.map((stat) => findAll(stat, 'status')[0].text)).toEqual([
      'HTTP/1.1 200 OK',
      'HTTP/1.1 404 Not Found',
    ]);
    expect(findAll(stats[1], 'unknown', 'urn:example')).toHaveLength(1);
  });

  it('runs an addressbook-query with text-match and a limit (507 DAV:number-of-matches-within-limits beyond it)', async () => {
    const query = (extra: string, match: string) =>
      ana.dav('REPORT', book(), {
        headers: { depth: '1' },
        body: `<r:addressbook-query ${D} ${R}><d:prop><d:getetag/></d:prop><r:filter>
          <r:prop-filter name="FN"><r:text-match match-type="starts-with">${match}</r:text-match></r:prop-filter>
          </r:filter>${extra}</r:addressbook-query>`,
      });
    const two = await query('', 'a');
    const limited = await query('<r:limit><r:nresults>1</r:nresults></r:limit>', 'a');

    expect(
      responsesOf(two.xml)
        .map((r) => r.href)
        .sort(),
    ).toEqual([book('ada.vcf'), book('alan.vcf')]);
    const answers = responsesOf(limited.xml);
    expect(answers).toHaveLength(2);
    expect(answers[1]).toEqual({ href: book(), status: 507 });
    expect(findAll(limited.xml, 'number-of-matches-within-limits')).toHaveLength(1);
  });

  it('answers an addressbook-multiget with the cards asked for, 404 for missing ones', async () => {
    const reply = await ana.dav('REPORT', book(), {
      body: `<r:addressbook-multiget ${D} ${R}><d:prop><d:getetag/><r:address-data/></d:prop>
        <d:href>${book('grace.vcf')}</d:href><d:href>${book('nobody.vcf')}</d:href></r:addressbook-multiget>`,
    });

    expect(responsesOf(reply.xml).map(({ href, status }) => ({ href, status }))).toEqual([
      { href: book('grace.vcf'), status: 200 },
      { href: book('nobody.vcf'), status: 404 },
    ]);
    expect(findAll(reply.xml, 'address-data')[0].text).toContain('FN:Grace Hopper');
  });

  it('truncates a sync-collection at the client’s limit with a 507 for the collection and a token to go on from', async () => {
    const sync = (token: string) =>
      ana.dav('REPORT', book(), {
        body: `<d:sync-collection ${D}><d:sync-token>${token}</d:sync-token><d:sync-level>1</d:sync-level>
          <d:limit><d:nresults>2</d:nresults></d:limit><d:prop><d:getetag/></d:prop></d:sync-collection>`,
      });
    const first = await sync('');
    const rest = await sync(findAll(first.xml, 'sync-token')[0].text!);

    expect(responsesOf(first.xml)).toHaveLength(3);
    expect(responsesOf(first.xml)[2]).toEqual({ href: book(), status: 507 });
    expect(responsesOf(rest.xml).filter((r) => r.status === 200)).toHaveLength(1);
    expect(responsesOf(rest.xml).some((r) => r.status === 507)).toBe(false);
  });

  it('creates an address book with extended MKCOL; refuses an existing name (405), a kept one and a plain collection (403)', async () => {
    const mkcol = (name: string) =>
      ana.dav('MKCOL', `/dav/addressbooks/${ana.userId}/${name}/`, {
        body: `<d:mkcol ${D} ${R}><d:set><d:prop><d:resourcetype><d:collection/><r:addressbook/></d:resourcetype>
          <d:displayname>Friends</d:displayname></d:prop></d:set></d:mkcol>`,
      });
    const made = await mkcol('friends');
    const existing = await mkcol('gal');
    const reserved = await mkcol('inbox');
    const plain = await ana.dav('MKCOL', `/dav/addressbooks/${ana.userId}/plain/`);
    const listing = await ana.dav('PROPFIND', `/dav/addressbooks/${ana.userId}/`, {
      headers: { depth: '1' },
    });

    expect(made.status).toBe(201);
    expect(existing.status).toBe(405);
    expect(reserved.status).toBe(403);
    expect(plain.status).toBe(403);
    expect(responsesOf(listing.xml).map((r) => r.href)).toEqual(
      expect.arrayContaining([
        `/dav/addressbooks/${ana.userId}/friends/`,
        `/dav/addressbooks/${ana.userId}/gal/`,
      ]),
    );
  });

  it('applies a PROPPATCH all or nothing: a protected property fails it (403) and the rest is not applied (424)', async () => {
    const reply = await ana.dav('PROPPATCH', book(), {
      body: `<d:propertyupdate ${D}><d:set><d:prop><d:displayname>Renamed</d:displayname>
        <d:getetag>"x"</d:getetag></d:prop></d:set></d:propertyupdate>`,
    });
    const after = await ana.dav('PROPFIND', book(), {
      headers: { depth: '0' },
      body: `<d:propfind ${D}><d:prop><d:displayname/></d:prop></d:propfind>`,
    });

    expect(reply.status).toBe(207);
    const stats = findAll(reply.xml, 'propstat').map((stat) => findAll(stat, 'status')[0].text);
    expect(stats).toEqual(['HTTP/1.1 403 Forbidden', 'HTTP/1.1 424 Failed Dependency']);
    expect(findAll(after.xml, 'displayname')[0].text).not.toBe('Renamed');
  });

  it('serves a GAL card as vCard 3.0 when the client asks for it, and HEAD without a body', async () => {
    const href = `/dav/addressbooks/${ana.userId}/gal/${ana.userId}.vcf`;
    const v3 = await ana.dav('GET', href, { headers: { accept: 'text/vcard; version=3.0' } });
    const head = await ana.dav('HEAD', href);

    expect(v3.status).toBe(200);
    expect(v3.text).toContain('VERSION:3.0');
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    expect(head.headers.get('etag')).toBe(v3.headers.get('etag'));
    const props = await ana.dav('PROPFIND', href, { headers: { depth: '0' } });
    expect(findAll(props.xml, 'getetag')[0].text).toBe(v3.headers.get('etag'));
    expect(findAll(props.xml, 'getlastmodified')).toHaveLength(0);
  });

  it('refuses a malformed vCard with CARDDAV:valid-address-data and stores nothing', async () => {
    const reply = await putCard(book('broken.vcf'), 'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:No end\r\n');
    expect(reply.status).toBe(403);
    expect(findAll(reply.xml, 'valid-address-data')).toHaveLength(1);
    expect((await ana.dav('GET', book('broken.vcf'))).status).toBe(404);
  });

  it('refuses an object over 1 MiB with CARDDAV:max-resource-size', async () => {
    const big = card('big', 'x'.repeat(1024 * 1024));
    const reply = await putCard(book('big.vcf'), big);
    expect(reply.status).toBe(403);
    expect(findAll(reply.xml, 'max-resource-size')).toHaveLength(1);
  });

  it('refuses a user whom an access control rule denies CalDAV (403), with a valid password', async () => {
    const dora = davCaller(mw.endpoint, `dora@${DOMAIN}`, JMAP_USER_PASSWORD);
    const refused = await dora('PROPFIND', '/dav/', { headers: { depth: '0' } });
    const wrong = await dora('PROPFIND', '/dav/', {
      headers: { depth: '0' },
      auth: `Basic ${Buffer.from(`dora@${DOMAIN}:wrong`).toString('base64')}`,
    });
    expect(refused.status).toBe(403);
    expect(wrong.status).toBe(401);
  });
});
