import { hkdfSync } from 'node:crypto';
import { decryptContent, encryptContent, sliceBuffer } from '../../../lambdas/core/crypto/content-stream';
import {
  encodeAad,
  generateKey,
  wrapMessageKey,
  type MessageIdentity,
} from '../../../lambdas/core/crypto/envelope';

/** Shared by the content-stream suites: one identity, 16-byte chunks, and sealing and opening through slices. */
export const identity: MessageIdentity = {
  organizationId: 'm-org1',
  mailboxId: 'S-1-1',
  messageId: 'msg-1',
  keyVersion: 1,
};
export const CHUNK = 16;

export async function collect(source: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of source) chunks.push(chunk);
  return Buffer.concat(chunks);
}

export async function seal(plaintext: Buffer, chunkBytes = CHUNK, id = identity) {
  const messageKey = generateKey();
  const wrapped = wrapMessageKey(generateKey(), messageKey, id);
  const blob = await collect(encryptContent(sliceBuffer(plaintext, 5), messageKey, wrapped, id, chunkBytes));
  return { messageKey, blob, wrapped };
}

export const open = (blob: Buffer, messageKey: Buffer, id = identity) =>
  collect(decryptContent(sliceBuffer(blob, 11), messageKey, id));

/** Content key, nonce and AAD of chunk `index` as docs/encryption.md ("Message blob") writes them. */
export function documentedChunk(messageKey: Buffer, header: Buffer, index: number, final: boolean) {
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
