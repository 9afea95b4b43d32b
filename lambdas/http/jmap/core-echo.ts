import type { JmapMethod } from './method';
import { JMAP_CORE } from './types';

/**
 * `Core/echo` (RFC 8620 §4): answers exactly the arguments it was given, to test an authenticated connection.
 * Result references are resolved first, like for any method; an `accountId` is echoed, not checked.
 * @example
 * // [["Core/echo", {"hello": true, "high": 5}, "b3ff"]] → [["Core/echo", {"hello": true, "high": 5}, "b3ff"]]
 * const methods = { 'Core/echo': coreEcho };
 */
export const coreEcho: JmapMethod<unknown> = {
  capability: JMAP_CORE,
  usesAccountId: false,
  handle: async (args) => args,
};
