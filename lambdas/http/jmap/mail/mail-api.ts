import { auditedMethods } from './audited-methods';
import { readOnlyGuard } from './read-only-guard';
import type { AuditEvents } from '../../../core/audit-logs/ports';
import type { AuthenticatedUser, SignInRefusal, SignInResult } from '../../../core/user-auth/types';
import { MAX_FOLDER_DEPTH, MAX_FOLDER_NAME_LENGTH } from '../../../core/mailbox/folders';
import type { HttpRequest, HttpResponse } from '../../types';
import { createJmapApi, type JmapRoute } from '../jmap-api';
import type { JmapLogger } from '../logger';
import { PRIVATE_HEADERS, problemResponse } from '../problem-details';
import { jmapEndpoints } from '../session';
import { JMAP_MAIL, type MailMethodDeps } from './context';
import { parseBlobId, uploadBlobId, wholeBlobId } from './blob-ids';
import { blobBytes } from './email-import';
import { emailPartContent } from './email-view';
import { eventStream } from './event-source';
import { emailMethods } from './email-methods';
import { identityMethods } from './identity-methods';
import { mailboxMethods } from './mailbox-methods';
import { searchSnippetMethods } from './search-snippet-methods';
import { threadMethods } from './thread-methods';
import { JMAP_SUBMISSION, type SubmissionMethodDeps } from './submission-context';
import { submissionMethods } from './submission-methods';
import { SUBMISSION_ACCOUNT_CAPABILITY } from './submission-object';
import { JMAP_VACATION_RESPONSE } from './vacation-response';
import { vacationResponseMethods, type VacationMethodDeps } from './vacation-response-methods';
import {
  availabilityMethods,
  JMAP_PRINCIPALS,
  JMAP_PRINCIPALS_AVAILABILITY,
  MAX_AVAILABILITY_DURATION,
  type AvailabilityMethodDeps,
} from '../availability/principal-availability';

/** Options of {@link createMailJmap}. */
export interface MailJmapOptions {
  /** The public absolute URL the JMAP endpoints live under, e.g. `http://127.0.0.1:8080/jmap`. */
  readonly baseUrl: string;
  /**
   * Signs a request's user in: the Authorization header (directory password or personal access token) or the single
   * sign-on session cookie (see `signInFromRequest`).
   */
  readonly authenticate: (request: HttpRequest) => Promise<SignInResult>;
  readonly deps: MailMethodDeps;
  /**
   * The other mailboxes the user may open (FULL_ACCESS, directly or through groups), with their owners' addresses;
   * each becomes a shared account. Read on every request, so a revoked permission ends access at once.
   * @default - none
   */
  readonly sharedMailboxes?: (
    user: AuthenticatedUser,
  ) => Promise<readonly { mailboxId: string; name: string }[]>;
  /**
   * Sending (Identity, EmailSubmission; `urn:ietf:params:jmap:submission` on the user's own account).
   * @default - no sending
   */
  readonly submission?: SubmissionMethodDeps;
  /**
   * Vacation responses (`urn:ietf:params:jmap:vacationresponse` on the user's own account).
   * @default - no vacation responses
   */
  readonly vacation?: VacationMethodDeps;
  /**
   * Free/busy (`Principal/getAvailability`, `urn:ietf:params:jmap:principals:availability` on the user's own
   * account). @default - none
   */
  readonly availability?: AvailabilityMethodDeps;
  /** Where item and folder operations are reported (mailbox access audit log). @default - not reported */
  readonly audit?: AuditEvents;
  /** @default - JSON lines on stderr */
  readonly logger?: JmapLogger;
  /**
   * Largest upload and request, in octets. @default - 40 MiB uploads (WorkMail's MIME limit), 10 MB requests; a
   * Lambda behind API Gateway receives at most 6 MB, so the cloud wiring advertises less
   */
  readonly limits?: { readonly maxSizeUpload?: number; readonly maxSizeRequest?: number };
  /** Serve the event source (push) — only a server that can hold a response open can. @default false */
  readonly push?: boolean;
}

/** WorkMail's limit on a message, as MIME (quotas-and-organizations.md §1: 40 MB). */
const MAX_MESSAGE_BYTES = 40 * 1024 * 1024;

/** WorkMail's limit on a message's attachments, in octets (quotas-and-organizations.md §1: 29 MB unencoded). */
const MAX_ATTACHMENT_BYTES = 29 * 1024 * 1024;

/** What each mail account allows (RFC 8621 §1.3.1). */
const MAIL_ACCOUNT_CAPABILITY = {
  maxMailboxesPerEmail: 1,
  maxMailboxDepth: MAX_FOLDER_DEPTH,
  maxSizeMailboxName: MAX_FOLDER_NAME_LENGTH,
  maxSizeAttachmentsPerEmail: MAX_ATTACHMENT_BYTES,
  emailQuerySortOptions: ['receivedAt'],
  mayCreateTopLevelMailbox: true,
};

const CHALLENGE = 'Basic realm="Mailwright", charset="UTF-8", Bearer realm="Mailwright"';
/** Refusals answered 403 (a new challenge would not help), with what the user is told. */
const FORBIDDEN: Partial<Record<SignInRefusal['reason'], string>> = {
  ACCESS_DENIED: "Your organization's access control rules do not allow this access.",
  METHOD_NOT_ALLOWED:
    'Your organization signs in through single sign-on: use it, or a personal access token, not your password.',
  CSRF_TOKEN_INVALID: 'This request needs the X-CSRF-Token header of your session.',
};

/**
 * JMAP for users (RFC 8620, RFC 8621 Mail): the session, the API with the Mailbox, Email and Thread methods, and
 * blob upload and download. A user's account is their own mailbox (account id = user id); mailboxes shared with
 * them (FULL_ACCESS) are further accounts (account id = the owner's id).
 * @example
 * const jmap = createMailJmap({ baseUrl: `${url}/jmap`, authenticate, deps, view });
 * const response = (await jmap(request)) ?? (await adminApi(request));
 */
export function createMailJmap(options: MailJmapOptions): JmapRoute {
  const signIn = (request: HttpRequest) => options.authenticate(request);
  const api = createJmapApi<AuthenticatedUser>({
    baseUrl: options.baseUrl,
    authenticate: async (request) => {
      const result = await signIn(request);
      if (result.ok) return { principal: result.user };
      const forbidden = FORBIDDEN[result.reason];
      return forbidden ? { forbidden } : { challenge: CHALLENGE };
    },
    loadAccounts: async (user) => {
      const shared = (await options.sharedMailboxes?.(user)) ?? [];
      const account = (name: string, isPersonal: boolean, own = false) => ({
        name,
        isPersonal,
        isReadOnly: user.impersonation?.readOnly === true,
        accountCapabilities: {
          [JMAP_MAIL]: MAIL_ACCOUNT_CAPABILITY,
          ...(own && options.submission ? { [JMAP_SUBMISSION]: SUBMISSION_ACCOUNT_CAPABILITY } : {}),
          ...(own && options.vacation ? { [JMAP_VACATION_RESPONSE]: {} } : {}),
          ...(own && options.availability
            ? {
                [JMAP_PRINCIPALS]: { currentUserPrincipalId: user.userId },
                [JMAP_PRINCIPALS_AVAILABILITY]: { maxAvailabilityDuration: MAX_AVAILABILITY_DURATION },
              }
            : {}),
        },
      });
      return {
        username: user.email,
        accounts: {
          ...Object.fromEntries(shared.map(({ mailboxId, name }) => [mailboxId, account(name, false)])),
          [user.userId]: account(user.email, true, true),
        },
        primaryAccounts: {
          [JMAP_MAIL]: user.userId,
          ...(options.submission ? { [JMAP_SUBMISSION]: user.userId } : {}),
          ...(options.vacation ? { [JMAP_VACATION_RESPONSE]: user.userId } : {}),
          ...(options.availability ? { [JMAP_PRINCIPALS_AVAILABILITY]: user.userId } : {}),
        },
      };
    },
    methods: auditedMethods(
      readOnlyGuard({
        ...mailboxMethods(options.deps),
        ...emailMethods(options.deps),
        ...threadMethods(options.deps),
        ...searchSnippetMethods(options.deps),
        ...(options.submission
          ? {
              ...identityMethods(options.submission),
              ...submissionMethods(options.deps, options.submission, emailMethods(options.deps)['Email/set']),
            }
          : {}),
        ...(options.vacation ? vacationResponseMethods(options.vacation) : {}),
        ...(options.availability ? availabilityMethods(options.availability) : {}),
      }),
      options.audit,
    ),
    capabilities: {
      [JMAP_MAIL]: {},
      ...(options.submission ? { [JMAP_SUBMISSION]: {} } : {}),
      ...(options.vacation ? { [JMAP_VACATION_RESPONSE]: {} } : {}),
      ...(options.availability ? { [JMAP_PRINCIPALS]: {}, [JMAP_PRINCIPALS_AVAILABILITY]: {} } : {}),
    },
    core: {
      maxSizeUpload: options.limits?.maxSizeUpload ?? MAX_MESSAGE_BYTES,
      ...(options.limits?.maxSizeRequest ? { maxSizeRequest: options.limits.maxSizeRequest } : {}),
    },
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const apiPath = new URL(jmapEndpoints(options.baseUrl).apiUrl).pathname;
  const downloadPath = apiPath.replace(/api\/$/, 'download/');
  const uploadPath = apiPath.replace(/api\/$/, 'upload/');
  const eventSourcePath = apiPath.replace(/api\/$/, 'eventsource/');
  const maxSizeUpload = options.limits?.maxSizeUpload ?? MAX_MESSAGE_BYTES;
  const unauthorized = (refusal: SignInRefusal) =>
    FORBIDDEN[refusal.reason]
      ? problemResponse(403, { type: 'about:blank', title: 'Forbidden', detail: FORBIDDEN[refusal.reason] })
      : problemResponse(
          401,
          { type: 'about:blank', title: 'Unauthorized' },
          { 'www-authenticate': CHALLENGE },
        );
  const notFound = () => problemResponse(404, { type: 'about:blank', title: 'Not Found' });
  const mayUse = async (user: AuthenticatedUser, accountId: string) =>
    accountId === user.userId ||
    ((await options.sharedMailboxes?.(user)) ?? []).some((shared) => shared.mailboxId === accountId);

  /** RFC 8620 §6.1: the body is the blob; the answer names it. */
  const upload = async (request: HttpRequest): Promise<HttpResponse> => {
    const result = await signIn(request);
    if (!result.ok) return unauthorized(result);
    const accountId = safeDecode(request.path.slice(uploadPath.length).replace(/\/$/, ''));
    if (!(await mayUse(result.user, accountId))) return notFound();
    if (result.user.impersonation?.readOnly)
      return problemResponse(403, {
        type: 'about:blank',
        title: 'Forbidden',
        detail: 'A read-only role uploads nothing.',
      });
    const body = Buffer.from(request.body);
    if (body.length > maxSizeUpload) {
      return problemResponse(413, {
        type: 'urn:ietf:params:jmap:error:limit',
        title: 'Upload too large',
        limit: 'maxSizeUpload',
      });
    }
    const uploadId = await options.deps.mailboxes.storeUpload(result.user.organizationId, accountId, body);
    const type = request.headers['content-type'] ?? 'application/octet-stream';
    return {
      statusCode: 201,
      headers: { 'content-type': 'application/json', ...PRIVATE_HEADERS },
      body: JSON.stringify({ accountId, blobId: uploadBlobId(uploadId), type, size: body.length }),
    };
  };

  /** RFC 8620 §6.2: a whole message, a decoded body part of one, or an upload, of the user's own account. */
  const download = async (request: HttpRequest): Promise<HttpResponse> => {
    const result = await signIn(request);
    if (!result.ok) return unauthorized(result);
    const [accountId, blobId] = request.path.slice(downloadPath.length).split('/').map(safeDecode);
    // An account the user may not use is answered like a missing blob.
    if (blobId === undefined || !(await mayUse(result.user, accountId))) return notFound();
    const target = { organizationId: result.user.organizationId, mailboxId: accountId, accountId };
    const parsed = parseBlobId(blobId);
    if (!parsed) return notFound();
    const bytes = await blobBytes(options.deps, target, wholeBlobId(parsed));
    const part = bytes && parsed.partId !== undefined ? emailPartContent(bytes, parsed.partId) : undefined;
    if (!bytes || (parsed.partId !== undefined && !part)) return notFound();
    const accept = request.query.accept;
    const type = accept && /^[\w.+-]+\/[\w.+-]+$/.test(accept) ? accept : (part?.type ?? 'message/rfc822');
    // Mail is untrusted content: never rendered by a browser on this origin, whatever type the client asked for.
    const headers = {
      'content-type': type,
      'content-disposition': 'attachment',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "sandbox; default-src 'none'",
      ...PRIVATE_HEADERS,
    };
    return { statusCode: 200, headers, body: part?.bytes ?? bytes };
  };

  /** RFC 8620 §7.3: state changes of every account of the user, as server-sent events. */
  const eventSource = async (request: HttpRequest): Promise<HttpResponse> => {
    const result = await signIn(request);
    if (!result.ok) return unauthorized(result);
    const { organizationId, userId } = result.user;
    const shared = (await options.sharedMailboxes?.(result.user)) ?? [];
    const accounts = Object.fromEntries(
      [userId, ...shared.map((mailbox) => mailbox.mailboxId)].map((mailboxId) => [
        mailboxId,
        { organizationId, mailboxId },
      ]),
    );
    const { types = '*', closeafter = 'no', ping = '0' } = request.query;
    return {
      statusCode: 200,
      headers: { 'content-type': 'text/event-stream', ...PRIVATE_HEADERS },
      body: '',
      stream: eventStream(options.deps, accounts, { types, closeafter, ping }),
    };
  };

  return async (request) => {
    if (options.push && request.path === eventSourcePath) {
      return request.method.toUpperCase() === 'GET'
        ? eventSource(request)
        : problemResponse(405, { type: 'about:blank', title: 'Method Not Allowed' }, { allow: 'GET' });
    }
    if (request.path.startsWith(uploadPath)) {
      return request.method.toUpperCase() === 'POST'
        ? upload(request)
        : problemResponse(405, { type: 'about:blank', title: 'Method Not Allowed' }, { allow: 'POST' });
    }
    if (request.path.startsWith(downloadPath)) {
      return request.method.toUpperCase() === 'GET'
        ? download(request)
        : problemResponse(405, { type: 'about:blank', title: 'Method Not Allowed' }, { allow: 'GET' });
    }
    return api(request);
  };
}

/** A percent-decoded path segment; a malformed one decodes to nothing (and then names no account or blob). */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch (error) {
    if (error instanceof URIError) return '';
    throw error;
  }
}
