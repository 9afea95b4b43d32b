import type { DeliveryLedger } from '../../lambdas/core/delivery';

/** The DeliveryLedger contract, run against every adapter. */
export function deliveryLedgerContract(name: string, makeLedger: () => Promise<DeliveryLedger>): void {
  describe(`DeliveryLedger contract: ${name}`, () => {
    let ledger: DeliveryLedger;
    let messageId: string;
    beforeEach(async () => {
      ledger = await makeLedger();
      messageId = `msg-${Math.random().toString(36).slice(2)}`;
    });

    it('grants a claim once, and reports the holder to the next claimant while the lease lives', async () => {
      expect(await ledger.claim(messageId, 'MBX#o#a', 'one', 2000, 1000)).toEqual({ claimed: true });
      const second = await ledger.claim(messageId, 'MBX#o#a', 'two', 2500, 1500);
      expect(second).toEqual({
        claimed: false,
        entry: expect.objectContaining({ state: 'CLAIMED', owner: 'one' }),
      });
    });

    it('lets another attempt take over an expired lease', async () => {
      await ledger.claim(messageId, 'MBX#o#a', 'one', 2000, 1000);
      expect(await ledger.claim(messageId, 'MBX#o#a', 'two', 4000, 3000)).toEqual({ claimed: true });
    });

    it('never re-grants a settled target, and lists the final record', async () => {
      await ledger.claim(messageId, 'MBX#o#a', 'one', 2000, 1000);
      const record = {
        state: 'DELIVERED',
        recipient: 'a@example.com',
        mailboxId: 'a',
        folder: 'INBOX',
      } as const;
      await ledger.settle(messageId, 'MBX#o#a', 'one', record);

      const later = await ledger.claim(messageId, 'MBX#o#a', 'two', 9e12, 9e12 - 1);

      expect(later).toEqual({
        claimed: false,
        entry: expect.objectContaining({ state: 'DELIVERED', record }),
      });
      expect((await ledger.read(messageId)).entries).toEqual([
        expect.objectContaining({ target: 'MBX#o#a', state: 'DELIVERED', record }),
      ]);
    });

    it('answers a settlement with the final record that stands when another attempt settled first', async () => {
      await ledger.claim(messageId, 'DECISION', 'one', 2000, 1000);
      await ledger.claim(messageId, 'DECISION', 'two', 4000, 3000);
      const theirs = { state: 'SENT', recipient: 'theirs' } as const;
      await ledger.settle(messageId, 'DECISION', 'two', theirs);

      const standing = await ledger.settle(messageId, 'DECISION', 'one', {
        state: 'SENT',
        recipient: 'mine',
      });

      expect(standing).toEqual(expect.objectContaining({ state: 'SENT', record: theirs }));
    });

    it('records a final state without a claim exactly once', async () => {
      const bounce = {
        state: 'BOUNCED',
        recipient: 'x@example.com',
        status: '5.1.1',
        reason: 'unknown',
      } as const;

      const results = await Promise.all(
        Array.from({ length: 5 }, () => ledger.record(messageId, 'ADDR#x@example.com', bounce)),
      );

      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await ledger.read(messageId)).entries).toEqual([
        expect.objectContaining({ target: 'ADDR#x@example.com', state: 'BOUNCED', record: bounce }),
      ]);
      expect(await ledger.record(messageId, 'ADDR#x@example.com', { ...bounce, status: '5.2.1' })).toBe(
        false,
      );
    });

    it('frees a released claim at once, but only for its owner', async () => {
      await ledger.claim(messageId, 'ADDR#x@example.com', 'one', 2000, 1000);
      await ledger.release(messageId, 'ADDR#x@example.com', 'intruder');
      expect((await ledger.claim(messageId, 'ADDR#x@example.com', 'two', 2000, 1000)).claimed).toBe(false);

      await ledger.release(messageId, 'ADDR#x@example.com', 'one');

      expect(await ledger.claim(messageId, 'ADDR#x@example.com', 'two', 2000, 1000)).toEqual({
        claimed: true,
      });
    });

    it('grants exactly one of many concurrent claims', async () => {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => ledger.claim(messageId, 'DSN', `owner-${i}`, 2000, 1000)),
      );
      expect(results.filter((r) => r.claimed)).toHaveLength(1);
    });

    it('marks a message complete', async () => {
      expect(await ledger.read(messageId)).toEqual({ complete: false, entries: [] });
      await ledger.complete(messageId);
      expect(await ledger.read(messageId)).toEqual({ complete: true, entries: [] });
    });
  });
}
