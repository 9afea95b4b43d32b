import { randomBytes } from 'node:crypto';
import { link, readFile, unlink, writeFile } from 'node:fs/promises';

/**
 * Reads a 32-byte key file, creating it (0600) on first use; concurrent creators agree on one key.
 * @example
 * const pageTokenKey = await readOrCreateKey('.mailwright/page-token.key');
 */
export async function readOrCreateKey(filePath: string): Promise<Buffer> {
  const temporary = `${filePath}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temporary, randomBytes(32), { mode: 0o600, flag: 'wx' });
  try {
    await link(temporary, filePath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(temporary);
  }
  return readFile(filePath);
}
