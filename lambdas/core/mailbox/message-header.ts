import type { MailboxService } from './service';

/**
 * The message's header section — its bytes up to and including the blank line that ends it — read, and decrypted,
 * only as far as it goes: the header of a 40 MB message costs one or two 64 KiB chunks. Undefined when no blank
 * line comes within `maxBytes` (read the whole message then).
 * @example
 * const header = await readHeader(mailboxes, orgId, mailboxId, 'ses-1');
 */
export async function readHeader(
  mailboxes: Pick<MailboxService, 'openMessage'>,
  organizationId: string,
  mailboxId: string,
  messageId: string,
  maxBytes = MAX_HEADER_BYTES,
): Promise<Buffer | undefined> {
  const stream = await mailboxes.openMessage(organizationId, mailboxId, messageId);
  let read = Buffer.alloc(0);
  try {
    for await (const chunk of stream) {
      const searchFrom = Math.max(0, read.length - 3);
      read = Buffer.concat([read, chunk as Buffer]);
      const end = headerEnd(read, searchFrom);
      if (end >= 0 && end <= maxBytes) return read.subarray(0, end);
      if (read.length >= maxBytes) return undefined;
    }
    return read;
  } finally {
    stream.destroy();
  }
}

/** A header longer than this is read with the whole message (RFC 5322 sets no limit; real ones are a few KiB). */
const MAX_HEADER_BYTES = 1024 * 1024;

/**
 * Where the header section ends — just past the first empty line (CRLF CRLF, or a bare LF LF) — or -1. A message
 * that starts with an empty line has an empty header.
 */
function headerEnd(bytes: Buffer, from: number): number {
  if (from === 0 && bytes[0] === 0x0a) return 1;
  if (from === 0 && bytes[0] === 0x0d && bytes[1] === 0x0a) return 2;
  for (let index = Math.max(from, 1); index < bytes.length; index++) {
    if (bytes[index] !== 0x0a) continue;
    // LF LF, or LF CR LF (the end of CRLF CRLF).
    if (bytes[index - 1] === 0x0a || (bytes[index - 1] === 0x0d && bytes[index - 2] === 0x0a))
      return index + 1;
  }
  return -1;
}
