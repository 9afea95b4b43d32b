import { JmapMethodError } from '../errors';
import type { JmapMethod } from '../method';
import { assertWithinLimit, bodyValueSelection, idList } from './arguments';
import { parseBlobId, wholeBlobId } from './blob-ids';
import { JMAP_MAIL, targetOf, type MailMethodDeps, type MailPrincipal, type MailTarget } from './context';
import { blobBytes } from './email-import';
import {
  assertEmailProperties,
  DEFAULT_EMAIL_PARSE_PROPERTIES,
  EMAIL_METADATA_PROPERTIES,
} from './email-properties';
import { emailPartContent, emailView } from './email-view';

/**
 * Email/parse (RFC 8621 §4.9): the Email representation of an uploaded or stored message, or of a `message/rfc822`
 * part of one, without storing anything. Metadata a parsed blob does not have is null; `size` is the blob's.
 * @example
 * const methods = { 'Email/parse': emailParse(deps) };
 */
export function emailParse(deps: MailMethodDeps): JmapMethod<MailPrincipal> {
  return {
    capability: JMAP_MAIL,
    handle: async (args, context) => {
      const target = targetOf(args, context);
      const blobIds = idList(args, 'blobIds');
      if (!blobIds) throw new JmapMethodError('invalidArguments', 'blobIds is required.');
      assertWithinLimit(context, blobIds.length, 'maxObjectsInGet');
      assertEmailProperties(args.properties ?? null, args.bodyProperties ?? null);
      const properties = idList(args, 'properties') ?? DEFAULT_EMAIL_PARSE_PROPERTIES;
      const bodyProperties = idList(args, 'bodyProperties');
      const selection = bodyValueSelection(args);
      const parsed: Record<string, unknown> = {};
      const notParsable: string[] = [];
      const notFound: string[] = [];
      for (const blobId of new Set(blobIds)) {
        const bytes = await messageBytes(deps, target, blobId);
        if (bytes === undefined) notFound.push(blobId);
        else if (bytes === 'notParsable') notParsable.push(blobId);
        else {
          const metadata: Record<string, unknown> = {
            id: null,
            blobId,
            threadId: null,
            mailboxIds: null,
            keywords: null,
            size: bytes.length,
            receivedAt: null,
          };
          const email: Record<string, unknown> = {};
          for (const property of properties) if (property in metadata) email[property] = metadata[property];
          const content = properties.filter(
            (property) => !(EMAIL_METADATA_PROPERTIES as readonly string[]).includes(property),
          );
          const blobIdOf = (partId: string) => `${blobId}.${partId}`;
          parsed[blobId] = {
            ...email,
            ...emailView(bytes, { ...selection, properties: content, bodyProperties, blobIdOf }),
          };
        }
      }
      return { accountId: target.accountId, parsed, notParsable, notFound };
    },
  };
}

/** The message bytes behind a blob id: a whole message or upload, or an attached message (a message/rfc822 part). */
async function messageBytes(
  deps: MailMethodDeps,
  target: MailTarget,
  blobId: string,
): Promise<Buffer | 'notParsable' | undefined> {
  const parsed = parseBlobId(blobId);
  if (parsed?.partId === undefined) return blobBytes(deps, target, blobId);
  const whole = await blobBytes(deps, target, wholeBlobId(parsed));
  const part = whole && emailPartContent(whole, parsed.partId);
  if (!part) return undefined;
  return part.type === 'message/rfc822' || part.type === 'message/global' ? part.bytes : 'notParsable';
}
