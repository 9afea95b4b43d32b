import type { FolderRecord } from '../../../lambdas/core/mailbox';
import { canonicalName, findFolder, matchesPattern, nameFolders } from '../../../lambdas/imap/folder-names';

const folder = (
  folderId: string,
  name: string,
  parentId?: string,
  role?: FolderRecord['role'],
): FolderRecord => ({
  folderId,
  name,
  ...(parentId ? { parentId } : {}),
  ...(role ? { role } : {}),
  uidValidity: 1,
  uidNext: 1,
  totalEmails: 0,
  unreadEmails: 0,
  totalThreads: 0,
  unreadThreads: 0,
  createdModseq: 1,
  modseq: 1,
});

describe('IMAP folder names', () => {
  const folders = [
    folder('INBOX', 'Inbox', undefined, 'inbox'),
    folder('SENT_ITEMS', 'Sent Items', undefined, 'sent'),
    folder('p', 'Projects'),
    folder('q', '2026', 'p'),
    folder('r', 'a/b'),
    folder('s', 'under slash', 'r'),
  ];

  it('names the Inbox INBOX, others by their path, with special use and children; a name with / is left out', () => {
    expect(
      nameFolders(folders).map(({ name, hasChildren, specialUse }) => [name, hasChildren, specialUse]),
    ).toEqual([
      ['INBOX', false, undefined],
      ['Sent Items', false, '\\Sent'],
      ['Projects', true, undefined],
      ['Projects/2026', false, undefined],
    ]);
  });

  it('finds INBOX in any case, other names exactly, ignoring a trailing delimiter', () => {
    const named = nameFolders(folders);
    expect(findFolder(named, 'inbox')?.folder.folderId).toBe('INBOX');
    expect(findFolder(named, 'Projects/2026/')?.folder.folderId).toBe('q');
    expect(findFolder(named, 'projects')).toBeUndefined();
    expect(canonicalName('Inbox/Sub')).toBe('INBOX/Sub');
  });

  it.each([
    ['Projects/2026', '*', true],
    ['Projects/2026', '%', false],
    ['Projects', '%', true],
    ['Projects/2026', 'Projects/%', true],
    ['Projects/2026/Q1', 'Projects/%', false],
    ['Projects/2026/Q1', 'Projects/*', true],
    ['Projects', 'Proj*', true],
    ['Projects', 'proj*', false],
    ['INBOX', 'inbox', true],
    ['Sent Items', 'Sent%Items', true],
    ['Projects', 'Projects/*', false],
  ])('%s matches %s: %s', (name, pattern, expected) => {
    expect(matchesPattern(name, pattern)).toBe(expected);
  });

  it('matches a long hostile pattern in linear time', () => {
    const started = Date.now();
    expect(matchesPattern('a'.repeat(200), `${'*a'.repeat(100)}b`)).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
