import { sourceNetwork } from '../../../lambdas/core/user-auth/source-address';

describe('sourceNetwork', () => {
  it('keeps an IPv4 address, also when written IPv4-mapped', () => {
    expect(sourceNetwork('192.0.2.1')).toBe('192.0.2.1');
    expect(sourceNetwork('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(sourceNetwork('::FFFF:192.0.2.1')).toBe('192.0.2.1');
  });

  it('reduces an IPv6 address to its /64, however it is written', () => {
    expect(sourceNetwork('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(sourceNetwork('2001:0DB8:0000:0000:1:2:3:4')).toBe('2001:db8:0:0::/64');
    expect(sourceNetwork('2001:db8:0:0:ffff::')).toBe('2001:db8:0:0::/64');
    expect(sourceNetwork('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(sourceNetwork('::1')).toBe('0:0:0:0::/64');
  });

  it('keeps anything else as given, lower-cased', () => {
    expect(sourceNetwork(' Local-CLI ')).toBe('local-cli');
    expect(sourceNetwork('1:2:3')).toBe('1:2:3');
    expect(sourceNetwork('1::2::3')).toBe('1::2::3');
    expect(sourceNetwork('1:2:3:4:5:6:7:8:9')).toBe('1:2:3:4:5:6:7:8:9');
    expect(sourceNetwork('1:2:3:4:5:6:7::8')).toBe('1:2:3:4:5:6:7::8');
    expect(sourceNetwork('12345::1')).toBe('12345::1');
  });
});
