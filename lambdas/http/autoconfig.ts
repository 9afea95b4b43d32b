import {
  AUTODISCOVER_ERRORS,
  OUTLOOK_RESPONSE_SCHEMA,
  appleMailProfile,
  findMailAccount,
  outlookAutodiscoverError,
  outlookAutodiscoverResponse,
  readAutodiscoverRequest,
  thunderbirdConfig,
  type MailAccount,
  type MailAccountDirectory,
} from '../core/autoconfig';
import type { HttpRequest, HttpResponse } from './types';

/** Serves a request when its path is one of the autoconfiguration paths; undefined lets the next front end try. */
export type AutoconfigRoute = (request: HttpRequest) => Promise<HttpResponse | undefined>;

/** The paths {@link createAutoconfigRoute} answers (autodiscover's in any letter case, as Outlook varies it). */
export const AUTOCONFIG_PATHS = {
  thunderbird: ['/.well-known/autoconfig/mail/config-v1.1.xml', '/mail/config-v1.1.xml'],
  outlook: '/autodiscover/autodiscover.xml',
  apple: '/mail/mobileconfig',
} as const;

/** What {@link createAutoconfigRoute} needs: the mail access settings, the domain lookup and a clock. */
export interface AutoconfigOptions extends MailAccountDirectory {
  /** @default - the system clock */
  readonly clock?: () => Date;
}

const text = (statusCode: number, body: string): HttpResponse => ({
  statusCode,
  headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  body,
});

/**
 * Client autoconfiguration for users' mail apps, without sign-in (it reveals only host names and ports, the same for
 * every organization): Thunderbird's `GET …/config-v1.1.xml?emailaddress=`, Outlook's `POST /autodiscover/
 * autodiscover.xml` and an Apple profile at `GET /mail/mobileconfig?emailaddress=`. An address outside this
 * deployment's verified domains gets 404 (Outlook: its error 500), the same whether or not another deployment or
 * organization knows it; a malformed one 400 (Outlook: error 500 too).
 * @example
 * const route = createAutoconfigRoute({ mailAccess, findDomainOwner: (d) => organizations.findDomainOwner(d) });
 * const response = (await route(request)) ?? (await jmap(request));
 */
export function createAutoconfigRoute(options: AutoconfigOptions): AutoconfigRoute {
  const clock = options.clock ?? (() => new Date());
  return async (request) => {
    const { method, path } = request;
    if (method === 'GET' && (AUTOCONFIG_PATHS.thunderbird as readonly string[]).includes(path))
      return document(request, 'application/xml; charset=utf-8', thunderbirdConfig);
    if (method === 'GET' && path === AUTOCONFIG_PATHS.apple)
      return document(request, 'application/x-apple-aspen-config', appleMailProfile, (account) => ({
        'content-disposition': `attachment; filename="${account.domain}.mobileconfig"`,
      }));
    if (method === 'POST' && path.toLowerCase() === AUTOCONFIG_PATHS.outlook) return autodiscover(request);
    return undefined;
  };

  async function document(
    request: HttpRequest,
    contentType: string,
    build: (account: MailAccount) => string,
    extraHeaders: (account: MailAccount) => Record<string, string> = () => ({}),
  ): Promise<HttpResponse> {
    const found = await findMailAccount(request.query.emailaddress, options);
    if (found.outcome === 'malformed')
      return text(400, 'The emailaddress parameter must be an e-mail address.\n');
    if (found.outcome === 'unknown') return text(404, 'Not found.\n');
    return {
      statusCode: 200,
      headers: { 'content-type': contentType, 'cache-control': 'no-store', ...extraHeaders(found.account) },
      body: build(found.account),
    };
  }

  async function autodiscover(request: HttpRequest): Promise<HttpResponse> {
    const xml = (body: string): HttpResponse => ({
      statusCode: 200,
      headers: { 'content-type': 'text/xml; charset=utf-8', 'cache-control': 'no-store' },
      body,
    });
    const asked = readAutodiscoverRequest(request.body);
    if (!asked) return xml(outlookAutodiscoverError(AUTODISCOVER_ERRORS.invalidRequest, clock()));
    if (asked.acceptableResponseSchema && asked.acceptableResponseSchema !== OUTLOOK_RESPONSE_SCHEMA)
      return xml(outlookAutodiscoverError(AUTODISCOVER_ERRORS.schemaNotSupported, clock()));
    const found = await findMailAccount(asked.emailAddress, options);
    return xml(
      found.outcome === 'found'
        ? outlookAutodiscoverResponse(found.account)
        : outlookAutodiscoverError(AUTODISCOVER_ERRORS.addressNotFound, clock()),
    );
  }
}
