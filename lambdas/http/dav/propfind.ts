import type { HttpResponse } from '../types';
import type { DavRequestContext } from './dav-context';
import type { DavResource, PropValue } from './dav-properties';
import { resourcesAt } from './dav-resources';
import { DavError, multistatus, statusLine } from './dav-response';
import { childOf, DAV_NS, el, parseDavXml, qname, type XmlElement } from './xml';

/** What a PROPFIND (or a REPORT's DAV:prop) asks for. */
export type PropRequest =
  | { readonly type: 'allprop' }
  | { readonly type: 'propname' }
  | { readonly type: 'prop'; readonly names: readonly XmlElement[] };

/**
 * The Depth header: 0 or 1. Infinity is refused (RFC 4918 §9.1, DAV:propfind-finite-depth); an absent header means
 * `byDefault` (clients that omit it on PROPFIND expect the resource itself).
 */
export function depthOf(header: string | undefined, byDefault: 0 | 1 = 0): 0 | 1 {
  const depth = header?.trim().toLowerCase();
  if (depth === undefined || depth === '') return byDefault;
  if (depth === '0') return 0;
  if (depth === '1') return 1;
  throw new DavError(403, el(DAV_NS, 'propfind-finite-depth'));
}

/** Reads a DAV:propfind body; an empty body is allprop. */
export function parsePropfind(body: Buffer): PropRequest {
  if (body.length === 0 || body.toString().trim() === '') return { type: 'allprop' };
  const root = parseDavXml(body);
  if (root.ns !== DAV_NS || root.name !== 'propfind') throw new DavError(400);
  if (childOf(root, DAV_NS, 'propname')) return { type: 'propname' };
  const prop = childOf(root, DAV_NS, 'prop');
  if (prop) return { type: 'prop', names: prop.children ?? [] };
  if (childOf(root, DAV_NS, 'allprop')) return { type: 'allprop' };
  throw new DavError(400);
}

/** RFC 4918 §9.1: the properties asked for, of the target and (Depth 1) its members, as a 207 multistatus. */
export async function propfind(context: DavRequestContext): Promise<HttpResponse> {
  const depth = depthOf(context.request.headers.depth);
  const asked = parsePropfind(context.request.body);
  const resources = await resourcesAt(context, depth);
  return multistatus(await Promise.all(resources.map((resource) => propResponse(resource, asked))));
}

/** One DAV:response: the properties found (200) and those not (404) in separate propstats. */
export async function propResponse(resource: DavResource, asked: PropRequest): Promise<XmlElement> {
  const found: XmlElement[] = [];
  const missing: XmlElement[] = [];
  if (asked.type === 'propname') {
    for (const key of resource.props.keys()) found.push(nameOnly(key));
  } else if (asked.type === 'allprop') {
    for (const value of resource.props.values()) if (typeof value !== 'function') found.push(value);
  } else {
    for (const name of asked.names) {
      const value = resource.props.get(qname(name));
      if (value === undefined) missing.push(el(name.ns, name.name));
      else found.push(await resolveValue(value));
    }
  }
  return el(DAV_NS, 'response', [
    el(DAV_NS, 'href', [], resource.href),
    ...(found.length > 0 ? [propstat(found, 200)] : []),
    ...(missing.length > 0 ? [propstat(missing, 404)] : []),
  ]);
}

async function resolveValue(value: PropValue): Promise<XmlElement> {
  return typeof value === 'function' ? value() : value;
}

/** A DAV:propstat of these properties with one status. */
export function propstat(props: readonly XmlElement[], code: number): XmlElement {
  return el(DAV_NS, 'propstat', [el(DAV_NS, 'prop', props), el(DAV_NS, 'status', [], statusLine(code))]);
}

function nameOnly(key: string): XmlElement {
  const close = key.indexOf('}');
  return el(key.slice(1, close), key.slice(close + 1));
}
