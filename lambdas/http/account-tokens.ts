import type { CreateTokenRequest, PersonalAccessTokens, SignInResult } from '../core/user-auth';
import type { SignInRefusalReason } from '../core/user-auth/types';
import type { HttpRequest, HttpResponse } from './types';

/** What {@link createAccountTokensRoute} needs. */
export interface AccountTokensRouteOptions {
  /** Signs the request's user in (Authorization header or single sign-on session; the `WebMail` protocol). */
  readonly authenticate: (request: HttpRequest) => Promise<SignInResult>;
  readonly tokens: Pick<PersonalAccessTokens, 'create' | 'listOwn' | 'revokeOwn'>;
}

/** A route that answers its paths and leaves others (undefined). */
export type AccountTokensRoute = (request: HttpRequest) => Promise<HttpResponse | undefined>;

const PATH = '/account/tokens';
const HEADERS = { 'content-type': 'application/json', 'cache-control': 'no-store' };
const json = (statusCode: number, body: unknown): HttpResponse => ({
  statusCode,
  headers: HEADERS,
  body: JSON.stringify(body),
});
/** An RFC 7807 problem: a stable type, and a detail for people; never the request's values. */
const problem = (statusCode: number, type: string, detail: string, headers: Record<string, string> = {}) => ({
  ...json(statusCode, { type, status: statusCode, detail }),
  headers: { ...HEADERS, 'content-type': 'application/problem+json', ...headers },
});

const CHALLENGE = { 'www-authenticate': 'Basic realm="Mailwright", charset="UTF-8"' };
/** Each refused sign-in's status and what the user reads (never whether the address exists). */
const REFUSALS: Record<Exclude<SignInRefusalReason, 'THROTTLED'>, readonly [number, string]> = {
  NO_CREDENTIALS: [401, 'Sign in with your address and password.'],
  INVALID_CREDENTIALS: [401, 'The address or password is not correct.'],
  TOKEN_EXPIRED: [401, 'The personal access token has expired.'],
  USER_DISABLED: [403, 'This mailbox cannot sign in. Please contact your administrator.'],
  ACCESS_DENIED: [403, "Your organization's access control rules do not allow this access."],
  METHOD_NOT_ALLOWED: [403, 'Your organization requires single sign-on.'],
  CSRF_TOKEN_INVALID: [403, 'The request lacks the X-CSRF-Token of your session.'],
};

/**
 * A user's own personal access tokens over HTTP, for the web app and scripts (docs/users.md):
 * - `GET /account/tokens`: the user's tokens (metadata, never values), oldest first;
 * - `POST /account/tokens` `{ "name", "scopes"?, "lifetimeInDays"? }`: a new token, its value shown once (201);
 *   only a password or a single sign-on session may create one (a token cannot mint another);
 * - `DELETE /account/tokens/{tokenId}`: revokes one of the user's tokens (204; 404 for anyone else's).
 * @example
 * const route = createAccountTokensRoute({ authenticate: signInFromRequest(authenticator, 'WebMail'), tokens });
 */
export function createAccountTokensRoute(options: AccountTokensRouteOptions): AccountTokensRoute {
  return async (request) => {
    if (request.path !== PATH && !request.path.startsWith(`${PATH}/`)) return undefined;
    const tokenId =
      request.path === PATH ? undefined : decodeURIComponent(request.path.slice(PATH.length + 1));
    const method = request.method.toUpperCase();
    const allowed = tokenId === undefined ? ['GET', 'POST'] : ['DELETE'];
    if (!allowed.includes(method))
      return problem(405, 'methodNotAllowed', `${method} is not allowed here.`, {
        allow: allowed.join(', '),
      });
    const signIn = await options.authenticate(request);
    if (!signIn.ok) {
      if (signIn.reason === 'THROTTLED')
        return problem(429, 'throttled', 'Too many failed sign-ins: wait and try again.', {
          'retry-after': String(signIn.retryAfterSeconds),
        });
      const [status, detail] = REFUSALS[signIn.reason];
      return problem(status, signIn.reason, detail, status === 401 ? CHALLENGE : {});
    }
    const user = signIn.user;
    if (method === 'GET') {
      const tokens = [];
      let cursor: Record<string, unknown> | undefined;
      do {
        const page = await options.tokens.listOwn(user, { limit: 100, cursor });
        tokens.push(...page.items);
        cursor = page.cursor;
      } while (cursor);
      return json(200, { tokens });
    }
    if (method === 'DELETE')
      return (await options.tokens.revokeOwn(user, tokenId!))
        ? { statusCode: 204, headers: { 'cache-control': 'no-store' }, body: '' }
        : problem(404, 'notFound', 'You have no token with this id.');
    const body = parseBody(request.body);
    if (!body) return problem(400, 'invalidRequest', 'The body must be a JSON object with a "name".');
    const created = await options.tokens.create(user, body);
    if (created.ok) return json(201, { token: created.token, ...created.metadata });
    return problem(created.reason === 'INVALID_REQUEST' ? 400 : 403, created.reason, created.message);
  };
}

function parseBody(body: Buffer): CreateTokenRequest | undefined {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    if (typeof parsed !== 'object' || parsed === null || typeof parsed.name !== 'string') return undefined;
    const scopes = parsed.scopes ?? ['mail'];
    if (!Array.isArray(scopes) || !scopes.every((scope) => typeof scope === 'string')) return undefined;
    const lifetime = parsed.lifetimeInDays;
    if (lifetime !== undefined && typeof lifetime !== 'number') return undefined;
    return { name: parsed.name, scopes, ...(lifetime === undefined ? {} : { lifetimeInDays: lifetime }) };
  } catch {
    return undefined;
  }
}
