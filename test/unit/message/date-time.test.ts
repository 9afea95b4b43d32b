import { parseDateTime } from '../../../lambdas/core/message';

describe('parseDateTime', () => {
  it('keeps the zone offset of the message', () => {
    expect(parseDateTime(' Tue, 10 Jul 2018 11:03:11 +1000 (AEST)')).toBe('2018-07-10T11:03:11+10:00');
    expect(parseDateTime('Wed, 4 Sep 2024 17:45:00 -0230')).toBe('2024-09-04T17:45:00-02:30');
  });

  it('writes UTC as Z and "-0000" (unknown local offset) as -00:00 (RFC 3339 §4.3)', () => {
    expect(parseDateTime(' Thu, 5 Sep 2024 09:00:00 +0000')).toBe('2024-09-05T09:00:00Z');
    expect(parseDateTime(' Mon, 2 Sep 2024 08:00:00 -0000')).toBe('2024-09-02T08:00:00-00:00');
  });

  it('reads the obsolete forms of RFC 5322 §4.3', () => {
    expect(parseDateTime(' 1 Jan 70 00:00 GMT')).toBe('1970-01-01T00:00:00Z');
    expect(parseDateTime(' 1 Jan 49 00:00 UT')).toBe('2049-01-01T00:00:00Z');
    expect(parseDateTime(' 1 Jan 103 00:00 EST')).toBe('2003-01-01T00:00:00-05:00');
    expect(parseDateTime(' Mon , 1 jan 2024 10 : 00 : 00 PDT')).toBe('2024-01-01T10:00:00-07:00');
    expect(parseDateTime(' Mon, 1 Jan 2024 10:00:00 Z')).toBe('2024-01-01T10:00:00-00:00');
  });

  it('accepts a leap second and a leap day', () => {
    expect(parseDateTime('Sat, 31 Dec 2016 23:59:60 +0000')).toBe('2016-12-31T23:59:60Z');
    expect(parseDateTime('29 Feb 2000 12:00:00 +0100')).toBe('2000-02-29T12:00:00+01:00');
  });

  it.each([
    ['no zone', 'Mon, 1 Jan 2024 10:00:00'],
    ['a day the month does not have', '31 Feb 2018 10:00:00 +0000'],
    ['no leap day in 1900', '29 Feb 1900 10:00:00 +0000'],
    ['an hour out of range', '1 Jan 2024 24:00:00 +0000'],
    ['a zone out of range', '1 Jan 2024 10:00:00 +0960'],
    ['an unknown month', '1 Foo 2024 10:00:00 +0000'],
    ['garbage', 'yesterday'],
    ['a long run of white space (read in linear time)', `Mon${' '.repeat(300_000)}x`],
    ['a value longer than any date-time', `${'Mon'.repeat(20)}, 1 Jan 2024 10:00:00 +0000`],
  ])('is null for %s', (_case, value) => {
    expect(parseDateTime(value)).toBeNull();
  });
});
