import { toTimestamp } from '../../../lambdas/core/api/shapes';

describe('toTimestamp', () => {
  // awsJson timestamps are epoch seconds with fractions, e.g. 1532459261.827 (api-operations.md §1.1).
  it.each([
    ['a Date', new Date(1532459261827)],
    ['an ISO 8601 string', '2018-07-24T19:07:41.827Z'],
    ['epoch milliseconds', 1532459261827],
  ])('converts %s to epoch seconds with milliseconds', (_kind, date) => {
    expect(toTimestamp(date)).toBe(1532459261.827);
  });
});
