import type { Readable } from 'node:stream';

/**
 * Reads the whole message, or `undefined` once it is longer than `maxBytes`: the rest is read (the client must
 * reach the end of DATA to get the reply) and dropped, so memory stays bounded by the limit.
 */
export async function readAtMost(stream: Readable, maxBytes: number): Promise<Buffer | undefined> {
  let chunks: Buffer[] | undefined = [];
  let length = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > maxBytes) chunks = undefined;
    else chunks?.push(chunk);
  }
  return chunks && Buffer.concat(chunks);
}
