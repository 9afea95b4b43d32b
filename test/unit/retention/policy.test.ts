import { activeRules, checkFolderConfigurations } from '../../../lambdas/core/retention/policy';

describe('Retention policy checks', () => {
  it('accepts each folder once, with a period unless the action is NONE', () => {
    expect(
      checkFolderConfigurations([
        { name: 'INBOX', action: 'DELETE', periodDays: 30 },
        { name: 'DRAFTS', action: 'NONE' },
      ]),
    ).toBeUndefined();
  });

  it('refuses a folder configured twice', () => {
    expect(
      checkFolderConfigurations([
        { name: 'JUNK_EMAIL', action: 'NONE' },
        { name: 'JUNK_EMAIL', action: 'DELETE', periodDays: 1 },
      ]),
    ).toEqual({ type: 'duplicateFolder', folder: 'JUNK_EMAIL' });
  });

  it('refuses DELETE and PERMANENTLY_DELETE without a period', () => {
    expect(checkFolderConfigurations([{ name: 'INBOX', action: 'DELETE' }])).toEqual({
      type: 'periodRequired',
      folder: 'INBOX',
    });
    expect(checkFolderConfigurations([{ name: 'SENT_ITEMS', action: 'PERMANENTLY_DELETE' }])).toEqual({
      type: 'periodRequired',
      folder: 'SENT_ITEMS',
    });
  });

  it('turns only configurations that change something into sweep rules', () => {
    expect(
      activeRules([
        { name: 'INBOX', action: 'NONE', periodDays: 5 },
        { name: 'DRAFTS', action: 'PERMANENTLY_DELETE', periodDays: 2 },
      ]),
    ).toEqual([{ name: 'DRAFTS', action: 'PERMANENTLY_DELETE', periodDays: 2 }]);
  });
});
