import {
  CALDAV_NS,
  childOf,
  DAV_NS,
  DavXmlError,
  el,
  parseDavXml,
  serializeDavXml,
} from '../../../../lambdas/http/dav/xml';

describe('parseDavXml', () => {
  it('resolves whatever prefixes the client chose, and default namespaces', () => {
    // Prepare
    const body = `<?xml version="1.0"?>
      <A:propfind xmlns:A="DAV:"><A:prop xmlns="urn:ietf:params:xml:ns:caldav"><calendar-data/>
      <A:getetag/></A:prop></A:propfind>`;
    // Act
    const root = parseDavXml(body);
    // Assess
    expect(root).toMatchObject({ ns: DAV_NS, name: 'propfind' });
    const names = childOf(root, DAV_NS, 'prop')!.children!.map((c) => `${c.ns} ${c.name}`);
    expect(names).toEqual([`${CALDAV_NS} calendar-data`, `${DAV_NS} getetag`]);
  });

  it('keeps attributes without their prefix and decodes entities in text', () => {
    const root = parseDavXml(
      '<c:text-match xmlns:c="urn:ietf:params:xml:ns:caldav" c:collation="i;octet">a &amp; b</c:text-match>',
    );
    expect(root.attrs).toEqual({ collation: 'i;octet' });
    expect(root.text).toBe('a & b');
  });

  it.each([
    ['malformed XML', '<d:propfind xmlns:d="DAV:"><d:prop></d:propfind>'],
    ['an undeclared prefix', '<x:propfind/>'],
    ['a DTD (no entity expansion)', '<!DOCTYPE a [<!ENTITY b "c">]><a>&b;</a>'],
    ['no root element', ''],
  ])('refuses %s', (_, body) => {
    expect(() => parseDavXml(body)).toThrow(DavXmlError);
  });
});

describe('serializeDavXml', () => {
  it('writes known namespaces with fixed prefixes, others with a local declaration, and escapes text', () => {
    // Act
    const text = serializeDavXml(
      el(DAV_NS, 'multistatus', [
        el(DAV_NS, 'href', [], '/a&b<'),
        el('urn:x', 'thing', [], undefined, { k: '"v"' }),
      ]),
    );
    // Assess
    expect(text).toContain('<d:multistatus xmlns:d="DAV:"');
    expect(text).toContain('<d:href>/a&amp;b&lt;</d:href>');
    expect(text).toContain('<x:thing xmlns:x="urn:x" k="&quot;v&quot;"/>');
    expect(parseDavXml(text).children).toHaveLength(2);
  });
});
