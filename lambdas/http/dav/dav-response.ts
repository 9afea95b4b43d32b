import type { CalendarRefusal, CollectionKind } from '../../core/calendar/types';
import type { HttpResponse } from '../types';
import { CALDAV_NS, CARDDAV_NS, DAV_NS, el, serializeDavXml, type XmlElement } from './xml';

/** Headers every authenticated answer carries: nothing of a mailbox may be cached by a shared cache. */
export const PRIVATE_HEADERS = { 'cache-control': 'private, no-store' } as const;

const REASONS: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  207: 'Multi-Status',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  424: 'Failed Dependency',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
  507: 'Insufficient Storage',
};

/** `HTTP/1.1 <code> <reason>`, as DAV:status elements carry it. */
export function statusLine(code: number): string {
  return `HTTP/1.1 ${code} ${REASONS[code] ?? 'Unknown'}`;
}

/**
 * A request the DAV front end refuses: an HTTP status and, for 403/409/412/507, the precondition element RFC 4918
 * §16 puts in a `DAV:error` body (e.g. CALDAV:valid-calendar-data). Thrown by request handlers, answered by the
 * front end; its message is fixed text, never stored content.
 */
export class DavError extends Error {
  constructor(
    readonly status: number,
    readonly condition?: XmlElement,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(statusLine(status));
    this.name = 'DavError';
  }
}

/** The response a {@link DavError} becomes. */
export function errorResponse(error: DavError): HttpResponse {
  const headers = { ...PRIVATE_HEADERS, ...error.headers };
  if (!error.condition) return { statusCode: error.status, headers, body: '' };
  return xmlResponse(error.status, el(DAV_NS, 'error', [error.condition]), headers);
}

/** An XML response. */
export function xmlResponse(
  statusCode: number,
  root: XmlElement,
  headers: Readonly<Record<string, string>> = {},
): HttpResponse {
  return {
    statusCode,
    headers: { 'content-type': 'application/xml; charset=utf-8', ...PRIVATE_HEADERS, ...headers },
    body: serializeDavXml(root),
  };
}

/** A 207 Multi-Status answer (RFC 4918 §13). */
export function multistatus(
  responses: readonly XmlElement[],
  extra: readonly XmlElement[] = [],
): HttpResponse {
  return xmlResponse(207, el(DAV_NS, 'multistatus', [...responses, ...extra]));
}

/** A DAV:response naming one href and its status (a missing member, a removed one in sync-collection). */
export function statusResponse(href: string, code: number): XmlElement {
  return el(DAV_NS, 'response', [el(DAV_NS, 'href', [], href), el(DAV_NS, 'status', [], statusLine(code))]);
}

/**
 * Maps a refusal of the calendar model to the DAV answer (RFC 4791 §5.3.2.1, RFC 6352 §6.3.2.1, RFC 4331 §6).
 * @param refusal - what the model said
 * @param kind - the collection's kind, which picks CalDAV's or CardDAV's precondition names
 * @param hrefOf - the href of an object of the same collection (no-uid-conflict names the existing one)
 * @example
 * if (!result.ok) throw refusalError(result.refusal, 'calendar', (name) => `${collectionHref}${name}`);
 */
export function refusalError(
  refusal: CalendarRefusal,
  kind: CollectionKind,
  hrefOf: (name: string) => string,
): DavError {
  const ns = kind === 'calendar' ? CALDAV_NS : CARDDAV_NS;
  switch (refusal.type) {
    case 'collectionNotFound':
      return new DavError(409);
    case 'objectNotFound':
      return new DavError(404);
    case 'collectionExists':
      return new DavError(405, el(DAV_NS, 'resource-must-be-null'));
    case 'forbidden':
      return new DavError(403, el(DAV_NS, 'need-privileges'));
    case 'preconditionFailed':
      return new DavError(412);
    case 'invalidData':
      return new DavError(403, el(ns, kind === 'calendar' ? 'valid-calendar-data' : 'valid-address-data'));
    case 'uidConflict':
      return new DavError(
        403,
        el(ns, 'no-uid-conflict', [el(DAV_NS, 'href', [], hrefOf(refusal.existingName))]),
      );
    case 'tooLarge':
      return new DavError(403, el(ns, 'max-resource-size'));
    case 'overQuota':
      return new DavError(507, el(DAV_NS, 'quota-not-exceeded'));
    case 'slotTaken':
      return new DavError(409);
  }
}
