import { isInvalidCidr, parseAddress, parseIpRanges } from '../../../lambdas/core/access-control/ip-ranges';

describe('parseIpRanges', () => {
  it.each(['10.1/16', '10.0.0.0/33', '2001:db8::/129', 'example.com/24', '', '300.1.1.1/32'])(
    'refuses %p',
    (cidr) => {
      expect(parseIpRanges(['192.0.2.0/24', cidr])).toEqual({ cidr });
    },
  );

  it('matches the host, the edges and nothing past them', () => {
    const ranges = parseIpRanges(['198.51.100.64/26']);
    if (isInvalidCidr(ranges)) throw new Error('unexpected refusal');
    expect(['198.51.100.64', '198.51.100.127'].map((ip) => ranges.contains(parseAddress(ip)!))).toEqual([
      true,
      true,
    ]);
    expect(['198.51.100.63', '198.51.100.128'].map((ip) => ranges.contains(parseAddress(ip)!))).toEqual([
      false,
      false,
    ]);
  });

  it('matches IPv6 ranges, and IPv4-mapped addresses as IPv4', () => {
    const ranges = parseIpRanges(['::1/128', '203.0.113.0/24']);
    if (isInvalidCidr(ranges)) throw new Error('unexpected refusal');
    expect(ranges.contains(parseAddress('::1')!)).toBe(true);
    expect(ranges.contains(parseAddress('::2')!)).toBe(false);
    expect(ranges.contains(parseAddress('::ffff:203.0.113.9')!)).toBe(true);
    expect(parseAddress('not-an-ip')).toBeUndefined();
  });
});
