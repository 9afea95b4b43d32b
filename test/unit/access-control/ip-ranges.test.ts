import { isInvalidCidr, parseIpRanges } from '../../../lambdas/core/access-control/ip-ranges';

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
    expect(['198.51.100.64', '198.51.100.127'].map((ip) => ranges.contains(ip))).toEqual([true, true]);
    expect(['198.51.100.63', '198.51.100.128'].map((ip) => ranges.contains(ip))).toEqual([false, false]);
  });

  it('matches IPv6 ranges, and IPv4-mapped addresses as IPv4', () => {
    const ranges = parseIpRanges(['::1/128', '203.0.113.0/24']);
    if (isInvalidCidr(ranges)) throw new Error('unexpected refusal');
    expect(ranges.contains('::1')).toBe(true);
    expect(ranges.contains('::2')).toBe(false);
    expect(ranges.contains('::ffff:203.0.113.9')).toBe(true);
  });
});
