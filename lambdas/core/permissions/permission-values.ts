import { PERMISSION_VALUES, type PermissionValue } from './types';

/**
 * The set a request names, without duplicates and in {@link PERMISSION_VALUES} order, as it is stored and listed.
 * @param values - the request's values (already checked against the enum)
 * @example
 * normalizePermissionValues(['SEND_AS', 'FULL_ACCESS', 'SEND_AS']); // ['FULL_ACCESS', 'SEND_AS']
 */
export function normalizePermissionValues(values: readonly PermissionValue[]): PermissionValue[] {
  return PERMISSION_VALUES.filter((value) => values.includes(value));
}
