import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import {
  encryptContent,
  encryptedLength,
  readContentHeader,
} from '../../../lambdas/core/crypto/content-stream';
import { generateKey, wrapMessageKey } from '../../../lambdas/core/crypto/envelope';
import { DecryptionFailedError, UnsupportedCiphertextError } from '../../../lambdas/core/crypto/errors';
import { CHUNK, collect, documentedChunk, identity, open, seal } from './content-fixture';

// The blob format of docs/encryption.md ("Message blob") written and read by hand, its limits, and its errors.
describe('Envelope: message blob format', () => {
  it('writes the documented header and chunk construction (docs/encryption.md, "Message blob")', async () => {
    const plaintext = randomBytes(CHUNK + 3);
    const { messageKey, blob, wrapped } = await seal(plaintext);

    const header = blob.subarray(0, 83);
    expect(header.subarray(0, 4).toString('ascii')).toBe('MWE1');
    expect([header[4], header[5], header.readUInt32BE(6), header.readUInt32BE(10)]).toEqual([1, 1, 1, CHUNK]);
    expect(header.readUInt16BE(21)).toBe(60);
    expect(header.subarray(23)).toEqual(wrapped);
    const chunks = [blob.subarray(83, 83 + CHUNK + 16), blob.subarray(83 + CHUNK + 16)];
    const opened = chunks.map((chunk, index) => {
      const { key, nonce, aad } = documentedChunk(messageKey, header, index, index === 1);
      const decipher = createDecipheriv('aes-256-gcm', key, nonce).setAAD(aad);
      decipher.setAuthTag(chunk.subarray(chunk.length - 16));
      return Buffer.concat([decipher.update(chunk.subarray(0, chunk.length - 16)), decipher.final()]);
    });
    expect(Buffer.concat(opened)).toEqual(plaintext);
  });

  it('reads a blob built by hand from the documented format', async () => {
    const messageKey = generateKey();
    const header = Buffer.alloc(83);
    header.write('MWE1', 0, 'ascii');
    header.set([1, 1], 4);
    header.writeUInt32BE(1, 6);
    header.writeUInt32BE(CHUNK, 10);
    randomBytes(7).copy(header, 14);
    header.writeUInt16BE(60, 21);
    wrapMessageKey(generateKey(), messageKey, identity).copy(header, 23);
    const plaintext = randomBytes(CHUNK + 3);
    const chunks = [plaintext.subarray(0, CHUNK), plaintext.subarray(CHUNK)].map((part, index) => {
      const { key, nonce, aad } = documentedChunk(messageKey, header, index, index === 1);
      const cipher = createCipheriv('aes-256-gcm', key, nonce).setAAD(aad);
      return Buffer.concat([cipher.update(part), cipher.final(), cipher.getAuthTag()]);
    });

    expect(await open(Buffer.concat([header, ...chunks]), messageKey)).toEqual(plaintext);
  });

  it('uses 64 KiB chunks by default and computes the documented blob length', async () => {
    const messageKey = generateKey();
    const wrapped = wrapMessageKey(generateKey(), messageKey, identity);

    const blob = await collect(encryptContent([Buffer.from('x')], messageKey, wrapped, identity));

    expect(blob.readUInt32BE(10)).toBe(65_536);
    expect([encryptedLength(0), encryptedLength(65_536), encryptedLength(65_537)]).toEqual([
      99, 65_635, 65_652,
    ]);
  });

  it.each([
    ['a chunk size of 0', (header: Buffer) => header.writeUInt32BE(0, 10)],
    ['a chunk size above 1 MiB', (header: Buffer) => header.writeUInt32BE(1024 * 1024 + 1, 10)],
    ['a wrapped key length other than 60', (header: Buffer) => header.writeUInt16BE(59, 21)],
    ['another algorithm', (header: Buffer) => header.writeUInt8(2, 5)],
  ])('refuses a header with %s as unsupported', async (_case, rewrite) => {
    const { messageKey, blob } = await seal(randomBytes(10));
    const rewritten = Buffer.from(blob);
    rewrite(rewritten);

    await expect(open(rewritten, messageKey)).rejects.toThrow(UnsupportedCiphertextError);
  });

  it('reads a blob written with the largest accepted chunk size, 1 MiB', async () => {
    const plaintext = randomBytes(100);
    const { messageKey, blob } = await seal(plaintext, 1024 * 1024);

    expect(await open(blob, messageKey)).toEqual(plaintext);
  });

  it('reads a blob written with the smallest accepted chunk size, 1 byte', async () => {
    const plaintext = randomBytes(3);
    const { messageKey, blob } = await seal(plaintext, 1);

    expect(await open(blob, messageKey)).toEqual(plaintext);
  });

  it('reads the header of a blob cut right after it, and refuses one byte less', async () => {
    const { blob, wrapped } = await seal(randomBytes(10));

    expect(readContentHeader(blob.subarray(0, 83))).toEqual({ keyVersion: 1, wrappedMessageKey: wrapped });
    expect(() => readContentHeader(blob.subarray(0, 82))).toThrow(UnsupportedCiphertextError);
  });

  it('says whether a truncated blob lost part of its header or its final chunk', async () => {
    const { messageKey, blob } = await seal(randomBytes(10));

    await expect(open(blob.subarray(0, 82), messageKey)).rejects.toThrow(
      new DecryptionFailedError('The message blob is truncated (no complete header).'),
    );
    await expect(open(blob.subarray(0, 83), messageKey)).rejects.toThrow(/final chunk/);
    await expect(open(blob.subarray(0, 83 + 15), messageKey)).rejects.toThrow(/final chunk/);
  });

  it('explains why it refuses a blob that is not in its format', async () => {
    const { messageKey, blob } = await seal(randomBytes(10));
    const rewritten = (offset: number, byte: number) => {
      const copy = Buffer.from(blob);
      copy[offset] = byte;
      return copy;
    };

    await expect(open(rewritten(0, 0x58), messageKey)).rejects.toThrow(/not a Mailwright message blob/i);
    await expect(open(rewritten(4, 9), messageKey)).rejects.toThrow(/format 9\/1/);
    await expect(open(rewritten(22, 59), messageKey)).rejects.toThrow(/header is malformed/);
    await expect(open(blob, messageKey, { ...identity, keyVersion: 2 })).rejects.toThrow(/key version/);
    expect(() => readContentHeader(rewritten(0, 0x58))).toThrow(/not a Mailwright message blob/i);
  });
});
