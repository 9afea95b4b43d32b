import { JmapMethodError } from '../errors';
import type { JmapMethod } from '../method';
import { assertWithinLimit, isStringArray } from './arguments';
import { uploadBlobId } from './blob-ids';
import { targetOf, type MailMethodDeps, type MailPrincipal, type MailTarget } from './context';
import { blobContent } from './email-import';
import type { SetError } from './set-errors';

/** The JMAP core capability, which Blob/copy belongs to (RFC 8620 §6.3). */
const JMAP_CORE = 'urn:ietf:params:jmap:core';

/**
 * Blob/copy (RFC 8620 §6.3): copies uploads, whole messages and body parts from another account of the user into
 * this one, as new uploads (re-encrypted under the target mailbox's key, kept a day like any upload).
 * @example
 * const methods = { 'Blob/copy': blobCopy(deps) };
 */
export function blobCopy(deps: MailMethodDeps): JmapMethod<MailPrincipal> {
  return {
    capability: JMAP_CORE,
    handle: async (args, context) => {
      const target = targetOf(args, context);
      const fromAccountId = args.fromAccountId;
      if (typeof fromAccountId !== 'string')
        throw new JmapMethodError('invalidArguments', 'fromAccountId is required.');
      try {
        context.account(fromAccountId);
      } catch {
        throw new JmapMethodError('fromAccountNotFound');
      }
      if (!isStringArray(args.blobIds))
        throw new JmapMethodError('invalidArguments', 'blobIds is a list of ids.');
      assertWithinLimit(context, args.blobIds.length, 'maxObjectsInSet');
      const source: MailTarget = { ...target, mailboxId: fromAccountId, accountId: fromAccountId };
      const copied: Record<string, string> = {};
      const notCopied: Record<string, SetError> = {};
      for (const blobId of new Set(args.blobIds)) {
        const bytes = await blobContent(deps, source, blobId);
        if (!bytes) {
          notCopied[blobId] = { type: 'notFound' };
          continue;
        }
        const uploadId = await deps.mailboxes.storeUpload(target.organizationId, target.mailboxId, bytes);
        copied[blobId] = uploadBlobId(uploadId);
      }
      const orNull = <T>(map: Record<string, T>) => (Object.keys(map).length > 0 ? map : null);
      return {
        fromAccountId,
        accountId: target.accountId,
        copied: orNull(copied),
        notCopied: orNull(notCopied),
      };
    },
  };
}
