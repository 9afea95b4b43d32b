import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MasterKeyFileError, MasterKeyWrapper } from '../../lambdas/adapters/local/master-key-wrapper';
import { DecryptionFailedError } from '../../lambdas/core/crypto/errors';

describe('MasterKeyWrapper (local key wrapping)', () => {
  let dir: string;
  const context = { 'aws:workmail:arn': 'arn:org', 'mailwright:mailbox': 'S-1-1' };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mw-master-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates a 32-byte master key file with mode 0600 and reuses it on the next open', async () => {
    const file = join(dir, 'master.key');
    const first = await MasterKeyWrapper.open(file);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await readFile(file)).length).toBe(32);
    const wrapped = await first.wrap(undefined, Buffer.alloc(32, 9), context);
    const second = await MasterKeyWrapper.open(file);
    expect(
      Buffer.from(
        await second.unwrap(wrapped, { 'mailwright:mailbox': 'S-1-1', 'aws:workmail:arn': 'arn:org' }),
      ),
    ).toEqual(Buffer.alloc(32, 9));
  });

  it('gives concurrent openers the same key', async () => {
    const file = join(dir, 'master.key');
    const wrappers = await Promise.all(Array.from({ length: 5 }, () => MasterKeyWrapper.open(file)));
    const wrapped = await wrappers[0].wrap(undefined, Buffer.alloc(32, 4), context);
    for (const wrapper of wrappers)
      expect(Buffer.from(await wrapper.unwrap(wrapped, context))).toEqual(Buffer.alloc(32, 4));
  });

  it('fails to unwrap under another context or another master key', async () => {
    const wrapper = await MasterKeyWrapper.open(join(dir, 'a.key'));
    const other = await MasterKeyWrapper.open(join(dir, 'b.key'));
    const wrapped = await wrapper.wrap(undefined, Buffer.alloc(32, 5), context);
    await expect(wrapper.unwrap(wrapped, { ...context, 'mailwright:mailbox': 'S-1-2' })).rejects.toThrow(
      DecryptionFailedError,
    );
    await expect(other.unwrap(wrapped, context)).rejects.toThrow(DecryptionFailedError);
  });

  it('refuses a master key file that others can read, or of the wrong size', async () => {
    const open = join(dir, 'open.key');
    await writeFile(open, Buffer.alloc(32));
    await chmod(open, 0o644);
    await expect(MasterKeyWrapper.open(open)).rejects.toThrow(MasterKeyFileError);
    const short = join(dir, 'short.key');
    await writeFile(short, Buffer.alloc(16), { mode: 0o600 });
    await expect(MasterKeyWrapper.open(short)).rejects.toThrow(MasterKeyFileError);
  });
});
