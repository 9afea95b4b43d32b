import { recoverableItemsDays } from '../../../lambdas/handlers/retention-config';

describe('recoverableItemsDays', () => {
  it('keeps Recoverable Items 30 days unless the deployment says otherwise', () => {
    expect(recoverableItemsDays({})).toBe(30);
    expect(recoverableItemsDays({ MAILWRIGHT_RECOVERABLE_ITEMS_DAYS: '14' })).toBe(14);
  });

  it.each(['0', '731', '1.5', 'two weeks'])('refuses %s as a configuration error', (value) => {
    expect(() => recoverableItemsDays({ MAILWRIGHT_RECOVERABLE_ITEMS_DAYS: value })).toThrow(
      expect.objectContaining({ name: 'ConfigurationError' }),
    );
  });
});
