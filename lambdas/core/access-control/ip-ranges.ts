import ipaddr from 'ipaddr.js';

/** A client address parsed once per request ({@link parseAddress}). */
export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;

/** A CIDR list parsed once. */
export interface IpRangeSet {
  /** Whether the address lies in one of the ranges. */
  contains(address: IpAddress): boolean;
}

/**
 * Parses a client address (IPv4 or IPv6 text; an IPv4-mapped IPv6 address counts as its IPv4 address), or
 * undefined when it is none, which lies in no range.
 */
export function parseAddress(text: string): IpAddress | undefined {
  return ipaddr.isValid(text) ? ipaddr.process(text) : undefined;
}

/**
 * Whether `text` is an IP address as rules and their tests take it: IPv4 in four-part decimal form only (ipaddr.js
 * alone would take `10.1`), or IPv6.
 */
export function isStrictAddress(text: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(text) || ipaddr.IPv6.isValid(text);
}

/** Why a CIDR string was refused. */
export interface InvalidCidr {
  readonly cidr: string;
}

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/**
 * Parses CIDR strings (`192.0.2.0/24`, `2001:db8::/32`) whose address is {@link isStrictAddress}.
 * @returns the set, or the first string that is not a CIDR
 */
export function parseIpRanges(cidrs: readonly string[]): IpRangeSet | InvalidCidr {
  const ranges: Range[] = [];
  for (const cidr of cidrs) {
    const address = cidr.split('/')[0] ?? '';
    if (!isStrictAddress(address) || !ipaddr.isValidCIDR(cidr)) return { cidr };
    ranges.push(ipaddr.parseCIDR(cidr));
  }
  return {
    contains(address: IpAddress): boolean {
      const kind = address.kind();
      return ranges.some(([base, bits]) => base.kind() === kind && address.match(base, bits));
    },
  };
}

/** Type guard: the result of {@link parseIpRanges} is a refusal. */
export function isInvalidCidr(parsed: IpRangeSet | InvalidCidr): parsed is InvalidCidr {
  return 'cidr' in parsed;
}
