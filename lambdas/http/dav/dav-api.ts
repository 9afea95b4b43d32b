import type { AuditEvents } from '../../core/audit-logs';
import { reportMailboxAccess } from '../../core/audit-logs/mailbox-access';
import type { CalendarModel } from '../../core/calendar/calendar-model';
import { CalendarWriteConflictError } from '../../core/calendar/results';
import type { AuthenticatedUser, SignInResult } from '../../core/user-auth/types';
import type { HttpRequest, HttpResponse } from '../types';
import { davMailboxOperation } from './access-audit';
import { makeCollection, proppatch } from './collection-methods';
import type { DavGalSource, DavMailbox, DavRequestContext, ScheduleChange } from './dav-context';
import { DavHrefs, parseDavPath, type DavTarget } from './dav-paths';
import { DavError, errorResponse, PRIVATE_HEADERS } from './dav-response';
import { deleteResource, getObject, putObject } from './object-methods';
import { propfind } from './propfind';
import { MAX_REPORT_BYTES, report } from './report';
import { DAV_NS, DavXmlError, el } from './xml';

/** Where CalDAV and CardDAV clients look first (RFC 6764 §5). */
export const DAV_WELL_KNOWN_PATHS: readonly string[] = ['/.well-known/caldav', '/.well-known/carddav'];

const CHALLENGE = 'Basic realm="Mailwright", charset="UTF-8"';
const ALLOW = 'OPTIONS, GET, HEAD, PUT, DELETE, PROPFIND, PROPPATCH, REPORT, MKCOL, MKCALENDAR';
/** Methods that change something: a READ_ONLY impersonation role gets 403 DAV:need-privileges for them. */
const WRITE_METHODS = new Set(['PUT', 'DELETE', 'PROPPATCH', 'MKCOL', 'MKCALENDAR']);
/** DAV compliance classes (RFC 4918 §18, RFC 4791 §5.1, RFC 6352 §6.1, RFC 5689 §3). */
const DAV_CLASSES = '1, 3, calendar-access, addressbook, extended-mkcol, calendar-schedule';

/** Options of {@link createDavApi}. */
export interface DavApiOptions {
  /** The public absolute URL of the DAV tree, e.g. `https://mail.example.com/dav` (sync tokens are URLs under it). */
  readonly baseUrl: string;
  /**
   * Signs the request's user in: the Authorization header (directory password or personal access token), or the web
   * app's single sign-on session cookie with its CSRF header; throttled.
   */
  readonly authenticate: (request: HttpRequest) => Promise<SignInResult>;
  readonly calendars: CalendarModel;
  /** Mailboxes the user may open besides their own (FULL_ACCESS), with their owners' addresses; read per request. */
  readonly sharedMailboxes: (
    user: AuthenticatedUser,
  ) => Promise<readonly { mailboxId: string; email: string }[]>;
  /** The organization's global address list (`/dav/addressbooks/<userId>/gal/`). @default - none served */
  readonly gal?: DavGalSource;
  /**
   * The scheduling seam (RFC 6638): called after each successful PUT or DELETE of a calendar object with the old
   * and new content, so iTIP can send the organizer's REQUEST/CANCEL. Its failure is logged, not answered.
   * @default - no scheduling
   */
  readonly onScheduleChange?: (change: ScheduleChange) => Promise<void>;
  /** The organizations' audit logs: every request on a mailbox's calendars or address books. @default - none */
  readonly audit?: AuditEvents;
  /** @default - JSON lines on stderr (the error's name only, never its message) */
  readonly logError?: (message: string, error: unknown) => void;
  /** Epoch ms now (free/busy DTSTAMP). @default Date.now */
  readonly now?: () => number;
}

/** Serves a request if it is a DAV one; `undefined` means "not mine". */
export type DavRoute = (request: HttpRequest) => Promise<HttpResponse | undefined>;

/** The read-only WebDAV methods a POST may carry in `X-HTTP-Method-Override`. */
const TUNNELLED_METHODS: ReadonlySet<string> = new Set(['PROPFIND', 'REPORT']);

/**
 * The request's method, or the PROPFIND or REPORT a POST names in `X-HTTP-Method-Override`: CloudFront forwards only
 * GET, HEAD, OPTIONS, PUT, PATCH, POST and DELETE, so the webmail, served behind it, sends those two as POSTs. Only
 * these reads are tunnelled, and a browser cannot send the header cross-site without a preflight DAV never grants.
 */
function davMethod(request: HttpRequest): string {
  const method = request.method.toUpperCase();
  const override = request.headers['x-http-method-override']?.toUpperCase();
  return method === 'POST' && override !== undefined && TUNNELLED_METHODS.has(override) ? override : method;
}

/**
 * CalDAV (RFC 4791, RFC 6638 discovery) and CardDAV (RFC 6352) over the calendar model, with WebDAV sync
 * (RFC 6578) and the organization's global address list. `/.well-known/caldav|carddav` redirect to the DAV root;
 * OPTIONS needs no sign-in; everything else Basic (password or personal access token) or Bearer, else 401. A user
 * reaches their own mailbox's collections and those of mailboxes they hold FULL_ACCESS on; any other mailbox or
 * principal is answered 404, exactly like one that does not exist.
 * @param options - base URL, sign-in, model, shared mailboxes, GAL and the scheduling seam
 * @example
 * const dav = createDavApi({ baseUrl: `${url}/dav`, authenticate, calendars, sharedMailboxes });
 * const response = (await dav(request)) ?? (await next(request));
 */
export function createDavApi(options: DavApiOptions): DavRoute {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const basePath = new URL(baseUrl).pathname.replace(/\/+$/, '');
  const hrefs = new DavHrefs(basePath);
  const now = options.now ?? Date.now;
  const logError = options.logError ?? defaultLogError;

  const serve = async (sent: HttpRequest): Promise<HttpResponse> => {
    const method = davMethod(sent);
    const request = { ...sent, method };
    if (method === 'OPTIONS') {
      return {
        statusCode: 200,
        headers: { dav: DAV_CLASSES, allow: ALLOW, 'content-length': '0' },
        body: '',
      };
    }
    const signIn = await options.authenticate(request);
    if (!signIn.ok) {
      if (signIn.reason === 'THROTTLED') {
        return { statusCode: 429, headers: { 'retry-after': String(signIn.retryAfterSeconds) }, body: '' };
      }
      // Valid credentials the organization's access control rules refuse for CalDAV from this address.
      if (signIn.reason === 'ACCESS_DENIED')
        return errorResponse(new DavError(403, el(DAV_NS, 'need-privileges')));
      return { statusCode: 401, headers: { 'www-authenticate': CHALLENGE, ...PRIVATE_HEADERS }, body: '' };
    }
    const { user } = signIn;
    const readOnly = user.impersonation?.readOnly === true;
    const target = parseDavPath(basePath, request.path);
    if (!target) throw new DavError(404);
    // The grants are read only where they matter: the home sets (root, principal) and other users' mailboxes.
    const ownOnly = 'mailboxId' in target && target.mailboxId === user.userId;
    const shared = ownOnly ? [] : await options.sharedMailboxes(user);
    const mailboxes: DavMailbox[] = [
      { mailboxId: user.userId, email: user.email, own: true },
      ...shared.filter((m) => m.mailboxId !== user.userId).map((m) => ({ ...m, own: false })),
    ];
    if (!mayReach(target, user, mailboxes, options.gal !== undefined)) throw new DavError(404);
    // PUT answers an oversized object with CALDAV/CARDDAV:max-resource-size itself.
    if (method !== 'PUT' && request.body.length > MAX_REPORT_BYTES) throw new DavError(413);
    const context: DavRequestContext = {
      request,
      user,
      readOnly,
      target,
      hrefs,
      baseUrl,
      calendars: options.calendars,
      mailboxes,
      logError,
      ...(options.gal ? { gal: options.gal } : {}),
      ...(options.onScheduleChange ? { onScheduleChange: options.onScheduleChange } : {}),
    };
    const response = await answered(() => {
      if (readOnly && WRITE_METHODS.has(method)) throw new DavError(403, el(DAV_NS, 'need-privileges'));
      return dispatch(method, context, now);
    });
    const operation = davMailboxOperation(method, target, response.statusCode);
    // CardDAV shares CalDAV's protocol name, as in access control rules and sign-in records.
    if (operation) await reportMailboxAccess(options.audit, user, 'CalDAV', [operation]);
    return response;
  };

  return async (request) => {
    if (DAV_WELL_KNOWN_PATHS.includes(request.path.replace(/\/$/, ''))) {
      return { statusCode: 301, headers: { location: `${basePath}/`, 'content-length': '0' }, body: '' };
    }
    if (request.path !== basePath && !request.path.startsWith(`${basePath}/`)) return undefined;
    try {
      return await serve(request);
    } catch (error) {
      if (error instanceof DavError) return errorResponse(error);
      if (error instanceof DavXmlError) return errorResponse(new DavError(400));
      // Writers of one collection take turns (its syncSeq); one that kept losing may simply try again.
      if (error instanceof CalendarWriteConflictError) {
        return errorResponse(new DavError(503, undefined, { 'retry-after': '1' }));
      }
      logError('DAV request failed', error);
      return { statusCode: 500, headers: { ...PRIVATE_HEADERS }, body: '' };
    }
  };
}

/** The method's answer, a DAV refusal included (other errors propagate to the route's handler). */
async function answered(run: () => Promise<HttpResponse>): Promise<HttpResponse> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof DavError) return errorResponse(error);
    throw error;
  }
}

/** Runs the request's method on its resource. */
function dispatch(method: string, context: DavRequestContext, now: () => number): Promise<HttpResponse> {
  switch (method) {
    case 'PROPFIND':
      return propfind(context);
    case 'PROPPATCH':
      return proppatch(context);
    case 'REPORT':
      return report(context, now());
    case 'GET':
    case 'HEAD':
      return getObject(context, method === 'HEAD');
    case 'PUT':
      return putObject(context);
    case 'DELETE':
      return deleteResource(context);
    case 'MKCALENDAR':
    case 'MKCOL':
      return makeCollection(context, method);
    default:
      throw new DavError(405, undefined, { allow: ALLOW });
  }
}

/** Own mailbox and FULL_ACCESS ones; the principal and the GAL only the user's own. */
function mayReach(
  target: DavTarget,
  user: AuthenticatedUser,
  mailboxes: readonly DavMailbox[],
  hasGal: boolean,
): boolean {
  switch (target.type) {
    case 'root':
      return true;
    case 'principal':
      return target.userId === user.userId;
    case 'gal':
    case 'galEntry':
      return hasGal && target.mailboxId === user.userId;
    default:
      return mailboxes.some((mailbox) => mailbox.mailboxId === target.mailboxId);
  }
}

/** Only the error's name: a parser's message may quote the calendar data it choked on. */
function defaultLogError(message: string, error: unknown): void {
  const name = error instanceof Error ? error.name : typeof error;
  console.error(JSON.stringify({ level: 'ERROR', message, error: { name } }));
}
