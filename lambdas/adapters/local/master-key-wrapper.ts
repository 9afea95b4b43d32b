import { randomBytes } from 'node:crypto';
import { chmod, link, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { canonicalContext } from '../../core/crypto/context';
import { DecryptionFailedError, UnsupportedCiphertextError } from '../../core/crypto/errors';
import { openGcm, sealGcm } from '../../core/crypto/envelope';
import type { KeyWrapper } from '../../core/crypto/ports';

const MASTER_KEY_BYTES = 32;
const FORMAT = 0x01;

/** The master key file is missing, of the wrong size, or readable by other users. */
export class MasterKeyFileError extends Error {
  readonly filePath: string;
  constructor(filePath: string, message: string, options?: ErrorOptions) {
    super(`${filePath}: ${message}`, options);
    this.name = 'MasterKeyFileError';
    this.filePath = filePath;
  }
}

/**
 * The local runtime's stand-in for KMS: AES-256-GCM under a 256-bit master key kept in a file (mode 0600) in
 * the data directory, with the encryption context as AAD. Ciphertext: 0x01 ‖ nonce ‖ ciphertext ‖ tag.
 * The key id is ignored: one master key plays every KMS key.
 * @example
 * const wrapper = await MasterKeyWrapper.open(join(dataDir, 'master.key'));
 */
export class MasterKeyWrapper implements KeyWrapper {
  private constructor(private readonly masterKey: Buffer) {}

  /**
   * Reads the master key file, creating it (0600, 32 random bytes) if it does not exist yet. Creation is atomic:
   * concurrent openers all end up with the same key.
   * @param filePath - where the master key lives, e.g. `<data>/master.key`
   */
  static async open(filePath: string): Promise<MasterKeyWrapper> {
    try {
      return new MasterKeyWrapper(await readKeyFile(filePath));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const temporary = `${filePath}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temporary, randomBytes(MASTER_KEY_BYTES), { mode: 0o600, flag: 'wx' });
    await chmod(temporary, 0o600);
    try {
      await link(temporary, filePath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      await unlink(temporary);
    }
    return new MasterKeyWrapper(await readKeyFile(filePath));
  }

  async wrap(
    _keyId: string | undefined,
    plaintext: Uint8Array,
    context: Readonly<Record<string, string>>,
  ): Promise<Uint8Array> {
    return Buffer.concat([Buffer.of(FORMAT), sealGcm(this.masterKey, plaintext, canonicalContext(context))]);
  }

  async unwrap(ciphertext: Uint8Array, context: Readonly<Record<string, string>>): Promise<Uint8Array> {
    if (ciphertext[0] !== FORMAT) throw new UnsupportedCiphertextError('Not a MasterKeyWrapper ciphertext.');
    try {
      return openGcm(this.masterKey, ciphertext.subarray(1), canonicalContext(context));
    } catch (error) {
      throw new DecryptionFailedError(
        'The wrapped key does not match its encryption context or master key.',
        { cause: error },
      );
    }
  }
}

async function readKeyFile(filePath: string): Promise<Buffer> {
  const info = await stat(filePath);
  if ((info.mode & 0o077) !== 0) {
    throw new MasterKeyFileError(
      filePath,
      `is readable by other users (mode ${(info.mode & 0o777).toString(8)}); run chmod 600`,
    );
  }
  const key = await readFile(filePath);
  if (key.length !== MASTER_KEY_BYTES) {
    throw new MasterKeyFileError(
      filePath,
      `must hold exactly ${MASTER_KEY_BYTES} bytes, found ${key.length}`,
    );
  }
  return key;
}
