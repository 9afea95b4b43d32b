import type { HttpRequest, HttpResponse } from '../types';
import { coreEcho } from './core-echo';
import { JmapRequestError } from './errors';
import type { JmapMethodRegistry } from './method';
import { assertJsonContentType, parseJmapRequest } from './parse-request';
import { PRIVATE_HEADERS, problemResponse, requestErrorResponse } from './problem-details';
import { consoleJmapLogger, describeError, type JmapLogger } from './logger';
import { processJmapRequest } from './process-request';
import { buildSession, DEFAULT_CORE_CAPABILITY, jmapEndpoints } from './session';
import {
  JMAP_CORE,
  type JmapAccount,
  type JmapCoreCapability,
  type JmapObject,
  type JmapSession,
} from './types';

/** The path of the Session resource (RFC 8620 §2.2 autodiscovery). */
export const JMAP_WELL_KNOWN_PATH = '/.well-known/jmap';

/**
 * The authenticator's verdict: the caller, the challenge a 401 carries in `WWW-Authenticate`, or a 403's reason
 * (valid credentials the organization's access control rules refuse here).
 */
export type JmapAuthentication<P> =
  { readonly principal: P } | { readonly challenge: string } | { readonly forbidden: string };

/** The per-user part of the session, loaded for every request. */
export interface JmapSessionAccounts {
  /** The username of the credentials, or `''`. */
  readonly username: string;
  /** Every account these credentials may use, by account id; nothing else is reachable. */
  readonly accounts: Readonly<Record<string, JmapAccount>>;
  /** Capability URI → the user's main account for it. @default - none */
  readonly primaryAccounts?: Readonly<Record<string, string>>;
}

/** Options of {@link createJmapApi}. */
export interface JmapApiOptions<P> {
  /** The public absolute URL the JMAP endpoints live under, e.g. `https://mail.example.com/jmap`. */
  readonly baseUrl: string;
  /** Resolves the caller from the request (credentials are the runtime's business). */
  authenticate(request: HttpRequest): Promise<JmapAuthentication<P>>;
  /** The caller's accounts. */
  loadAccounts(principal: P): Promise<JmapSessionAccounts>;
  /** The methods served besides `Core/echo`. @default - `Core/echo` only */
  readonly methods?: JmapMethodRegistry<P>;
  /** Core limits that differ from the defaults. @default - {@link DEFAULT_CORE_CAPABILITY} (RFC 8620's suggested minimums) */
  readonly core?: Partial<JmapCoreCapability>;
  /** Capabilities other than core, with their server-wide information. @default - none */
  readonly capabilities?: Readonly<Record<string, JmapObject>>;
  /** Where hidden failures are logged. @default - JSON lines on stderr */
  readonly logger?: JmapLogger;
}

/** Serves a request if it is a JMAP one; `undefined` means "not mine", so a router can try other routes. */
export type JmapRoute = (request: HttpRequest) => Promise<HttpResponse | undefined>;

/**
 * The JMAP HTTP front end (RFC 8620 §2, §3.1): `GET /.well-known/jmap` answers the caller's Session resource and
 * `POST` to the session's `apiUrl` with `Content-Type: application/json` runs a Request object and answers 200
 * with the Response object. Request-level errors are 400 problem details; a refused authentication is 401 with
 * `WWW-Authenticate`; other methods on these paths are 405; an unexpected failure is a bare 500 (logged).
 * @param options - base URL, authenticator, account loader, methods and limits
 * @throws TypeError when the options are inconsistent (bad URL or limit, a method of an unadvertised capability)
 * @example
 * const jmap = createJmapApi({ baseUrl: 'https://mail.example.com/jmap', authenticate, loadAccounts, methods });
 * const response = (await jmap(request)) ?? (await adminApi(request));
 */
export function createJmapApi<P>(options: JmapApiOptions<P>): JmapRoute {
  const core = { ...DEFAULT_CORE_CAPABILITY, ...options.core };
  const capabilities = options.capabilities ?? {};
  const methods: JmapMethodRegistry<P> = { 'Core/echo': coreEcho, ...options.methods };
  validateOptions(core, capabilities, methods);
  const logger = options.logger ?? consoleJmapLogger;
  const apiPath = new URL(jmapEndpoints(options.baseUrl).apiUrl).pathname;
  const supported: ReadonlySet<string> = new Set([JMAP_CORE, ...Object.keys(capabilities)]);

  const sessionOf = async (principal: P): Promise<JmapSession> => {
    const { username, accounts, primaryAccounts } = await options.loadAccounts(principal);
    return buildSession({
      baseUrl: options.baseUrl,
      core,
      capabilities,
      username,
      accounts,
      primaryAccounts,
    });
  };

  const serveSession = async (principal: P): Promise<HttpResponse> => json(await sessionOf(principal));

  const serveApi = async (request: HttpRequest, principal: P): Promise<HttpResponse> => {
    assertJsonContentType(request.headers['content-type']);
    const jmapRequest = parseJmapRequest(request.body, {
      maxSizeRequest: core.maxSizeRequest,
      maxCallsInRequest: core.maxCallsInRequest,
      capabilities: supported,
    });
    const session = await sessionOf(principal);
    return json(await processJmapRequest(jmapRequest, { principal, session, methods, logger }));
  };

  const serve = async (request: HttpRequest, serveAuthenticated: typeof serveApi): Promise<HttpResponse> => {
    try {
      const verdict = await options.authenticate(request);
      if ('forbidden' in verdict)
        return problemResponse(403, { type: 'about:blank', title: 'Forbidden', detail: verdict.forbidden });
      if (!('principal' in verdict)) {
        return problemResponse(
          401,
          { type: 'about:blank', title: 'Unauthorized', detail: 'Authentication is required.' },
          { 'www-authenticate': verdict.challenge },
        );
      }
      return await serveAuthenticated(request, verdict.principal);
    } catch (error) {
      if (error instanceof JmapRequestError) return requestErrorResponse(error);
      logger.error('JMAP request failed', { error: describeError(error) });
      return problemResponse(500, { type: 'about:blank', title: 'Internal Server Error' });
    }
  };

  return async (request) => {
    const method = request.method.toUpperCase();
    if (request.path === JMAP_WELL_KNOWN_PATH) {
      return method === 'GET' ? serve(request, (_, principal) => serveSession(principal)) : notAllowed('GET');
    }
    if (request.path === apiPath || `${request.path}/` === apiPath) {
      return method === 'POST' ? serve(request, serveApi) : notAllowed('POST');
    }
    return undefined;
  };
}

function validateOptions<P>(
  core: JmapCoreCapability,
  capabilities: Readonly<Record<string, JmapObject>>,
  methods: JmapMethodRegistry<P>,
): void {
  const { collationAlgorithms, ...limits } = core;
  for (const [limit, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new TypeError(`core.${limit} must be a positive integer, got ${String(value)}.`);
    }
  }
  if (!Array.isArray(collationAlgorithms) || !collationAlgorithms.every((id) => typeof id === 'string')) {
    throw new TypeError('core.collationAlgorithms must be an array of strings.');
  }
  if (Object.hasOwn(capabilities, JMAP_CORE)) {
    throw new TypeError(`Give the ${JMAP_CORE} limits as core, not in capabilities.`);
  }
  for (const [name, method] of Object.entries(methods)) {
    if (method.capability !== JMAP_CORE && !Object.hasOwn(capabilities, method.capability)) {
      throw new TypeError(`${name} needs ${method.capability}, which capabilities does not advertise.`);
    }
  }
}

function json(body: unknown): HttpResponse {
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json', ...PRIVATE_HEADERS },
    body: JSON.stringify(body),
  };
}

function notAllowed(allow: string): HttpResponse {
  return problemResponse(405, { type: 'about:blank', title: 'Method Not Allowed' }, { allow });
}
