/**
 * The network a sign-in attempt comes from, as failures are counted: an IPv4 address as is (also when written
 * IPv4-mapped, `::ffff:192.0.2.1`), an IPv6 address by its /64 (one subscriber usually holds a whole /64, so
 * counting single IPv6 addresses would let one attacker rotate through 2^64 of them). Anything else is
 * lower-cased as given.
 * @param address - the client address the front end saw
 * @example
 * sourceNetwork('2001:db8::1'); // '2001:db8:0:0::/64'
 */
export function sourceNetwork(address: string): string {
  const lower = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(lower);
  if (mapped) return mapped[1]!;
  const groups = ipv6Groups(lower.replace(/%.*$/, ''));
  return groups
    ? `${groups
        .slice(0, 4)
        .map((group) => group.replace(/^0+(?=.)/, ''))
        .join(':')}::/64`
    : lower;
}

/** The 8 groups of an IPv6 address (`::` expanded), or undefined when it is not one. */
function ipv6Groups(address: string): string[] | undefined {
  const halves = address.split('::');
  if (halves.length > 2 || !address.includes(':')) return undefined;
  const split = (half: string) => (half === '' ? [] : half.split(':'));
  const head = split(halves[0]!);
  const tail = halves.length === 2 ? split(halves[1]!) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  return groups.every((group) => /^[0-9a-f]{1,4}$/.test(group)) ? groups : undefined;
}
