import { appleMailProfile, nameBasedUuid } from '../../../lambdas/core/autoconfig';
import { ACCOUNT, HOSTILE } from './fixtures';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

type Plist = string | number | boolean | Plist[] | { [key: string]: Plist };

/** Reads a plist back into values with a real XML parser (ordered, so keys are paired with their values). */
function parsePlist(xml: string): Record<string, Plist> {
  expect(XMLValidator.validate(xml)).toBe(true);
  type Node = Record<string, Node[] | string>;
  const nodes = new XMLParser({ preserveOrder: true, parseTagValue: false }).parse(xml) as Node[];
  const value = (node: Node): Plist => {
    const [tag] = Object.keys(node);
    const children = node[tag!] as Node[];
    const textOf = () => String((children[0]?.['#text'] as string | undefined) ?? '');
    if (tag === 'string') return textOf();
    if (tag === 'integer') return Number(textOf());
    if (tag === 'true' || tag === 'false') return tag === 'true';
    if (tag === 'array') return children.map(value);
    const dict: Record<string, Plist> = {};
    for (let i = 0; i < children.length; i += 2)
      dict[value({ string: children[i]!.key! } as Node) as string] = value(children[i + 1]!);
    return dict;
  };
  const plist = nodes.find((node) => 'plist' in node)!;
  return value((plist.plist as Node[])[0]!) as Record<string, Plist>;
}

describe('appleMailProfile', () => {
  it('configures an IMAP account over implicit TLS with one password, and holds no password', () => {
    // Act
    const xml = appleMailProfile(ACCOUNT);
    const profile = parsePlist(xml);

    // Assess
    expect(profile).toMatchObject({ PayloadType: 'Configuration', PayloadVersion: 1 });
    const [mail] = profile.PayloadContent as Record<string, Plist>[];
    expect(mail).toMatchObject({
      PayloadType: 'com.apple.mail.managed',
      EmailAccountType: 'EmailTypeIMAP',
      EmailAddress: 'ana@example.com',
      IncomingMailServerHostName: 'mail.example.net',
      IncomingMailServerPortNumber: 993,
      IncomingMailServerUseSSL: true,
      IncomingMailServerUsername: 'ana@example.com',
      IncomingMailServerAuthentication: 'EmailAuthPassword',
      OutgoingMailServerHostName: 'mail.example.net',
      OutgoingMailServerPortNumber: 465,
      OutgoingMailServerUseSSL: true,
      OutgoingPasswordSameAsIncomingPassword: true,
    });
    expect(xml).not.toMatch(/Password<\/key>\s*<string>/);
    expect(mail).not.toHaveProperty('IncomingPassword');
    expect(mail).not.toHaveProperty('OutgoingPassword');
  });

  it('derives stable, distinct UUIDs from the address and identifiers from the domain', () => {
    const first = parsePlist(appleMailProfile(ACCOUNT));
    const again = parsePlist(appleMailProfile(ACCOUNT));
    const other = parsePlist(appleMailProfile({ ...ACCOUNT, address: 'bob@example.com' }));

    const [mail] = first.PayloadContent as Record<string, Plist>[];
    expect(again).toEqual(first);
    expect(other.PayloadUUID).not.toBe(first.PayloadUUID);
    expect(mail!.PayloadUUID).not.toBe(first.PayloadUUID);
    expect(first.PayloadUUID).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(first.PayloadIdentifier).toMatch(/^com\.example\./);
    expect(mail!.PayloadIdentifier).toMatch(/^com\.example\./);
  });

  it('escapes a hostile address and host name so that they stay text', () => {
    const profile = parsePlist(appleMailProfile(HOSTILE));

    const [mail] = profile.PayloadContent as Record<string, Plist>[];
    expect(mail).toMatchObject({
      EmailAddress: 'a<b>&"c\'@example.com',
      IncomingMailServerHostName: 'mail"</hostname><x>&amp;',
    });
  });
});

describe('nameBasedUuid', () => {
  it('computes RFC 9562 version 5 UUIDs (the DNS namespace example)', () => {
    // RFC 9562 Appendix A.4: UUIDv5 of "www.example.com" in the DNS namespace.
    expect(nameBasedUuid('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });
});
