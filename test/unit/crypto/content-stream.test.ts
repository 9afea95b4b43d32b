import { randomBytes } from 'node:crypto';
import {
  CONTENT_HEADER_BYTES,
  decryptContent,
  encryptContent,
  encryptedLength,
  readContentHeader,
  sliceBuffer,
} from '../../../lambdas/core/crypto/content-stream';
import { TAG_BYTES, generateKey, wrapMessageKey } from '../../../lambdas/core/crypto/envelope';
import { DecryptionFailedError, UnsupportedCiphertextError } from '../../../lambdas/core/crypto/errors';
import { CHUNK, collect, identity, open, seal } from './content-fixture';

describe('Envelope: chunked message content', () => {
  it.each([0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 5])(
    'round-trips %i bytes exactly',
    async (size) => {
      const plaintext = randomBytes(size);
      const { messageKey, blob } = await seal(plaintext);
      expect(blob.length).toBe(encryptedLength(size, CHUNK));
      expect(await open(blob, messageKey)).toEqual(plaintext);
    },
  );

  it('round-trips a 200 KB message with the default chunk size, fed as one buffer', async () => {
    const plaintext = randomBytes(200_000);
    const messageKey = generateKey();
    const wrapped = wrapMessageKey(generateKey(), messageKey, identity);
    const blob = await collect(encryptContent([plaintext], messageKey, wrapped, identity));
    expect(blob.length).toBe(encryptedLength(200_000));
    expect((await collect(decryptContent([blob], messageKey, identity))).equals(plaintext)).toBe(true);
  });

  it('records the key version and wrapped message key in the header', async () => {
    const { blob, wrapped } = await seal(Buffer.from('hello'));
    expect(readContentHeader(blob)).toEqual({ keyVersion: 1, wrappedMessageKey: wrapped });
  });

  it('contains no plaintext bytes', async () => {
    const plaintext = Buffer.from('Subject: quarterly numbers\r\n\r\nThe body text is secret.'.repeat(4));
    const { blob } = await seal(plaintext);
    expect(blob.includes(Buffer.from('quarterly'))).toBe(false);
    expect(blob.includes(Buffer.from('secret'))).toBe(false);
  });

  it('rejects a flipped bit anywhere in the blob', async () => {
    const { messageKey, blob } = await seal(randomBytes(3 * CHUNK + 5));
    for (let position = 0; position < blob.length; position++) {
      const tampered = Buffer.from(blob);
      tampered[position] ^= 0x01;
      await expect(open(tampered, messageKey)).rejects.toThrow(Error);
    }
  });

  it.each([
    ['organization', { ...identity, organizationId: 'm-org2' }],
    ['mailbox', { ...identity, mailboxId: 'S-1-2' }],
    ['message id', { ...identity, messageId: 'msg-2' }],
    ['key version', { ...identity, keyVersion: 2 }],
  ])('rejects a blob opened for another %s', async (_field, moved) => {
    const { messageKey, blob } = await seal(randomBytes(40));

    await expect(open(blob, messageKey, moved)).rejects.toThrow(DecryptionFailedError);
  });

  it('rejects a blob whose header key version was rewritten to match the reader', async () => {
    const { messageKey, blob } = await seal(randomBytes(40));
    const rewritten = Buffer.from(blob);
    rewritten.writeUInt32BE(2, 6);

    await expect(open(rewritten, messageKey, { ...identity, keyVersion: 2 })).rejects.toThrow(
      DecryptionFailedError,
    );
  });

  it('rejects a blob whose header carries another wrapped message key', async () => {
    const { messageKey, blob } = await seal(randomBytes(40));
    const rewritten = Buffer.from(blob);
    wrapMessageKey(generateKey(), messageKey, identity).copy(rewritten, 23);

    await expect(open(rewritten, messageKey)).rejects.toThrow(DecryptionFailedError);
  });

  it('rejects the wrong message key', async () => {
    const { blob } = await seal(randomBytes(40));
    await expect(open(blob, generateKey())).rejects.toThrow(DecryptionFailedError);
  });

  it('rejects a blob truncated at a chunk boundary, inside a chunk, or inside the header', async () => {
    const { messageKey, blob } = await seal(randomBytes(3 * CHUNK + 5));
    const boundary = CONTENT_HEADER_BYTES + 2 * (CHUNK + TAG_BYTES);
    await expect(open(blob.subarray(0, boundary), messageKey)).rejects.toThrow(DecryptionFailedError);
    await expect(open(blob.subarray(0, blob.length - 1), messageKey)).rejects.toThrow(DecryptionFailedError);
    await expect(open(blob.subarray(0, CONTENT_HEADER_BYTES), messageKey)).rejects.toThrow(
      DecryptionFailedError,
    );
    await expect(open(blob.subarray(0, 10), messageKey)).rejects.toThrow(DecryptionFailedError);
  });

  it('rejects an exact multiple of the chunk size with its final chunk removed', async () => {
    const { messageKey, blob } = await seal(randomBytes(3 * CHUNK));
    await expect(open(blob.subarray(0, blob.length - (CHUNK + TAG_BYTES)), messageKey)).rejects.toThrow(
      DecryptionFailedError,
    );
  });

  it('rejects reordered or duplicated chunks', async () => {
    const { messageKey, blob } = await seal(randomBytes(3 * CHUNK + 5));
    const sealed = CHUNK + TAG_BYTES;
    const header = blob.subarray(0, CONTENT_HEADER_BYTES);
    const chunk = (i: number) =>
      blob.subarray(CONTENT_HEADER_BYTES + i * sealed, CONTENT_HEADER_BYTES + (i + 1) * sealed);
    const rest = blob.subarray(CONTENT_HEADER_BYTES + 3 * sealed);
    const swapped = Buffer.concat([header, chunk(1), chunk(0), chunk(2), rest]);
    const repeated = Buffer.concat([header, chunk(0), chunk(0), chunk(1), chunk(2), rest]);
    await expect(open(swapped, messageKey)).rejects.toThrow(DecryptionFailedError);
    await expect(open(repeated, messageKey)).rejects.toThrow(DecryptionFailedError);
  });

  it('rejects chunks spliced from another message of the same key', async () => {
    const first = await seal(randomBytes(2 * CHUNK + 3));
    const messageKey = first.messageKey;
    const other = await collect(
      encryptContent([randomBytes(2 * CHUNK + 3)], messageKey, first.wrapped, identity, CHUNK),
    );
    const spliced = Buffer.concat([
      first.blob.subarray(0, CONTENT_HEADER_BYTES + CHUNK + TAG_BYTES),
      other.subarray(CONTENT_HEADER_BYTES + CHUNK + TAG_BYTES),
    ]);
    await expect(open(spliced, messageKey)).rejects.toThrow(DecryptionFailedError);
  });

  it('yields only authenticated chunks before failing', async () => {
    const { messageKey, blob } = await seal(randomBytes(4 * CHUNK));
    const tampered = Buffer.from(blob);
    tampered[CONTENT_HEADER_BYTES + 2 * (CHUNK + TAG_BYTES) + 3] ^= 0xff;
    const yielded: Buffer[] = [];
    await expect(
      (async () => {
        for await (const chunk of decryptContent([tampered], messageKey, identity)) yielded.push(chunk);
      })(),
    ).rejects.toThrow(DecryptionFailedError);
    expect(Buffer.concat(yielded).length).toBe(2 * CHUNK);
  });

  it('refuses blobs that are not in its format', async () => {
    const { messageKey, blob } = await seal(randomBytes(10));
    const wrongMagic = Buffer.from(blob);
    wrongMagic.write('XXXX', 0, 'ascii');
    const wrongVersion = Buffer.from(blob);
    wrongVersion[4] = 9;
    await expect(open(wrongMagic, messageKey)).rejects.toThrow(UnsupportedCiphertextError);
    await expect(open(wrongVersion, messageKey)).rejects.toThrow(UnsupportedCiphertextError);
    expect(() => readContentHeader(wrongMagic)).toThrow(UnsupportedCiphertextError);
  });

  it('slices a buffer into views of at most the chunk size, and an empty buffer into none', () => {
    const sizes = (length: number) => [...sliceBuffer(Buffer.alloc(length), 5)].map((piece) => piece.length);

    expect([sizes(10), sizes(11), sizes(4), sizes(0)]).toEqual([[5, 5], [5, 5, 1], [4], []]);
  });

  it('names the chunk that failed and keeps the cause', async () => {
    const { messageKey, blob } = await seal(randomBytes(3 * CHUNK));
    const tampered = Buffer.from(blob);
    tampered[CONTENT_HEADER_BYTES + CHUNK + TAG_BYTES + 1] ^= 1;

    const error = await open(tampered, messageKey).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(DecryptionFailedError);
    expect((error as Error).message).toMatch(/^Chunk 1 /);
    expect((error as Error).cause).toHaveProperty('message');
  });
});
