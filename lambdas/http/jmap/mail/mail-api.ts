import type { AuthenticatedUser, SignInResult } from '../../../core/user-auth/types';
import { MAX_FOLDER_DEPTH, MAX_FOLDER_NAME_LENGTH } from '../../../core/mailbox/folders';
import type { HttpRequest, HttpResponse } from '../../types';
import { createJmapApi, type JmapRoute } from '../jmap-api';
import type { JmapLogger } from '../logger';
import { PRIVATE_HEADERS, problemResponse } from '../problem-details';
import { jmapEndpoints } from '../session';
import { JMAP_MAIL, type MailMethodDeps } from './context';
import { emailMethods, messageBlobId, type EmailContentView } from './email-methods';
import { mailboxMethods } from './mailbox-methods';
import { threadMethods } from './thread-methods';

/** Options of {@link createMailJmap}. */
export interface MailJmapOptions {
  /** The public absolute URL the JMAP endpoints live under, e.g. `http://127.0.0.1:8080/jmap`. */
  readonly baseUrl: string;
  /** Signs users in from the Authorization header (directory password or personal access token). */
  readonly authenticate: (authorization: string | undefined, sourceAddress: string) => Promise<SignInResult>;
  readonly deps: MailMethodDeps;
  /** Derives content properties of an Email from its bytes. */
  readonly view: EmailContentView;
  /** @default - JSON lines on stderr */
  readonly logger?: JmapLogger;
}

/** WorkMail's limit on a message's attachments, in octets (quotas-and-organizations.md §1: 29 MB unencoded). */
const MAX_ATTACHMENT_BYTES = 29 * 1024 * 1024;

const CHALLENGE = 'Basic realm="Mailwright", charset="UTF-8", Bearer realm="Mailwright"';

/**
 * JMAP for users (RFC 8620, RFC 8621 Mail): the session, the API with the Mailbox, Email and Thread methods, and
 * blob download. A user's account is their own mailbox (account id = user id).
 * @example
 * const jmap = createMailJmap({ baseUrl: `${url}/jmap`, authenticate, deps, view });
 * const response = (await jmap(request)) ?? (await adminApi(request));
 */
export function createMailJmap(options: MailJmapOptions): JmapRoute {
  const signIn = async (request: HttpRequest) =>
    options.authenticate(request.headers.authorization, request.sourceIp ?? '0.0.0.0');
  const api = createJmapApi<AuthenticatedUser>({
    baseUrl: options.baseUrl,
    authenticate: async (request) => {
      const result = await signIn(request);
      return result.ok ? { principal: result.user } : { challenge: CHALLENGE };
    },
    loadAccounts: async (user) => ({
      username: user.email,
      accounts: {
        [user.userId]: {
          name: user.email,
          isPersonal: true,
          isReadOnly: false,
          accountCapabilities: {
            [JMAP_MAIL]: {
              maxMailboxesPerEmail: 1,
              maxMailboxDepth: MAX_FOLDER_DEPTH,
              maxSizeMailboxName: MAX_FOLDER_NAME_LENGTH,
              maxSizeAttachmentsPerEmail: MAX_ATTACHMENT_BYTES,
              emailQuerySortOptions: ['receivedAt'],
              mayCreateTopLevelMailbox: true,
            },
          },
        },
      },
      primaryAccounts: { [JMAP_MAIL]: user.userId },
    }),
    methods: {
      ...mailboxMethods(options.deps),
      ...emailMethods(options.deps, options.view),
      ...threadMethods(options.deps),
    },
    capabilities: { [JMAP_MAIL]: {} },
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const downloadPath = new URL(jmapEndpoints(options.baseUrl).apiUrl).pathname.replace(/api\/$/, 'download/');

  const download = async (request: HttpRequest): Promise<HttpResponse> => {
    const result = await signIn(request);
    if (!result.ok)
      return problemResponse(
        401,
        { type: 'about:blank', title: 'Unauthorized' },
        { 'www-authenticate': CHALLENGE },
      );
    const [accountId, blobId] = request.path.slice(downloadPath.length).split('/').map(decodeURIComponent);
    const notFound = () => problemResponse(404, { type: 'about:blank', title: 'Not Found' });
    // A user's only account is their own mailbox; another id is answered like a missing blob.
    if (accountId !== result.user.userId || !blobId?.startsWith(messageBlobId(''))) return notFound();
    const messageId = blobId.slice(messageBlobId('').length);
    const bytes = await options.deps
      .readMessage(result.user.organizationId, accountId, messageId)
      .catch((error: unknown) => {
        if ((error as { name?: string }).name === 'MessageNotFoundError') return undefined;
        throw error;
      });
    if (!bytes) return notFound();
    const type =
      request.query.accept && /^[\w.+-]+\/[\w.+-]+$/.test(request.query.accept)
        ? request.query.accept
        : 'message/rfc822';
    return { statusCode: 200, headers: { 'content-type': type, ...PRIVATE_HEADERS }, body: bytes };
  };

  return async (request) => {
    if (request.path.startsWith(downloadPath)) {
      return request.method.toUpperCase() === 'GET'
        ? download(request)
        : problemResponse(405, { type: 'about:blank', title: 'Method Not Allowed' }, { allow: 'GET' });
    }
    return api(request);
  };
}
