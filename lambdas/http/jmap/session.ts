import { createHash } from 'node:crypto';
import {
  JMAP_CORE,
  type JmapAccount,
  type JmapCoreCapability,
  type JmapObject,
  type JmapSession,
} from './types';

/**
 * The core limits Mailwright advertises when none are configured: the minimums RFC 8620 §2 suggests, and no
 * collation until a method that sorts exists.
 */
export const DEFAULT_CORE_CAPABILITY: JmapCoreCapability = {
  maxSizeUpload: 50_000_000,
  maxConcurrentUpload: 4,
  maxSizeRequest: 10_000_000,
  maxConcurrentRequests: 4,
  maxCallsInRequest: 16,
  maxObjectsInGet: 500,
  maxObjectsInSet: 500,
  collationAlgorithms: [],
};

/** What {@link buildSession} turns into a Session resource. */
export interface JmapSessionInput {
  /** The absolute `http(s)` URL the JMAP endpoints live under, e.g. `https://mail.example.com/jmap`. */
  readonly baseUrl: string;
  readonly core: JmapCoreCapability;
  /** Other capabilities the server supports (e.g. `urn:ietf:params:jmap:mail`), with their server-wide information. */
  readonly capabilities?: Readonly<Record<string, JmapObject>>;
  /** The username of the credentials, or `''`. */
  readonly username: string;
  readonly accounts: Readonly<Record<string, JmapAccount>>;
  /** Capability URI → account id; every id must be in `accounts`. @default - none */
  readonly primaryAccounts?: Readonly<Record<string, string>>;
}

/** The endpoint URLs of the session, built from a base URL (RFC 8620 §2, laid out as the RFC's example). */
export interface JmapEndpoints {
  readonly apiUrl: string;
  readonly downloadUrl: string;
  readonly uploadUrl: string;
  readonly eventSourceUrl: string;
}

/**
 * The endpoint URLs under a base URL, with the RFC 6570 level-1 variables RFC 8620 §2 requires.
 * @param baseUrl - an absolute http(s) URL without query or fragment
 * @throws TypeError when the base URL is not such a URL
 * @example
 * jmapEndpoints('https://mail.example.com/jmap').apiUrl; // 'https://mail.example.com/jmap/api/'
 */
export function jmapEndpoints(baseUrl: string): JmapEndpoints {
  const url = URL.canParse(baseUrl) ? new URL(baseUrl) : undefined;
  if (!url || !/^https?:$/.test(url.protocol) || url.search || url.hash) {
    throw new TypeError(
      `baseUrl must be an absolute http(s) URL without query or fragment, got '${baseUrl}'.`,
    );
  }
  const base = url.href.replace(/\/+$/, '');
  return {
    apiUrl: `${base}/api/`,
    downloadUrl: `${base}/download/{accountId}/{blobId}/{name}?accept={type}`,
    uploadUrl: `${base}/upload/{accountId}/`,
    eventSourceUrl: `${base}/eventsource/?types={types}&closeafter={closeafter}&ping={ping}`,
  };
}

/**
 * Builds the Session resource (RFC 8620 §2). Its `state` is a digest of everything else, independent of key
 * order, so it changes exactly when the session's content does.
 * @param input - server capabilities, the user's accounts and the base URL
 * @throws TypeError when the base URL is invalid or a primary account is not one of `accounts`
 * @example
 * const session = buildSession({ baseUrl: 'https://mail.example.com/jmap', core: DEFAULT_CORE_CAPABILITY,
 *   username: 'alice@example.com', accounts: { a1: account }, primaryAccounts: { [JMAP_MAIL]: 'a1' } });
 */
export function buildSession(input: JmapSessionInput): JmapSession {
  const primaryAccounts = input.primaryAccounts ?? {};
  for (const [capability, accountId] of Object.entries(primaryAccounts)) {
    if (!Object.hasOwn(input.accounts, accountId)) {
      throw new TypeError(`The primary account '${accountId}' for ${capability} is not one of the accounts.`);
    }
  }
  const content = {
    capabilities: { ...input.capabilities, [JMAP_CORE]: input.core },
    accounts: input.accounts,
    primaryAccounts,
    username: input.username,
    ...jmapEndpoints(input.baseUrl),
  };
  return { ...content, state: digest(content) };
}

function digest(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('base64url').slice(0, 16);
}

/** JSON with object keys sorted, so that equal content gives equal text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
