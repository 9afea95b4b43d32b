import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CsvPasswordSheet } from '../../../lambdas/adapters/local/csv-password-sheet';
import { FileMigrationState } from '../../../lambdas/adapters/local/file-migration-state';

describe('FileMigrationState and CsvPasswordSheet', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mw-state-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('keeps what was set across a reopen, owner-only, with no temporary file left behind', async () => {
    const path = join(dir, 'state.json');
    const state = await FileMigrationState.open(path);
    await Promise.all([state.set('directory/entity/a', 'x'), state.set('directory/entity/b', 'y')]);
    await state.set('mailbox/a', { outcome: 'moved' });

    const reopened = await FileMigrationState.open(path);

    expect(reopened.get('directory/entity/b')).toBe('y');
    expect(reopened.get('mailbox/a')).toEqual({ outcome: 'moved' });
    expect(reopened.keys('directory/')).toEqual(['directory/entity/a', 'directory/entity/b']);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['state.json']);
  });

  it('starts empty when the file does not exist', async () => {
    const state = await FileMigrationState.open(join(dir, 'none.json'));

    expect(state.keys('')).toEqual([]);
  });

  it('writes the password sheet owner-only, replaces a user recorded again and keeps earlier rows', async () => {
    const path = join(dir, 'passwords.csv');
    const sheet = await CsvPasswordSheet.open(path);
    await sheet.record({ address: 'ana@acme.example', name: 'ana', password: 'First-1' });
    await sheet.record({ address: 'bo@acme.example', name: 'bo', password: 'Has,comma"1' });

    const again = await CsvPasswordSheet.open(path);
    await again.record({ address: 'ana@acme.example', name: 'ana', password: 'Second-1' });

    expect(await readFile(path, 'utf8')).toBe(
      'address,name,password\nana@acme.example,ana,Second-1\nbo@acme.example,bo,"Has,comma""1"\n',
    );
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });
});
