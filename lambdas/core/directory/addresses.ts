/** E-mail address helpers shared by the directory: normalization and the parts a claim is keyed by. */

/** A normalized address and its parts. */
export interface AddressParts {
  /** The whole address, lower-case. */
  readonly address: string;
  readonly localPart: string;
  readonly domain: string;
}

/**
 * Lower-cases an address and splits it at its last `@`. Addresses are compared case-insensitively everywhere.
 * @param address - an address that passed the API's EmailAddress pattern
 * @example
 * splitAddress('Ana@Example.COM'); // { address: 'ana@example.com', localPart: 'ana', domain: 'example.com' }
 */
export function splitAddress(address: string): AddressParts {
  const lower = address.toLowerCase();
  const at = lower.lastIndexOf('@');
  return { address: lower, localPart: lower.slice(0, at), domain: lower.slice(at + 1) };
}

/** True when two addresses are the same mailbox name (case-insensitive). */
export function sameAddress(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
}
