import { createHash, timingSafeEqual } from 'node:crypto';
import { Hash } from '@smithy/hash-node';
import { HttpRequest as SignableRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import {
  IncompleteSignature,
  InvalidClientTokenId,
  RequestExpired,
  SignatureDoesNotMatch,
} from '../core/api/errors';
import type { Principal } from '../core/api/operation';
import type { ResolvedAdminKey } from '../core/auth/types';
import type { HttpRequest } from './types';

/** Looks up an active admin key and its secret in clear (AdminKeys.resolve). */
export interface SigningKeyResolver {
  resolve(accessKeyId: string): Promise<ResolvedAdminKey | undefined>;
}

/** Options for {@link verifySigV4}. */
export interface SigV4Options {
  /** Service names a credential scope may name. @default ['workmail', 'execute-api'] */
  readonly signingNames?: readonly string[];
  /** Server time. @default () => new Date() */
  readonly clock?: () => Date;
  /** Largest allowed distance between X-Amz-Date and the server clock, in ms. @default 15 minutes */
  readonly maxSkewMs?: number;
}

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 +Credential=([^,\s]+), *SignedHeaders=([a-z0-9-;]+), *Signature=([0-9a-f]{64})$/;
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const sha256 = Hash.bind(null, 'sha256');

/**
 * Verifies an AWS SigV4 `Authorization` header against Mailwright's admin keys and returns the caller.
 *
 * 1. Parse the header, the credential scope and `X-Amz-Date` (missing or malformed: IncompleteSignature).
 *    Every `x-amz-*` header present and `content-type` must be signed (IncompleteSignature otherwise): an unsigned
 *    `X-Amz-Target` would let a captured request be replayed as another action.
 * 2. Refuse a date more than 15 minutes from the server clock (RequestExpired).
 * 3. Look up the key (unknown or revoked: InvalidClientTokenId).
 * 4. Check the body against `x-amz-content-sha256` when present, recompute the signature over the signed
 *    headers with @smithy/signature-v4 and compare in constant time (SignatureDoesNotMatch).
 * @param request - the request as received; `path` percent-encoded as sent
 * @param keys - resolves access key ids to secrets
 * @example
 * const principal = await verifySigV4(request, deps.adminKeys, { clock: () => new Date() });
 */
export async function verifySigV4(
  request: HttpRequest,
  keys: SigningKeyResolver,
  options: SigV4Options = {},
): Promise<Principal> {
  const header = request.headers.authorization;
  if (!header)
    throw new IncompleteSignature('Authorization header requires a SigV4 signature (AWS4-HMAC-SHA256).');
  const parsed = AUTHORIZATION.exec(header.trim());
  if (!parsed)
    throw new IncompleteSignature('Authorization header is not a well-formed AWS4-HMAC-SHA256 signature.');
  const [, credential, signedHeaderList, signature] = parsed as unknown as [string, string, string, string];
  const [accessKeyId, scopeDate, region, service, terminator, ...rest] = credential.split('/');
  if (!accessKeyId || !scopeDate || !region || !service || terminator !== 'aws4_request' || rest.length > 0) {
    throw new IncompleteSignature(
      'Credential must have the form <AccessKeyId>/<YYYYMMDD>/<region>/<service>/aws4_request.',
    );
  }
  const signedHeaders = signedHeaderList.split(';');
  if (!signedHeaders.includes('host') || !signedHeaders.includes('x-amz-date')) {
    throw new IncompleteSignature('SignedHeaders must include host and x-amz-date.');
  }
  const unsigned = Object.keys(request.headers).filter(
    (name) => mustBeSigned(name) && !signedHeaders.includes(name),
  );
  if (unsigned.length > 0) {
    throw new IncompleteSignature(
      `These headers must be signed (listed in SignedHeaders): ${unsigned.join(', ')}.`,
    );
  }
  const amzDate = request.headers['x-amz-date'] ?? '';
  const signingDate = parseAmzDate(amzDate);
  if (!signingDate)
    throw new IncompleteSignature("X-Amz-Date must be a date in the form YYYYMMDD'T'HHMMSS'Z'.");
  const now = (options.clock ?? (() => new Date()))();
  if (Math.abs(now.getTime() - signingDate.getTime()) > (options.maxSkewMs ?? 15 * 60_000)) {
    throw new RequestExpired(`Signature expired: ${amzDate} is more than 15 minutes from the server time.`);
  }
  const key = await keys.resolve(accessKeyId);
  if (!key) throw new InvalidClientTokenId();
  const signingNames = options.signingNames ?? ['workmail', 'execute-api'];
  if (!signingNames.includes(service)) {
    throw new SignatureDoesNotMatch(
      `Credential should be scoped to a valid service: ${signingNames.join(' or ')}.`,
    );
  }
  if (scopeDate !== amzDate.slice(0, 8)) {
    throw new SignatureDoesNotMatch('Credential should be scoped to the date of X-Amz-Date.');
  }
  checkPayloadHash(request);
  const expected = await computeSignature(request, key, signedHeaders, signingDate, region, service);
  const given = Buffer.from(signature, 'utf8');
  if (expected.length !== given.length || !timingSafeEqual(Buffer.from(expected, 'utf8'), given)) {
    throw new SignatureDoesNotMatch();
  }
  return { accessKeyId: key.accessKeyId, organizations: key.organizations };
}

/**
 * Headers that change what a request means: the action (`x-amz-target`), date, body hash and token, and how the
 * body is read. CloudFront adds `x-amz-cf-id` after signing (a client cannot sign it), and nothing here reads it.
 */
function mustBeSigned(name: string): boolean {
  return name === 'content-type' || (name.startsWith('x-amz-') && name !== 'x-amz-cf-id');
}

function checkPayloadHash(request: HttpRequest): void {
  const declared = request.headers['x-amz-content-sha256'];
  if (declared === undefined) return;
  if (declared === 'UNSIGNED-PAYLOAD' || declared.startsWith('STREAMING-')) {
    throw new IncompleteSignature(
      'The request body must be signed (x-amz-content-sha256 holds its SHA-256).',
    );
  }
  const actual = createHash('sha256').update(request.body).digest('hex');
  if (declared.toLowerCase() !== actual) {
    throw new SignatureDoesNotMatch(
      'The x-amz-content-sha256 header does not match the SHA-256 of the body.',
    );
  }
}

async function computeSignature(
  request: HttpRequest,
  key: ResolvedAdminKey,
  signedHeaders: readonly string[],
  signingDate: Date,
  region: string,
  service: string,
): Promise<string> {
  const headers: Record<string, string> = {};
  for (const name of signedHeaders)
    headers[name] = Object.hasOwn(request.headers, name) ? request.headers[name]! : '';
  const signer = new SignatureV4({
    service,
    region,
    sha256,
    credentials: { accessKeyId: key.accessKeyId, secretAccessKey: key.secret },
    applyChecksum: false,
    uriEscapePath: true,
  });
  const toSign = new SignableRequest({
    method: request.method.toUpperCase(),
    protocol: 'https:',
    hostname: headers.host ?? '',
    path: request.path,
    query: { ...request.query },
    headers,
    body: request.body,
  });
  const signed = await signer.sign(toSign, {
    signingDate,
    signingRegion: region,
    signingService: service,
    signableHeaders: new Set(signedHeaders),
  });
  return /Signature=([0-9a-f]{64})/.exec(signed.headers.authorization ?? '')?.[1] ?? '';
}

function parseAmzDate(value: string): Date | undefined {
  const match = AMZ_DATE.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[];
  const date = new Date(Date.UTC(year!, month! - 1, day!, hour!, minute!, second!));
  return Number.isNaN(date.getTime()) ? undefined : date;
}
