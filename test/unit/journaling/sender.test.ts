import { isJournalingSenderAddress, journalingSender } from '../../../lambdas/core/journaling/sender';

describe('journalingSender', () => {
  it("is amazonjournaling at the organization's test domain, lower-cased", () => {
    expect(journalingSender('Acme', 'Mailwright.Test')).toBe('amazonjournaling@acme.mailwright.test');
  });
});

describe('isJournalingSenderAddress', () => {
  it.each(['amazonjournaling@acme.mailwright.test', 'AmazonJournaling@example.com'])(
    'recognises %s on any domain, in any case',
    (address) => {
      expect(isJournalingSenderAddress(address)).toBe(true);
    },
  );

  it.each([
    'amazonjournaling2@example.com',
    'journaling@example.com',
    'x.amazonjournaling@example.com',
    'amazonjournaling',
  ])('does not reserve %s', (address) => {
    expect(isJournalingSenderAddress(address)).toBe(false);
  });
});
