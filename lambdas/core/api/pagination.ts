import { createHmac, timingSafeEqual } from 'node:crypto';
import { InvalidParameterException } from './errors';

/** Where a store left off: the adapter's own position (e.g. DynamoDB's LastEvaluatedKey). Opaque to core. */
export type Cursor = Record<string, unknown>;

/** A request for one page from a store. */
export interface PageRequest {
  readonly limit: number;
  readonly cursor?: Cursor;
}

/** One page from a store; `cursor` is absent on the last page. */
export interface Page<T> {
  readonly items: T[];
  readonly cursor?: Cursor;
}

/** The page size used when a request gives no MaxResults. */
export const DEFAULT_PAGE_SIZE = 100;

/**
 * Turns store cursors into opaque, tamper-evident NextTokens bound to one listing (action, organization,
 * filters), so a token can neither be forged nor replayed to read another organization.
 * @example
 * const tokens = new PageTokens(secretKey);
 * const token = tokens.encode(page.cursor, 'ListUsers|m-…|{}');
 */
export class PageTokens {
  constructor(private readonly key: Uint8Array) {
    if (key.length < 32) throw new Error('PageTokens needs a key of at least 32 bytes');
  }

  encode(cursor: Cursor, binding: string): string {
    const payload = Buffer.from(JSON.stringify(cursor)).toString('base64url');
    return `${payload}.${this.sign(payload, binding)}`;
  }

  decode(token: string, binding: string): Cursor {
    const [payload, signature, extra] = token.split('.');
    if (!payload || !signature || extra !== undefined) throw invalidToken();
    const expected = Buffer.from(this.sign(payload, binding));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalidToken();
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Cursor;
  }

  private sign(payload: string, binding: string): string {
    return createHmac('sha256', this.key).update(binding).update('\0').update(payload).digest('base64url');
  }
}

function invalidToken(): InvalidParameterException {
  return new InvalidParameterException('The NextToken is not valid for this request.');
}

/**
 * Reads one page for a list action: decodes NextToken, asks the store, and encodes the next token.
 * @param binding - what the token is valid for: action, organization and filters
 */
export async function listPage<T>(
  tokens: PageTokens,
  binding: string,
  input: { readonly NextToken?: string; readonly MaxResults?: number },
  fetch: (request: PageRequest) => Promise<Page<T>>,
): Promise<{ items: T[]; NextToken?: string }> {
  const cursor = input.NextToken === undefined ? undefined : tokens.decode(input.NextToken, binding);
  const page = await fetch({ limit: input.MaxResults ?? DEFAULT_PAGE_SIZE, cursor });
  return page.cursor
    ? { items: page.items, NextToken: tokens.encode(page.cursor, binding) }
    : { items: page.items };
}
