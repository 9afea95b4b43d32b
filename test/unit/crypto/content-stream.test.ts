import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import {
  CONTENT_HEADER_BYTES,
  decryptContent,
  encryptContent,
  encryptedLength,
  readContentHeader,
  sliceBuffer,
} from '../../../lambdas/core/crypto/content-stream';
import {
  TAG_BYTES,
  encodeAad,
  generateKey,
  wrapMessageKey,
  type MessageIdentity,
} from '../../../lambdas/core/crypto/envelope';
import { DecryptionFailedError, UnsupportedCiphertextError } from '../../../lambdas/core/crypto/errors';

const identity: MessageIdentity = {
  organizationId: 'm-org1',
  mailboxId: 'S-1-1',
  messageId: 'msg-1',
  keyVersion: 1,
};
const CHUNK = 16;

async function collect(source: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of source) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function seal(plaintext: Buffer, chunkBytes = CHUNK, id = identity) {
  const messageKey = generateKey();
  const wrapped = wrapMessageKey(generateKey(), messageKey, id);
  const blob = await collect(encryptContent(sliceBuffer(plaintext, 5), messageKey, wrapped, id, chunkBytes));
  return { messageKey, blob, wrapped };
}

const open = (blob: Buffer, messageKey: Buffer, id = identity) =>
  collect(decryptContent(sliceBuffer(blob, 11), messageKey, id));

/** Content key, nonce and AAD of chunk `index` as docs/encryption.md ("Message blob") writes them. */
function documentedChunk(messageKey: Buffer, header: Buffer, index: number, final: boolean) {
  const key = Buffer.from(hkdfSync('sha256', messageKey, Buffer.alloc(0), 'mailwright/content/v1', 32));
  const position = Buffer.alloc(5);
  position.writeUInt32BE(index, 0);
  position[4] = final ? 1 : 0;
  const nonce = Buffer.concat([header.subarray(14, 21), position]);
  const aad = Buffer.concat([
    encodeAad(['mailwright/content', 'm-org1', 'S-1-1', 'msg-1']),
    header,
    position,
  ]);
  return { key, nonce, aad };
}

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
});
