import {
  CreateOrganizationCommand,
  GetMailDomainCommand,
  RegisterMailDomainCommand,
  type WorkMailClient,
} from '@aws-sdk/client-workmail';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';

const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false });

function parseXml(xml: string): Record<string, Record<string, unknown>> {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml) as Record<string, Record<string, unknown>>;
}

function autodiscoverRequest(address: string): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    '<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006">' +
    `<Request><EMailAddress>${address}</EMailAddress><AcceptableResponseSchema>` +
    'http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a' +
    '</AcceptableResponseSchema></Request></Autodiscover>'
  );
}

describe('E2E: mail app autoconfiguration on the local runtime', () => {
  let mw: TestRuntime;
  let client: WorkMailClient;
  let firstOrganization: string;
  let secondOrganization: string;
  const url = (path: string, address?: string) =>
    `${mw.endpoint}${path}${address === undefined ? '' : `?emailaddress=${encodeURIComponent(address)}`}`;

  beforeAll(async () => {
    mw = await startTestRuntime();
    client = mw.workmail();
    const create = async (Alias: string, DomainName: string) => {
      const { OrganizationId } = await client.send(new CreateOrganizationCommand({ Alias }));
      await client.send(new RegisterMailDomainCommand({ OrganizationId, DomainName }));
      return OrganizationId!;
    };
    firstOrganization = await create('autoconfig-one', 'one.example.com');
    secondOrganization = await create('autoconfig-two', 'two.example.org');
  });

  afterAll(async () => {
    await mw?.stop();
  });

  it.each(['/.well-known/autoconfig/mail/config-v1.1.xml', '/mail/config-v1.1.xml'])(
    'answers Thunderbird at %s with the local IMAP and submission ports',
    async (path) => {
      const response = await fetch(url(path, 'Ana@One.Example.com'));

      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/xml/);
      const provider = parseXml(await response.text()).clientConfig!.emailProvider as Record<string, unknown>;
      expect(provider['@_id']).toBe('one.example.com');
      const ports = (servers: unknown) =>
        (servers as Array<{ hostname: string; port: string; socketType: string }>).map(
          (server) => `${server.hostname}:${server.port}/${server.socketType}`,
        );
      expect(ports(provider.incomingServer)).toEqual([
        `127.0.0.1:${mw.imap.tlsPort}/SSL`,
        `127.0.0.1:${mw.imap.port}/STARTTLS`,
      ]);
      expect(ports(provider.outgoingServer)).toEqual([
        `127.0.0.1:${mw.submission.tlsPort}/SSL`,
        `127.0.0.1:${mw.submission.port}/STARTTLS`,
      ]);
    },
  );

  it('answers an address of another organization with the same host settings and nothing about its owner', async () => {
    const first = await (await fetch(url('/mail/config-v1.1.xml', 'ana@one.example.com'))).text();
    const second = await (await fetch(url('/mail/config-v1.1.xml', 'bob@two.example.org'))).text();

    expect(second.replaceAll('two.example.org', 'one.example.com')).toBe(first);
    for (const body of [first, second]) {
      expect(body).not.toContain(firstOrganization);
      expect(body).not.toContain(secondOrganization);
    }
  });

  it('answers 404 for a domain no organization verified, the same for every unknown domain, and 400 for a non-address', async () => {
    const unknown = await fetch(url('/mail/config-v1.1.xml', 'ana@unknown.example'));
    const other = await fetch(url('/mail/mobileconfig', 'eve@elsewhere.example'));
    const malformed = await fetch(url('/mail/config-v1.1.xml', 'not an address'));
    const missing = await fetch(url('/mail/config-v1.1.xml'));

    expect([unknown.status, other.status, malformed.status, missing.status]).toEqual([404, 404, 400, 400]);
    expect(await unknown.text()).toBe(await other.text());
  });

  it.each(['/autodiscover/autodiscover.xml', '/Autodiscover/Autodiscover.xml'])(
    'answers Outlook at %s with IMAP and SMTP settings and the address as login name',
    async (path) => {
      const response = await fetch(`${mw.endpoint}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'text/xml' },
        body: autodiscoverRequest('ana@one.example.com'),
      });

      expect(response.status).toBe(200);
      const account = (parseXml(await response.text()).Autodiscover!.Response as Record<string, unknown>)
        .Account as { Protocol: Array<Record<string, string>> };
      expect(account.Protocol.map((p) => `${p.Type} ${p.Server}:${p.Port} ${p.LoginName}`)).toEqual([
        `IMAP 127.0.0.1:${mw.imap.tlsPort} ana@one.example.com`,
        `IMAP 127.0.0.1:${mw.imap.port} ana@one.example.com`,
        `SMTP 127.0.0.1:${mw.submission.tlsPort} ana@one.example.com`,
        `SMTP 127.0.0.1:${mw.submission.port} ana@one.example.com`,
      ]);
    },
  );

  it('answers Outlook with autodiscover errors for an unknown domain and for a request with a DTD', async () => {
    const post = async (body: string) => {
      const response = await fetch(`${mw.endpoint}/autodiscover/autodiscover.xml`, { method: 'POST', body });
      const error = (parseXml(await response.text()).Autodiscover!.Response as Record<string, unknown>)
        .Error as Record<string, string>;
      return [response.status, error.ErrorCode];
    };

    expect(await post(autodiscoverRequest('ana@unknown.example'))).toEqual([200, '500']);
    expect(
      await post(`<!DOCTYPE x [<!ENTITY a "ana@one.example.com">]>${autodiscoverRequest('&a;')}`),
    ).toEqual([200, '600']);
  });

  it('serves an Apple configuration profile as a download', async () => {
    const response = await fetch(url('/mail/mobileconfig', 'ana@one.example.com'));

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-apple-aspen-config');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="one.example.com.mobileconfig"',
    );
    const body = await response.text();
    expect(XMLValidator.validate(body)).toBe(true);
    expect(body).toContain('<string>com.apple.mail.managed</string>');
  });

  it('leaves other paths to JMAP and the admin API', async () => {
    expect((await fetch(`${mw.endpoint}/.well-known/jmap`)).status).toBe(401);
    expect((await fetch(url('/mail/other', 'ana@one.example.com'))).status).not.toBe(200);
  });

  it('lists the SRV records of the local IMAP and submission ports in GetMailDomain', async () => {
    const domain = await client.send(
      new GetMailDomainCommand({ OrganizationId: firstOrganization, DomainName: 'one.example.com' }),
    );

    expect(domain.Records?.filter((record) => record.Type === 'SRV')).toEqual([
      { Type: 'SRV', Hostname: '_imaps._tcp.one.example.com', Value: `0 1 ${mw.imap.tlsPort} 127.0.0.1` },
      { Type: 'SRV', Hostname: '_imap._tcp.one.example.com', Value: `0 1 ${mw.imap.port} 127.0.0.1` },
      {
        Type: 'SRV',
        Hostname: '_submissions._tcp.one.example.com',
        Value: `0 1 ${mw.submission.tlsPort} 127.0.0.1`,
      },
      {
        Type: 'SRV',
        Hostname: '_submission._tcp.one.example.com',
        Value: `0 1 ${mw.submission.port} 127.0.0.1`,
      },
    ]);
  });
});
