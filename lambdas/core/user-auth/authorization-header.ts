import type { Credential } from './types';

/** Longest login accepted (the API's identifiers and addresses have at most 256 characters). */
export const MAX_LOGIN_LENGTH = 256;
/** Longest secret accepted: far above passwords (63) and token values (82), far below a cost worth paying. */
export const MAX_SECRET_LENGTH = 1024;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const TOKEN68 = /^[A-Za-z0-9\-._~+/]+=*$/;
// eslint-disable-next-line no-control-regex -- control characters are what the pattern refuses
const CONTROL = /[\x00-\x1f\x7f]/;

/**
 * Reads an HTTP Authorization header (RFC 7617 Basic, RFC 6750 Bearer). Never throws on client input.
 * @param header - the header value as received
 * @returns the credential; `'absent'` when there is none or its scheme is neither Basic nor Bearer (a client that
 * should be challenged); `'malformed'` for a Basic or Bearer value that cannot be a credential
 * @example
 * parseAuthorization('Basic YW5hQGV4YW1wbGUuY29tOnNlY3JldA=='); // { scheme: 'basic', login: 'ana@example.com', … }
 */
export function parseAuthorization(header: string | undefined): Credential | 'absent' | 'malformed' {
  const trimmed = (header ?? '').trim();
  const space = trimmed.indexOf(' ');
  const scheme = (space < 0 ? trimmed : trimmed.slice(0, space)).toLowerCase();
  const value = space < 0 ? '' : trimmed.slice(space + 1).trim();
  if (scheme === 'basic') return parseBasic(value);
  if (scheme === 'bearer') return parseBearer(value);
  return 'absent';
}

function parseBasic(value: string): Credential | 'malformed' {
  if (value.length > 2 * (MAX_LOGIN_LENGTH + MAX_SECRET_LENGTH) || !BASE64.test(value)) return 'malformed';
  const bytes = Buffer.from(value, 'base64');
  const decoded = bytes.toString('utf8');
  // Invalid UTF-8 decodes to U+FFFD: the round trip tells it apart from a real U+FFFD.
  if (!Buffer.from(decoded, 'utf8').equals(bytes)) return 'malformed';
  const colon = decoded.indexOf(':');
  return colon < 0 ? 'malformed' : credential(decoded.slice(0, colon), decoded.slice(colon + 1));
}

/**
 * A Basic credential from a login and a secret given some other way (SASL PLAIN, a CLI prompt), checked like a
 * header's.
 * @example
 * basicCredential('ana@example.com', password); // { scheme: 'basic', … } or 'malformed'
 */
export function basicCredential(login: string, secret: string): Credential | 'malformed' {
  return credential(login, secret);
}

function credential(login: string, secret: string): Credential | 'malformed' {
  const fits = (text: string, max: number) => text.length > 0 && text.length <= max && !CONTROL.test(text);
  if (!fits(login, MAX_LOGIN_LENGTH) || !fits(secret, MAX_SECRET_LENGTH)) return 'malformed';
  return { scheme: 'basic', login, secret };
}

function parseBearer(value: string): Credential | 'malformed' {
  return value.length <= MAX_SECRET_LENGTH && TOKEN68.test(value)
    ? { scheme: 'bearer', token: value }
    : 'malformed';
}
