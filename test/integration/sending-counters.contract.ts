import type { SendingCounters } from '../../lambdas/core/sending/ports';

/** What every {@link SendingCounters} adapter must do. */
export function sendingCountersContract(name: string, make: () => Promise<SendingCounters>): void {
  describe(`SendingCounters contract: ${name}`, () => {
    let counters: SendingCounters;
    let sequence = 0;
    const key = () => `test-${Date.now()}-${(sequence += 1)}`;
    const tomorrow = () => Date.now() + 86_400_000;

    beforeEach(async () => {
      counters = await make();
    });

    it('reserves up to the limit and refuses what would pass it, adding nothing', async () => {
      const counter = key();

      const first = await counters.reserve(counter, 7, 10, tomorrow());
      const over = await counters.reserve(counter, 4, 10, tomorrow());
      const exact = await counters.reserve(counter, 3, 10, tomorrow());

      expect([first, over, exact]).toEqual([true, false, true]);
    });

    it('refuses a count larger than the limit on a fresh counter', async () => {
      expect(await counters.reserve(key(), 11, 10, tomorrow())).toBe(false);
    });

    it('gives released counts back', async () => {
      const counter = key();
      await counters.reserve(counter, 10, 10, tomorrow());

      await counters.release(counter, 4);

      expect(await counters.reserve(counter, 4, 10, tomorrow())).toBe(true);
      expect(await counters.reserve(counter, 1, 10, tomorrow())).toBe(false);
    });

    it('never lets concurrent reservations pass the limit together', async () => {
      const counter = key();

      const results = await Promise.all(
        Array.from({ length: 8 }, () => counters.reserve(counter, 1, 5, tomorrow())),
      );

      expect(results.filter(Boolean)).toHaveLength(5);
    });

    it('releasing an unknown counter changes nothing', async () => {
      await expect(counters.release(key(), 3)).resolves.toBeUndefined();
    });
  });
}
