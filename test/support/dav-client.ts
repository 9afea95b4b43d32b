import { parseDavXml, type XmlElement } from '../../lambdas/http/dav/xml';

/** What a raw DAV call returned. */
export interface DavReply {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The body as a namespace-resolved tree, when it is XML. */
  readonly xml?: XmlElement;
}

/** A raw WebDAV caller signed in as one user (Basic), for the protocol tests. */
export type DavCaller = (
  method: string,
  path: string,
  options?: { body?: string; headers?: Record<string, string>; auth?: string | null },
) => Promise<DavReply>;

/**
 * A caller of `endpoint` with Basic credentials (or `auth: null` for none).
 * @example
 * const ana = davCaller(mw.endpoint, 'ana@example.com', password);
 * const reply = await ana('PROPFIND', '/dav/', { headers: { depth: '0' } });
 */
export function davCaller(endpoint: string, login: string, secret: string): DavCaller {
  const basic = `Basic ${Buffer.from(`${login}:${secret}`).toString('base64')}`;
  return async (method, path, options = {}) => {
    const auth = options.auth === undefined ? basic : options.auth;
    const response = await fetch(`${endpoint}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        ...(auth ? { authorization: auth } : {}),
        ...(options.body !== undefined ? { 'content-type': 'application/xml; charset=utf-8' } : {}),
        ...options.headers,
      },
      body: options.body,
    });
    const text = await response.text();
    const xml =
      /xml/.test(response.headers.get('content-type') ?? '') && text ? parseDavXml(text) : undefined;
    return { status: response.status, headers: response.headers, text, xml };
  };
}

/** Every element named `name` (any namespace unless given) in a tree, depth first. */
export function findAll(root: XmlElement | undefined, name: string, ns?: string): XmlElement[] {
  if (!root) return [];
  const here = root.name === name && (ns === undefined || root.ns === ns) ? [root] : [];
  return [...here, ...(root.children ?? []).flatMap((child) => findAll(child, name, ns))];
}

/** The hrefs of a multistatus's responses, with the status each carries (`200` when it has propstats). */
export function responsesOf(root: XmlElement | undefined): { href: string; status: number; etag?: string }[] {
  return findAll(root, 'response', 'DAV:').map((response) => {
    const href = findAll(response, 'href', 'DAV:')[0]?.text ?? '';
    const direct = (response.children ?? []).find((child) => child.name === 'status');
    const status = Number(/\d{3}/.exec(direct?.text ?? 'HTTP/1.1 200')![0]);
    const etag = findAll(response, 'getetag', 'DAV:')[0]?.text;
    return { href, status, ...(etag ? { etag } : {}) };
  });
}

/** A minimal VEVENT. */
export function vevent(uid: string, start: string, end: string, summary = 'Meeting'): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Mailwright tests//EN',
    'BEGIN:VEVENT',
    `UID:${uid}`,
    'DTSTAMP:20260101T000000Z',
    `DTSTART:${start}`,
    `DTEND:${end}`,
    `SUMMARY:${summary}`,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}
