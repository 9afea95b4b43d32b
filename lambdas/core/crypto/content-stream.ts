import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import {
  FORMAT_VERSION,
  TAG_BYTES,
  WRAPPED_MESSAGE_KEY_BYTES,
  deriveSubkey,
  encodeAad,
  type MessageIdentity,
} from './envelope';
import { DecryptionFailedError, UnsupportedCiphertextError } from './errors';

/** Magic bytes that open every encrypted message blob. */
export const CONTENT_MAGIC = Buffer.from('MWE1');
/** Plaintext bytes per chunk (64 KiB): the most a reader buffers before it has authenticated data. */
export const DEFAULT_CHUNK_BYTES = 64 * 1024;
const MAX_CHUNK_BYTES = 1024 * 1024;
const NONCE_PREFIX_BYTES = 7;
const ALGORITHM_AES256_GCM_HKDF_SHA256 = 1;
/** Length of the blob header (see docs/encryption.md, "Message blob"). */
export const CONTENT_HEADER_BYTES = 4 + 1 + 1 + 4 + 4 + NONCE_PREFIX_BYTES + 2 + WRAPPED_MESSAGE_KEY_BYTES;

/** Bytes that a source of plaintext or ciphertext yields. */
export type ByteSource = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/** Splits a buffer into views of at most `size` bytes, without copying. */
export function* sliceBuffer(buffer: Uint8Array, size = DEFAULT_CHUNK_BYTES): Generator<Buffer> {
  const bytes = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  for (let offset = 0; offset < bytes.length; offset += size) yield bytes.subarray(offset, offset + size);
}

/** Length of the encrypted blob for `plaintextBytes` of content (header, chunks and one tag per chunk). */
export function encryptedLength(plaintextBytes: number, chunkBytes = DEFAULT_CHUNK_BYTES): number {
  const chunks = Math.max(1, Math.ceil(plaintextBytes / chunkBytes));
  return CONTENT_HEADER_BYTES + plaintextBytes + chunks * TAG_BYTES;
}

function buildHeader(keyVersion: number, chunkBytes: number, wrappedMessageKey: Uint8Array): Buffer {
  const header = Buffer.alloc(CONTENT_HEADER_BYTES);
  CONTENT_MAGIC.copy(header, 0);
  header.writeUInt8(FORMAT_VERSION, 4);
  header.writeUInt8(ALGORITHM_AES256_GCM_HKDF_SHA256, 5);
  header.writeUInt32BE(keyVersion, 6);
  header.writeUInt32BE(chunkBytes, 10);
  randomBytes(NONCE_PREFIX_BYTES).copy(header, 14);
  header.writeUInt16BE(wrappedMessageKey.length, 21);
  Buffer.from(wrappedMessageKey).copy(header, 23);
  return header;
}

/** Per-chunk nonce (prefix ‖ index ‖ final flag) and AAD (identity ‖ header ‖ index ‖ final flag). */
function chunkParams(
  identityAad: Buffer,
  header: Buffer,
  index: number,
  final: boolean,
): { nonce: Buffer; aad: Buffer } {
  const position = Buffer.alloc(5);
  position.writeUInt32BE(index, 0);
  position.writeUInt8(final ? 1 : 0, 4);
  const nonce = Buffer.concat([header.subarray(14, 14 + NONCE_PREFIX_BYTES), position]);
  return { nonce, aad: Buffer.concat([identityAad, header, position]) };
}

function identityAad(identity: MessageIdentity): Buffer {
  return encodeAad(['mailwright/content', identity.organizationId, identity.mailboxId, identity.messageId]);
}

/**
 * Encrypts message content as a stream of authenticated chunks (STREAM construction: the chunk index and a
 * final-chunk flag are in each nonce and AAD, so truncation, reordering and splicing are detected).
 * Never copies the plaintext: chunks are sealed straight from the caller's buffers.
 * @param messageKey - the message's own key; the content key is derived from it
 * @param wrappedMessageKey - the message key wrapped under the mailbox key, recorded in the header
 * @example
 * const body = Readable.from(encryptContent(sliceBuffer(raw), messageKey, wrapped, identity));
 */
export async function* encryptContent(
  source: ByteSource,
  messageKey: Uint8Array,
  wrappedMessageKey: Uint8Array,
  identity: MessageIdentity,
  chunkBytes = DEFAULT_CHUNK_BYTES,
): AsyncGenerator<Buffer> {
  const header = buildHeader(identity.keyVersion, chunkBytes, wrappedMessageKey);
  const contentKey = deriveSubkey(messageKey, 'content');
  const bound = identityAad(identity);
  let index = 0;
  const queue: Buffer[] = [];
  let queued = 0;
  const seal = (length: number, final: boolean): Buffer => {
    const { nonce, aad } = chunkParams(bound, header, index++, final);
    const cipher = createCipheriv('aes-256-gcm', contentKey, nonce);
    cipher.setAAD(aad);
    const out: Buffer[] = [];
    for (let remaining = length; remaining > 0;) {
      const head = queue[0];
      const take = Math.min(head.length, remaining);
      out.push(cipher.update(head.subarray(0, take)));
      if (take === head.length) queue.shift();
      else queue[0] = head.subarray(take);
      remaining -= take;
    }
    queued -= length;
    out.push(cipher.final(), cipher.getAuthTag());
    return Buffer.concat(out);
  };
  yield header;
  for await (const piece of source) {
    // Stryker disable next-line ConditionalExpression: an empty piece would be queued and skipped; this saves that
    if (piece.length === 0) continue;
    queue.push(Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength));
    queued += piece.length;
    while (queued > chunkBytes) yield seal(chunkBytes, false);
  }
  yield seal(queued, true);
  contentKey.fill(0);
}

interface ParsedHeader {
  readonly header: Buffer;
  readonly keyVersion: number;
  readonly chunkBytes: number;
}

function parseHeader(header: Buffer, identity: MessageIdentity): ParsedHeader {
  if (!header.subarray(0, 4).equals(CONTENT_MAGIC))
    throw new UnsupportedCiphertextError('Not a Mailwright message blob.');
  if (header.readUInt8(4) !== FORMAT_VERSION || header.readUInt8(5) !== ALGORITHM_AES256_GCM_HKDF_SHA256) {
    throw new UnsupportedCiphertextError(
      `Unsupported blob format ${header.readUInt8(4)}/${header.readUInt8(5)}.`,
    );
  }
  const keyVersion = header.readUInt32BE(6);
  const chunkBytes = header.readUInt32BE(10);
  if (
    chunkBytes < 1 ||
    chunkBytes > MAX_CHUNK_BYTES ||
    header.readUInt16BE(21) !== WRAPPED_MESSAGE_KEY_BYTES
  ) {
    throw new UnsupportedCiphertextError('The blob header is malformed.');
  }
  if (keyVersion !== identity.keyVersion)
    throw new DecryptionFailedError('The blob was encrypted under another key version.');
  return { header, keyVersion, chunkBytes };
}

/** Reads the mailbox key version and wrapped message key recorded in a blob header. */
export function readContentHeader(header: Uint8Array): { keyVersion: number; wrappedMessageKey: Buffer } {
  const bytes = Buffer.from(header);
  if (bytes.length < CONTENT_HEADER_BYTES || !bytes.subarray(0, 4).equals(CONTENT_MAGIC)) {
    throw new UnsupportedCiphertextError('Not a Mailwright message blob.');
  }
  return { keyVersion: bytes.readUInt32BE(6), wrappedMessageKey: bytes.subarray(23, CONTENT_HEADER_BYTES) };
}

/**
 * Decrypts what {@link encryptContent} produced, yielding only authenticated plaintext, chunk by chunk.
 * Throws {@link DecryptionFailedError} if the blob was altered, truncated, reordered or belongs elsewhere.
 * @example
 * const raw = Buffer.concat(await Array.fromAsync(decryptContent(blob, messageKey, identity)));
 */
export async function* decryptContent(
  source: ByteSource,
  messageKey: Uint8Array,
  identity: MessageIdentity,
): AsyncGenerator<Buffer> {
  const contentKey = deriveSubkey(messageKey, 'content');
  const bound = identityAad(identity);
  let parsed: ParsedHeader | undefined;
  let pending: Buffer = Buffer.alloc(0);
  let index = 0;
  const open = (sealed: Buffer, final: boolean): Buffer => {
    const { nonce, aad } = chunkParams(bound, parsed!.header, index++, final);
    const decipher = createDecipheriv('aes-256-gcm', contentKey, nonce);
    decipher.setAAD(aad);
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    try {
      return Buffer.concat([
        decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)),
        decipher.final(),
      ]);
    } catch (error) {
      throw new DecryptionFailedError(`Chunk ${index - 1} of the message could not be authenticated.`, {
        cause: error,
      });
    }
  };
  for await (const piece of source) {
    const view = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    // Stryker disable next-line ConditionalExpression: concatenating to an empty buffer gives the same bytes
    pending = pending.length === 0 ? view : Buffer.concat([pending, view]);
    if (!parsed) {
      if (pending.length < CONTENT_HEADER_BYTES) continue;
      parsed = parseHeader(Buffer.from(pending.subarray(0, CONTENT_HEADER_BYTES)), identity);
      pending = pending.subarray(CONTENT_HEADER_BYTES);
    }
    const sealedChunk = parsed.chunkBytes + TAG_BYTES;
    while (pending.length > sealedChunk) {
      yield open(pending.subarray(0, sealedChunk), false);
      pending = pending.subarray(sealedChunk);
    }
  }
  if (!parsed) throw new DecryptionFailedError('The message blob is truncated (no complete header).');
  if (pending.length < TAG_BYTES)
    throw new DecryptionFailedError('The message blob is truncated (no final chunk).');
  yield open(pending, true);
  contentKey.fill(0);
}
