import { createHash } from 'node:crypto';
import type { ApiDeps } from '../api/deps';
import { InvalidParameterException } from '../api/errors';

/** How long a ClientToken is remembered (api-operations.md §1.1). */
export const CLIENT_TOKEN_LIFETIME_SECONDS = 24 * 60 * 60;

const WAIT_STEP_MS = 50;
const WAIT_STEPS = 100;

/**
 * Runs an idempotent call once per ClientToken. Primary course:
 * 1. Without a token, just run.
 * 2. Claim the token with a digest of the other parameters; a new claim runs the call and records its result
 *    (a failed call releases the claim, so the client may retry with the same token).
 * 3. A token seen within 24 h with other parameters is refused; with the same ones the original result is
 *    returned, after waiting for it while the first call is still running.
 * @param action - the wire action name; tokens are scoped per action
 * @param input - the validated request; `ClientToken` itself is left out of the digest
 * @throws InvalidParameterException when the token was used with different parameters
 * @example
 * return withClientToken(ctx.deps, 'CreateOrganization', input, () => create(input, ctx));
 */
export async function withClientToken<I extends { readonly ClientToken?: string }, O>(
  deps: ApiDeps,
  action: string,
  input: I,
  run: () => Promise<O>,
): Promise<O> {
  const token = input.ClientToken;
  if (token === undefined) return run();
  const { ClientToken: _token, ...parameters } = input;
  const fingerprint = createHash('sha256').update(canonicalJson(parameters)).digest('base64url');
  const expiresAt = Math.floor(deps.clock().getTime() / 1000) + CLIENT_TOKEN_LIFETIME_SECONDS;
  for (let step = 0; step <= WAIT_STEPS; step += 1) {
    const earlier = await deps.clientTokens.claim(action, token, fingerprint, expiresAt);
    if (!earlier) return runAndRecord(deps, action, token, run);
    if (earlier.fingerprint !== fingerprint) {
      throw new InvalidParameterException('The ClientToken was already used with different parameters.');
    }
    if (earlier.result !== undefined) return earlier.result as O;
    await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
  }
  throw new InvalidParameterException('A request with this ClientToken is still in progress.');
}

async function runAndRecord<O>(
  deps: ApiDeps,
  action: string,
  token: string,
  run: () => Promise<O>,
): Promise<O> {
  let result: O;
  try {
    result = await run();
  } catch (error) {
    await deps.clientTokens.release(action, token);
    throw error;
  }
  await deps.clientTokens.complete(action, token, result);
  return result;
}

/**
 * JSON with object keys sorted at every level, so equal parameters give equal digests.
 * @example
 * canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] }); // '{"a":[{"c":3,"d":2}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, member]) => member !== undefined);
    // Keys of one object are distinct, so no two compare equal.
    // Stryker disable next-line EqualityOperator: with distinct keys, a <= b and a < b agree
    entries.sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
