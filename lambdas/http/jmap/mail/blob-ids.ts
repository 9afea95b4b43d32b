/**
 * Blob ids of an account: `M<emailId>` is a stored message exactly as received, `M<emailId>.<partId>` one of its
 * body parts (decoded), `U<uploadId>` an upload. Ids never name another account's data: every lookup goes through
 * the caller's own mailbox.
 */

/** The blob id of a whole stored message. */
export const messageBlobId = (messageId: string) => `M${messageId}`;

/** The blob id of an upload (see `core/mailbox/uploads.ts`). */
export const uploadBlobId = (uploadId: string) => `U${uploadId}`;

/** What a blob id names: a stored message or an upload, and maybe one of its body parts. */
export interface ParsedBlobId {
  readonly kind: 'message' | 'upload';
  readonly id: string;
  readonly partId?: string;
}

/**
 * Splits a blob id, or undefined when it is not one of ours.
 * @example
 * parseBlobId('Mses-1.2'); // { kind: 'message', id: 'ses-1', partId: '2' }
 */
export function parseBlobId(blobId: string): ParsedBlobId | undefined {
  // Ids are [A-Za-z0-9._:-]; a part id follows the last '.' only when it is a part id (digits and dots).
  const match = /^([MU])(.+?)(?:\.((?:\d+\.)*\d+))?$/.exec(blobId);
  if (!match) return undefined;
  const kind = match[1] === 'M' ? 'message' : 'upload';
  return match[3] === undefined ? { kind, id: match[2] } : { kind, id: match[2], partId: match[3] };
}

/** The blob id of the whole message or upload a blob id names. */
export function wholeBlobId(parsed: ParsedBlobId): string {
  return `${parsed.kind === 'message' ? 'M' : 'U'}${parsed.id}`;
}
