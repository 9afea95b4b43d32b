import { IncompleteSignature, SerializationException, ServiceException } from '../core/api/errors';
import { getRawMessageContent, putRawMessageContent } from '../core/message-flow';
import type { AdminPrincipal, MessageFlowCaller, MessageFlowDeps } from '../core/message-flow';
import { ACCESS_KEY_ID_PATTERN } from '../core/auth/access-keys';
import type { HttpRoute } from './routes';
import { verifySigV4, type SigningKeyResolver } from './sigv4';
import type { HttpRequest, HttpResponse } from './types';

/** Dependencies of the Message Flow routes. */
export interface MessageFlowRouteDeps extends MessageFlowDeps {
  /**
   * Verifies a request signed with a Mailwright admin key (signing name `workmailmessageflow`).
   * Returns `undefined` when the request is not signed by an admin key (e.g. a flow-rule Lambda's own IAM
   * credentials), and throws a 403 ServiceException when it names an admin key but the signature is wrong.
   * @default - no admin access: every request is treated as a capability request
   */
  readonly verifyAdminSignature?: (request: HttpRequest) => Promise<AdminPrincipal | undefined>;
}

/** Serves a request if it is a Message Flow route; `undefined` means "not mine" so the router tries others. */
export type MountableRoute = (request: HttpRequest) => Promise<HttpResponse | undefined>;

const ROUTE = /^((?:\/[^/]+)*)\/messages\/([^/]+)\/?$/;
const SIGV4 = /^AWS4-HMAC-SHA256\s+Credential=[^/\s]+\/\d{8}\/[^/\s]+\/workmailmessageflow\/aws4_request\s*,/;

/**
 * The Message Flow API (`workmailmessageflow`, restJson1) as `@aws-sdk/client-workmailmessageflow` and boto3 send
 * it: `GET {base}/messages/{messageId}` → raw MIME bytes; `POST {base}/messages/{messageId}` with
 * `{"content":{"s3Reference":{…}}}` → `200 {}`. Any base path prefix works (`/prod/messages/…`).
 * Errors: status from the exception, `x-amzn-ErrorType: <name>`, body `{"message": …}`; anything unexpected is a
 * fixed 500. Auth model: docs/message-flow-api.md.
 * @param deps - Message Flow stores, content source, clock and the optional admin verifier
 * @example
 * router.mount(createMessageFlowRoutes({ inFlight, rawMessages, contentSource, now: Date.now, verifyAdminSignature }));
 */
export function createMessageFlowRoutes(deps: MessageFlowRouteDeps): MountableRoute {
  return async (request) => {
    const match = ROUTE.exec(request.path);
    if (!match) return undefined;
    try {
      const messageId = decodeURIComponent(match[2]);
      const caller = await authenticate(deps, request);
      if (request.method === 'GET') {
        const body = Buffer.from(await getRawMessageContent(deps, messageId, caller));
        return { statusCode: 200, headers: { 'content-type': 'message/rfc822' }, body };
      }
      if (request.method === 'POST') {
        await putRawMessageContent(deps, messageId, parsePutBody(request.body), caller);
        return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{}' };
      }
      return errorResponse(
        405,
        'MethodNotAllowedException',
        `${request.method} is not supported on this resource.`,
      );
    } catch (error) {
      if (error instanceof ServiceException)
        return errorResponse(error.statusCode, error.name, error.message);
      return errorResponse(
        500,
        'InternalFailure',
        'The request processing has failed because of an unknown error.',
      );
    }
  };
}

async function authenticate(deps: MessageFlowRouteDeps, request: HttpRequest): Promise<MessageFlowCaller> {
  const principal = await deps.verifyAdminSignature?.(request);
  if (principal) return { kind: 'admin', principal };
  if (!SIGV4.test(request.headers.authorization ?? '')) {
    throw new IncompleteSignature(
      'Message Flow requests must be signed with SigV4 for service workmailmessageflow.',
    );
  }
  return { kind: 'capability' };
}

function parsePutBody(body: Buffer): { bucket: string; key: string; objectVersion?: string } {
  let document: unknown;
  try {
    document = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new SerializationException('The request body is not valid JSON.', { cause: error });
  }
  const reference = (document as { content?: { s3Reference?: Record<string, unknown> } } | null)?.content
    ?.s3Reference;
  const { bucket, key, objectVersion } = reference ?? {};
  if (
    typeof bucket !== 'string' ||
    typeof key !== 'string' ||
    (objectVersion !== undefined && typeof objectVersion !== 'string')
  ) {
    throw new SerializationException(
      'content.s3Reference must have string bucket and key (and optional objectVersion).',
    );
  }
  return { bucket, key, ...(objectVersion === undefined ? {} : { objectVersion }) };
}

function errorResponse(statusCode: number, name: string, message: string): HttpResponse {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': name },
    body: JSON.stringify({ message }),
  };
}

/** The SigV4 signing name of the Message Flow API. */
export const MESSAGE_FLOW_SIGNING_NAME = 'workmailmessageflow';

/**
 * Builds `verifyAdminSignature`: a request whose credential names a Mailwright admin key id (`AKMW…`) is fully
 * verified with SigV4 (signing name `workmailmessageflow`; a bad signature throws 403); any other request
 * (a flow-rule function's IAM credentials) is left to the capability check by returning `undefined`.
 * @param keys - the admin key resolver (AdminKeys)
 * @param clock - server time
 * @example
 * const verifyAdminSignature = adminSignatureVerifier(deps.adminKeys, deps.clock);
 */
export function adminSignatureVerifier(
  keys: SigningKeyResolver,
  clock?: () => Date,
): (request: HttpRequest) => Promise<AdminPrincipal | undefined> {
  return async (request) => {
    const accessKeyId = /Credential=([^/\s,]+)\//.exec(request.headers.authorization ?? '')?.[1];
    if (!accessKeyId || !ACCESS_KEY_ID_PATTERN.test(accessKeyId)) return undefined;
    return verifySigV4(request, keys, { clock, signingNames: [MESSAGE_FLOW_SIGNING_NAME] });
  };
}

/**
 * The Message Flow API as routes for `createHttpApi({ routes })`. They use `auth: 'none'` because the router can
 * only verify admin keys; {@link createMessageFlowRoutes} authenticates itself (admin key or capability).
 * @param deps - as for {@link createMessageFlowRoutes}
 * @example
 * createHttpApi(apiDeps, { routes: messageFlowHttpRoutes({ ...flowDeps, verifyAdminSignature }), basePath: '/prod' });
 */
export function messageFlowHttpRoutes(deps: MessageFlowRouteDeps): HttpRoute[] {
  const serve = createMessageFlowRoutes(deps);
  const handle = async (request: HttpRequest): Promise<HttpResponse> =>
    (await serve(request)) ?? { statusCode: 404, headers: {}, body: '' };
  return (['GET', 'POST'] as const).map((method) => ({
    method,
    path: '/messages/{messageId}',
    auth: 'none',
    handle,
  }));
}
