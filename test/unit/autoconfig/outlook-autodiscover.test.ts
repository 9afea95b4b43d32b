import {
  AUTODISCOVER_ERRORS,
  MAX_AUTODISCOVER_REQUEST_BYTES,
  outlookAutodiscoverError,
  outlookAutodiscoverResponse,
  readAutodiscoverRequest,
} from '../../../lambdas/core/autoconfig';
import { ACCOUNT, HOSTILE, parseXml } from './fixtures';

const OUTLOOK_SCHEMA = 'http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a';

function request(address: string, schema = OUTLOOK_SCHEMA): Buffer {
  return Buffer.from(
    '<?xml version="1.0" encoding="utf-8"?>\n' +
      '<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006">\n' +
      `  <Request>\n    <EMailAddress>${address}</EMailAddress>\n` +
      `    <AcceptableResponseSchema>${schema}</AcceptableResponseSchema>\n  </Request>\n</Autodiscover>`,
  );
}

type Pox = {
  Autodiscover: {
    '@_xmlns': string;
    Response: {
      '@_xmlns'?: string;
      Account?: { AccountType: string; Action: string; Protocol: Record<string, string>[] };
      Error?: { ErrorCode: string; Message: string };
    };
  };
};

describe('readAutodiscoverRequest', () => {
  it("reads the address and the response schema of Outlook's request", () => {
    expect(readAutodiscoverRequest(request('Ana@Example.com'))).toEqual({
      emailAddress: 'Ana@Example.com',
      acceptableResponseSchema: OUTLOOK_SCHEMA,
    });
  });

  it('reads elements with a namespace prefix', () => {
    const body = Buffer.from(
      '<a:Autodiscover xmlns:a="x"><a:Request><a:EMailAddress>ana@example.com</a:EMailAddress></a:Request></a:Autodiscover>',
    );
    expect(readAutodiscoverRequest(body)).toEqual({ emailAddress: 'ana@example.com' });
  });

  it('refuses a request with a DOCTYPE, so no entity is ever declared or expanded', () => {
    const body = Buffer.from(
      '<!DOCTYPE a [<!ENTITY x "ana@example.com">]><Autodiscover><Request><EMailAddress>&x;</EMailAddress></Request></Autodiscover>',
    );
    expect(readAutodiscoverRequest(body)).toBeUndefined();
  });

  it('refuses a body larger than the cap without reading it', () => {
    const padded = Buffer.concat([
      request('ana@example.com'),
      Buffer.alloc(MAX_AUTODISCOVER_REQUEST_BYTES, ' '),
    ]);
    expect(readAutodiscoverRequest(padded)).toBeUndefined();
  });

  it('refuses a body that names no address', () => {
    expect(
      readAutodiscoverRequest(Buffer.from('<Autodiscover><Request></Request></Autodiscover>')),
    ).toBeUndefined();
    expect(readAutodiscoverRequest(request(''))).toBeUndefined();
  });
});

describe('outlookAutodiscoverResponse', () => {
  it('answers IMAP and SMTP settings, implicit TLS first, with the address as login name', () => {
    // Act
    const pox = parseXml(outlookAutodiscoverResponse(ACCOUNT)) as Pox;

    // Assess
    expect(pox.Autodiscover['@_xmlns']).toBe(
      'http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006',
    );
    expect(pox.Autodiscover.Response['@_xmlns']).toBe(OUTLOOK_SCHEMA);
    const account = pox.Autodiscover.Response.Account!;
    expect(account).toMatchObject({ AccountType: 'email', Action: 'settings' });
    const protocol = (Type: string, Port: string, SSL: string, Encryption: string) => ({
      Type,
      Server: 'mail.example.net',
      Port,
      DomainRequired: 'off',
      LoginName: 'ana@example.com',
      SPA: 'off',
      SSL,
      Encryption,
      AuthRequired: 'on',
    });
    expect(account.Protocol).toEqual([
      protocol('IMAP', '993', 'on', 'SSL'),
      protocol('IMAP', '143', 'off', 'TLS'),
      protocol('SMTP', '465', 'on', 'SSL'),
      protocol('SMTP', '587', 'off', 'TLS'),
    ]);
  });

  it('escapes a hostile address and host name so that they stay text', () => {
    const pox = parseXml(outlookAutodiscoverResponse(HOSTILE)) as Pox;

    const [first] = pox.Autodiscover.Response.Account!.Protocol;
    expect(first).toMatchObject({ LoginName: 'a<b>&"c\'@example.com', Server: 'mail"</hostname><x>&amp;' });
  });
});

describe('outlookAutodiscoverError', () => {
  it('answers the error code and message in the autodiscover envelope', () => {
    const pox = parseXml(outlookAutodiscoverError(AUTODISCOVER_ERRORS.invalidRequest, new Date())) as Pox;

    expect(pox.Autodiscover.Response.Error).toMatchObject({ ErrorCode: '600', Message: 'Invalid Request' });
    expect(pox.Autodiscover.Response.Account).toBeUndefined();
  });
});
