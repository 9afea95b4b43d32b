/**
 * Blob ids of an account: `M<emailId>` is a stored message exactly as received, `M<emailId>.<partId>` one of its
 * body parts (decoded), `U<uploadId>` an upload. Ids never name another account's data: every lookup goes through
 * the caller's own mailbox.
 */

/** The blob id of a whole stored message. */
export const messageBlobId = (messageId: string) => `M${messageId}`;

/** The blob id of an upload (see `core/mailbox/uploads.ts`). */
export const uploadBlobId = (uploadId: string) => `U${uploadId}`;

/** What a blob id names, or undefined when it is not one of ours. */
export type ParsedBlobId =
  | { readonly kind: 'message'; readonly messageId: string; readonly partId?: string }
  | { readonly kind: 'upload'; readonly uploadId: string };

/**
 * Splits a blob id.
 * @example
 * parseBlobId('Mses-1.2'); // { kind: 'message', messageId: 'ses-1', partId: '2' }
 */
export function parseBlobId(blobId: string): ParsedBlobId | undefined {
  if (blobId.startsWith('U') && blobId.length > 1) return { kind: 'upload', uploadId: blobId.slice(1) };
  if (!blobId.startsWith('M') || blobId.length < 2) return undefined;
  // Message ids are [A-Za-z0-9._:-]; a part id follows the last '.' only when it is a part id (digits and dots).
  const match = /^M(.+?)(?:\.((?:\d+\.)*\d+))?$/.exec(blobId);
  if (!match) return undefined;
  return match[2] === undefined
    ? { kind: 'message', messageId: match[1] }
    : { kind: 'message', messageId: match[1], partId: match[2] };
}
