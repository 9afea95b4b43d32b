import { JmapMethodError } from '../errors';
import type { JmapMethodContext } from '../method';
import type { JmapArguments } from '../types';

/** Readers of method arguments that refuse a wrong type with `invalidArguments` (RFC 8620 §3.6.2). */

/** An optional argument of a given JSON type. */
export function optional<T>(
  args: JmapArguments,
  name: string,
  check: (value: unknown) => value is T,
): T | undefined {
  const value = args[name];
  if (value === undefined || value === null) return undefined;
  if (!check(value)) throw new JmapMethodError('invalidArguments', `${name} has the wrong type.`);
  return value;
}

/** An optional list of ids; null and absent are the same. */
export function idList(args: JmapArguments, name: string): string[] | undefined {
  return optional(args, name, isStringArray);
}

/** An unsigned integer argument with a default, at most `max`. */
export function unsignedInt(
  args: JmapArguments,
  name: string,
  fallback: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const value = optional(args, name, (v): v is number => Number.isSafeInteger(v) && (v as number) >= 0);
  return Math.min(value ?? fallback, max);
}

/** The body-value arguments of Email/get and Email/parse (RFC 8621 §4.2), type-checked. */
export function bodyValueSelection(args: JmapArguments): {
  fetchTextBodyValues?: boolean;
  fetchHTMLBodyValues?: boolean;
  fetchAllBodyValues?: boolean;
  maxBodyValueBytes?: number;
} {
  const flag = (name: string) =>
    optional(args, name, (value): value is boolean => typeof value === 'boolean');
  const max = optional(
    args,
    'maxBodyValueBytes',
    (v): v is number => Number.isSafeInteger(v) && (v as number) > 0,
  );
  return {
    fetchTextBodyValues: flag('fetchTextBodyValues'),
    fetchHTMLBodyValues: flag('fetchHTMLBodyValues'),
    fetchAllBodyValues: flag('fetchAllBodyValues'),
    ...(max !== undefined ? { maxBodyValueBytes: max } : {}),
  };
}

/**
 * Refuses a call naming more objects than the session's limit (RFC 8620 §5.1, §5.3) with `requestTooLarge`.
 * @param limit - `maxObjectsInGet` or `maxObjectsInSet`
 */
export function assertWithinLimit(
  context: JmapMethodContext<unknown>,
  count: number,
  limit: 'maxObjectsInGet' | 'maxObjectsInSet',
): void {
  const core = context.session.capabilities['urn:ietf:params:jmap:core'];
  if (count > core[limit])
    throw new JmapMethodError('requestTooLarge', `At most ${core[limit]} objects (${limit}).`);
}

/**
 * The `create`, `update` and `destroy` arguments of a /set call (RFC 8620 §5.3), type-checked, with `#creationId`
 * references among the update and destroy ids resolved; a reference to nothing stays as given (and is not found).
 * @throws JmapMethodError invalidArguments when one has the wrong type
 */
export function setArguments(
  args: JmapArguments,
  resolve: (id: string) => string | undefined,
): { create: Record<string, unknown>; update: Record<string, unknown>; destroy: string[] } {
  for (const [name, valid] of [
    ['create', isObject],
    ['update', isObject],
    ['destroy', isStringArray],
  ] as const) {
    const value = args[name];
    if (value !== undefined && value !== null && !valid(value))
      throw new JmapMethodError('invalidArguments', `${name} has the wrong type.`);
  }
  const id = (given: string) => resolve(given) ?? given;
  const update = isObject(args.update) ? args.update : {};
  return {
    create: isObject(args.create) ? args.create : {},
    update: Object.fromEntries(Object.entries(update).map(([key, patch]) => [id(key), patch])),
    destroy: (isStringArray(args.destroy) ? args.destroy : []).map(id),
  };
}

/** The number of objects a /set call names in `create`, `update` and `destroy`. */
export function setSize(args: JmapArguments): number {
  const keys = (value: unknown) => (isObject(value) ? Object.keys(value).length : 0);
  return keys(args.create) + keys(args.update) + (Array.isArray(args.destroy) ? args.destroy.length : 0);
}

/** Whether the value is an array of strings. */
export function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** Whether the value is a plain JSON object. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
