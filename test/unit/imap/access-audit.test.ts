import { imapOperations } from '../../../lambdas/imap/access-audit';
import type { Command } from '../../../lambdas/imap/protocol/types';

const scope = { ownerId: 'u-1', folderId: 'f-1' };
const OK = { status: 'OK', text: 'done' } as const;
const set = [{ start: 1, end: 1 }] as unknown as Extract<Command, { name: 'FETCH' }>['set'];

describe('imapOperations', () => {
  it('reports FETCH as a read of messages in the selected folder', () => {
    const command = { tag: 'a1', name: 'FETCH', uid: true, set, items: [], vanished: false } as Command;

    expect(imapOperations(command, OK, scope)).toEqual([
      { action: 'read', objectType: 'Message', ownerId: 'u-1', folderId: 'f-1', allowed: true },
    ]);
  });

  it('reports a STORE of \\Seen alone as update_read_state, other flags as update', () => {
    const store = (flags: string[]) =>
      ({ tag: 'a1', name: 'STORE', uid: true, set, mode: 'add', silent: false, flags }) as Command;

    expect(imapOperations(store(['\\Seen']), OK, scope)[0].action).toBe('update_read_state');
    expect(imapOperations(store(['\\Seen', '\\Flagged']), OK, scope)[0].action).toBe('update');
  });

  it('reports a refusal for lack of permission as not allowed', () => {
    const command = { name: 'EXPUNGE' } as Command;

    expect(imapOperations(command, { status: 'NO', code: 'NOPERM', text: 'no' }, scope)).toEqual([
      { action: 'delete', objectType: 'Message', ownerId: 'u-1', folderId: 'f-1', allowed: false },
    ]);
  });

  it('reports folder commands with the folder they name', () => {
    const command = { name: 'CREATE', mailbox: 'Projects/2027' } as Command;

    expect(imapOperations(command, OK, { ownerId: 'u-1' })).toEqual([
      { action: 'create', objectType: 'Folder', ownerId: 'u-1', folderPath: 'Projects/2027', allowed: true },
    ]);
  });

  it('reports nothing for other failures and for commands that touch no mailbox data', () => {
    const missing = { status: 'NO', code: 'TRYCREATE', text: 'no such folder' } as const;

    expect(
      imapOperations({ name: 'SELECT', mailbox: 'Nope', condstore: false } as Command, missing, scope),
    ).toEqual([]);
    expect(imapOperations({ name: 'NOOP' } as Command, OK, scope)).toEqual([]);
  });
});
