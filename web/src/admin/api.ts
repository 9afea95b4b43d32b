import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';

/** A signed-in admin: requests are signed with SigV4 in the browser; the secret stays in this object's memory. */
export interface AdminSession {
  readonly signer: SignatureV4;
  readonly accessKeyId: string;
  /** When a single sign-on key stops working. @default - a key entered by hand: until revoked */
  readonly expiresAt?: Date;
  /** Ends a single sign-on session, revoking its key. @default - a key entered by hand is only forgotten */
  readonly signOut?: () => Promise<void>;
}

/** A refusal of the admin API, in WorkMail's error shape (`__type`, `message`). */
export class ApiError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Signs requests for the admin key as the AWS SDKs do (service `workmail`, every header signed), with the same
 * Smithy signer the SDKs use and a pure-JavaScript SHA-256.
 */
export function adminSession(accessKeyId: string, secretAccessKey: string, region: string): AdminSession {
  const credentials = { accessKeyId, secretAccessKey };
  return {
    signer: new SignatureV4({ credentials, region, service: 'workmail', sha256: Sha256 }),
    accessKeyId,
  };
}

/**
 * Calls one operation of the admin API over WorkMail's JSON protocol on the console's own origin.
 * @param target - e.g. `WorkMailService.ListUsers` or `MailwrightService.ListAdminKeys`
 * @throws ApiError with the service's exception type and message
 * @example
 * const { Users } = await call<{ Users: User[] }>(session, 'WorkMailService.ListUsers', { OrganizationId });
 */
export async function call<T>(session: AdminSession, target: string, body: object): Promise<T> {
  const payload = JSON.stringify(body);
  const signed = await session.signer.sign({
    method: 'POST',
    protocol: location.protocol,
    hostname: location.hostname,
    port: location.port ? Number(location.port) : undefined,
    path: '/',
    headers: { host: location.host, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
    body: payload,
  });
  // The browser sets Host itself and refuses scripts that try.
  const { host: _host, ...headers } = signed.headers;
  const response = await fetch(`${location.origin}/`, {
    method: 'POST',
    headers,
    body: payload,
    credentials: 'omit',
  });
  const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    const type = String(json.__type ?? 'Error').replace(/^.*#/, '');
    throw new ApiError(type, String(json.message ?? json.Message ?? `The API answered ${response.status}.`));
  }
  return json as T;
}

/**
 * Every page of a List operation, following `NextToken`.
 * @param pageSize - the operation's largest `MaxResults` (ListImpersonationRoles: 20)
 */
export async function callAll<T>(
  session: AdminSession,
  target: string,
  body: object,
  items: string,
  pageSize = 100,
): Promise<T[]> {
  const all: T[] = [];
  let NextToken: string | undefined;
  do {
    const page = await call<Record<string, unknown>>(session, target, {
      ...body,
      NextToken,
      MaxResults: pageSize,
    });
    all.push(...((page[items] as T[] | undefined) ?? []));
    NextToken = page.NextToken as string | undefined;
  } while (NextToken);
  return all;
}
