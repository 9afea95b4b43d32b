import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** WebDAV's namespace (RFC 4918). */
export const DAV_NS = 'DAV:';
/** CalDAV's namespace (RFC 4791). */
export const CALDAV_NS = 'urn:ietf:params:xml:ns:caldav';
/** CardDAV's namespace (RFC 6352). */
export const CARDDAV_NS = 'urn:ietf:params:xml:ns:carddav';
/** Calendar Server extensions (getctag). */
export const CALSERVER_NS = 'http://calendarserver.org/ns/';
/** Apple iCal extensions (calendar-color). */
export const APPLE_ICAL_NS = 'http://apple.com/ns/ical/';

/** An XML element with its namespace resolved: what requests parse to and responses are built from. */
export interface XmlElement {
  readonly ns: string;
  readonly name: string;
  readonly attrs?: Readonly<Record<string, string>>;
  readonly children?: readonly XmlElement[];
  /** Character data directly inside the element. */
  readonly text?: string;
}

/** A request body that is not well-formed XML, or declares a DTD (no entity expansion is ever attempted). */
export class DavXmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DavXmlError';
  }
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

/**
 * Parses a WebDAV request body, resolving every prefix through its `xmlns` declarations (clients pick any
 * prefixes), into its root element.
 * @param body - the request body (UTF-8)
 * @throws DavXmlError when the body is not well-formed, declares a DTD or uses an undeclared prefix
 * @example
 * const root = parseDavXml(Buffer.from('<d:propfind xmlns:d="DAV:"><d:allprop/></d:propfind>'));
 * // root.ns === 'DAV:', root.name === 'propfind'
 */
export function parseDavXml(body: Buffer | string): XmlElement {
  const text = body.toString();
  if (/<!DOCTYPE/i.test(text)) throw new DavXmlError('Document type declarations are not accepted.');
  if (XMLValidator.validate(text) !== true) throw new DavXmlError('The body is not well-formed XML.');
  const nodes = parser.parse(text) as OrderedNode[];
  const roots = nodes.filter((node) => elementName(node) !== undefined);
  if (roots.length !== 1) throw new DavXmlError('The body must have one root element.');
  return resolve(roots[0], new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]));
}

function elementName(node: OrderedNode): string | undefined {
  return Object.keys(node).find((key) => key !== ':@' && key !== '#text');
}

function resolve(node: OrderedNode, inherited: ReadonlyMap<string, string>): XmlElement {
  const qualified = elementName(node)!;
  const rawAttrs = node[':@'] ?? {};
  const scope = new Map(inherited);
  const attrs: Record<string, string> = {};
  for (const [key, value] of Object.entries(rawAttrs)) {
    if (key === 'xmlns') scope.set('', value);
    else if (key.startsWith('xmlns:')) scope.set(key.slice(6), value);
  }
  for (const [key, value] of Object.entries(rawAttrs)) {
    if (key !== 'xmlns' && !key.startsWith('xmlns:')) attrs[localName(key)] = value;
  }
  const colon = qualified.indexOf(':');
  const prefix = colon < 0 ? '' : qualified.slice(0, colon);
  const ns = scope.get(prefix);
  if (ns === undefined && prefix !== '') throw new DavXmlError('An element uses an undeclared prefix.');
  const children: XmlElement[] = [];
  let text = '';
  for (const child of node[qualified] as OrderedNode[]) {
    if (elementName(child) !== undefined) children.push(resolve(child, scope));
    else if (typeof child['#text'] === 'string') text += child['#text'];
  }
  return { ns: ns ?? '', name: qualified.slice(colon + 1), attrs, children, text };
}

function localName(qualified: string): string {
  return qualified.slice(qualified.indexOf(':') + 1);
}

/** The first child with this namespace and name. */
export function childOf(element: XmlElement | undefined, ns: string, name: string): XmlElement | undefined {
  return element?.children?.find((child) => child.ns === ns && child.name === name);
}

/** Every child with this namespace and name. */
export function childrenOf(element: XmlElement | undefined, ns: string, name: string): XmlElement[] {
  return (element?.children ?? []).filter((child) => child.ns === ns && child.name === name);
}

/** Builds an element. @example el(DAV_NS, 'href', {}, [], '/dav/') */
export function el(
  ns: string,
  name: string,
  children: readonly XmlElement[] = [],
  text?: string,
  attrs?: Record<string, string>,
): XmlElement {
  return { ns, name, children, ...(text !== undefined ? { text } : {}), ...(attrs ? { attrs } : {}) };
}

/** The key a property is known by: `{namespace}name`. */
export function qname(element: Pick<XmlElement, 'ns' | 'name'>): string {
  return `{${element.ns}}${element.name}`;
}

const PREFIXES: Readonly<Record<string, string>> = {
  [DAV_NS]: 'd',
  [CALDAV_NS]: 'cal',
  [CARDDAV_NS]: 'card',
  [CALSERVER_NS]: 'cs',
  [APPLE_ICAL_NS]: 'ical',
};

/**
 * Serializes a response document with fixed prefixes for the known namespaces (declared on the root) and a local
 * declaration for any other.
 * @example
 * serializeDavXml(el(DAV_NS, 'multistatus', responses));
 */
export function serializeDavXml(root: XmlElement): string {
  const declarations = Object.entries(PREFIXES)
    .map(([ns, prefix]) => ` xmlns:${prefix}="${escapeXml(ns)}"`)
    .join('');
  return `<?xml version="1.0" encoding="utf-8"?>\n${write(root, declarations)}`;
}

function write(element: XmlElement, rootDeclarations = ''): string {
  const known = PREFIXES[element.ns];
  const tag = known ? `${known}:${element.name}` : element.ns ? `x:${element.name}` : element.name;
  const local = !known && element.ns ? ` xmlns:x="${escapeXml(element.ns)}"` : '';
  const attrs = Object.entries(element.attrs ?? {})
    .map(([key, value]) => ` ${key}="${escapeXml(value)}"`)
    .join('');
  const inner =
    (element.text !== undefined ? escapeXml(element.text) : '') +
    (element.children ?? []).map((child) => write(child)).join('');
  const open = `<${tag}${rootDeclarations}${local}${attrs}`;
  return inner === '' ? `${open}/>` : `${open}>${inner}</${tag}>`;
}

/** Escapes text and attribute values. */
export function escapeXml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#13;');
}
