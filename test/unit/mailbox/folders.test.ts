import {
  checkFolderPlacement,
  isSystemFolder,
  MAX_FOLDER_DEPTH,
  newFolder,
  SYSTEM_FOLDERS,
} from '../../../lambdas/core/mailbox/folders';
import type { FolderRecord } from '../../../lambdas/core/mailbox/model-types';

const folder = (folderId: string, name: string, parentId?: string): FolderRecord => ({
  ...newFolder({ folderId, name, ...(parentId ? { parentId } : {}) }, 1, 1_800_000_000_000),
});

describe('folders', () => {
  const inbox = folder('INBOX', 'Inbox');
  const projects = folder('p', 'Projects');
  const alpha = folder('a', 'Alpha', 'p');

  it("names WorkMail's six system folders with their JMAP roles; the Outbox has none", () => {
    expect(SYSTEM_FOLDERS.map((system) => [system.folderId, system.name, system.role])).toEqual([
      ['INBOX', 'Inbox', 'inbox'],
      ['DRAFTS', 'Drafts', 'drafts'],
      ['SENT_ITEMS', 'Sent Items', 'sent'],
      ['DELETED_ITEMS', 'Deleted Items', 'trash'],
      ['JUNK_EMAIL', 'Junk Email', 'junk'],
      ['OUTBOX', 'Outbox', undefined],
    ]);
    expect(isSystemFolder('DELETED_ITEMS')).toBe(true);
    expect(isSystemFolder('p')).toBe(false);
  });

  it('starts a folder empty at UID 1 with a 32-bit UIDVALIDITY that differs when re-created later', () => {
    const first = newFolder({ folderId: 'x', name: 'X' }, 5, 1_800_000_000_000);
    const again = newFolder({ folderId: 'y', name: 'X' }, 9, 1_800_000_001_000);

    expect(first).toMatchObject({
      uidNext: 1,
      totalEmails: 0,
      unreadEmails: 0,
      totalThreads: 0,
      createdModseq: 5,
    });
    expect(first.uidValidity).toBeGreaterThan(0);
    expect(first.uidValidity).toBeLessThan(2 ** 32);
    expect(again.uidValidity).not.toBe(first.uidValidity);
  });

  it.each([
    ['', 'invalidName'],
    [' Padded', 'invalidName'],
    ['a/b', 'invalidName'],
    ['tab\there', 'invalidName'],
    ['x'.repeat(256), 'invalidName'],
  ])('refuses the name %j', (name, type) => {
    expect(checkFolderPlacement([inbox], { name })?.type).toBe(type);
  });

  it('accepts 255 characters, and unicode', () => {
    expect(checkFolderPlacement([inbox], { name: 'é'.repeat(255) })).toBeUndefined();
    expect(checkFolderPlacement([inbox], { name: 'Rechnungen 2026 ✓' })).toBeUndefined();
  });

  it('refuses a sibling name in any case, but allows it under another parent', () => {
    expect(checkFolderPlacement([inbox, projects], { name: 'PROJECTS' })?.type).toBe('nameTaken');
    expect(checkFolderPlacement([inbox, projects], { name: 'inbox' })?.type).toBe('nameTaken');
    expect(checkFolderPlacement([inbox, projects], { name: 'Inbox', parentId: 'p' })).toBeUndefined();
    expect(checkFolderPlacement([inbox, projects], { folderId: 'p', name: 'projects' })).toBeUndefined();
  });

  it('refuses a missing parent and a move under itself or its own child', () => {
    expect(checkFolderPlacement([inbox], { name: 'X', parentId: 'nope' })?.type).toBe('parentNotFound');
    expect(
      checkFolderPlacement([projects, alpha], { folderId: 'p', name: 'Projects', parentId: 'p' })?.type,
    ).toBe('cycle');
    expect(
      checkFolderPlacement([projects, alpha], { folderId: 'p', name: 'Projects', parentId: 'a' })?.type,
    ).toBe('cycle');
  });

  it(`nests ${MAX_FOLDER_DEPTH} deep and no deeper`, () => {
    const chain = Array.from({ length: MAX_FOLDER_DEPTH }, (_, index) =>
      folder(`f${index}`, `F${index}`, index === 0 ? undefined : `f${index - 1}`),
    );

    expect(
      checkFolderPlacement(chain.slice(0, -1), { name: 'Leaf', parentId: `f${MAX_FOLDER_DEPTH - 2}` }),
    ).toBeUndefined();
    expect(checkFolderPlacement(chain, { name: 'Leaf', parentId: `f${MAX_FOLDER_DEPTH - 1}` })?.type).toBe(
      'tooDeep',
    );
  });

  it('refuses the 1,001st folder', () => {
    const many = Array.from({ length: 1000 }, (_, index) => folder(`f${index}`, `F${index}`));

    expect(checkFolderPlacement(many, { name: 'One more' })?.type).toBe('tooManyFolders');
    expect(checkFolderPlacement(many.slice(1), { name: 'One more' })).toBeUndefined();
  });
});
