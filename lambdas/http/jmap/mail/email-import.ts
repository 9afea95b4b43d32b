import { applyKeywordChange } from '../../../core/mailbox/keywords';
import { readMessages } from '../../../core/mailbox/model-reads';
import { storeMessage } from '../../../core/mailbox/store-message';
import type { CreatedIds } from '../created-ids';
import { JmapMethodError } from '../errors';
import type { JmapMethod } from '../method';
import { isObject } from './arguments';
import {
  changeWithStates,
  JMAP_MAIL,
  type MailMethodDeps,
  type MailPrincipal,
  type MailTarget,
} from './context';
import { messageBlobId, parseBlobId, wholeBlobId } from './blob-ids';
import { emailPartContent } from './email-view';
import { createEach, setErrorOf, type SetError } from './set-errors';

/**
 * The bytes behind a blob id of this account (see `blob-ids.ts`): an upload or a whole stored message; undefined
 * when there is none.
 */
export async function blobBytes(
  deps: MailMethodDeps,
  target: MailTarget,
  blobId: string,
): Promise<Buffer | undefined> {
  const { organizationId, mailboxId } = target;
  const parsed = parseBlobId(blobId);
  if (!parsed || parsed.partId !== undefined) return undefined;
  if (parsed.kind === 'upload') return deps.mailboxes.readUpload(organizationId, mailboxId, parsed.id);
  const { found } = await readMessages(deps.store, organizationId, mailboxId, [parsed.id]);
  return found.length === 0 ? undefined : deps.mailboxes.readMessage(organizationId, mailboxId, parsed.id);
}

/** The bytes behind any blob id of this account, a body part's decoded; undefined when there is none. */
export async function blobContent(
  deps: MailMethodDeps,
  target: MailTarget,
  blobId: string,
): Promise<Buffer | undefined> {
  const parsed = parseBlobId(blobId);
  if (!parsed) return undefined;
  const whole = await blobBytes(deps, target, wholeBlobId(parsed));
  if (!whole || parsed.partId === undefined) return whole;
  const part = emailPartContent(whole, parsed.partId);
  return part ? Buffer.from(part.bytes) : undefined;
}

/**
 * Email/import (RFC 8621 §4.8): stores uploaded (or existing) RFC 5322 blobs as new Emails in one mailbox, with
 * keywords and a received time, through the same store path as delivered mail (threads, UIDs, quota).
 * @example
 * const methods = { 'Email/import': emailImport(deps) };
 */
export function emailImport(deps: MailMethodDeps): JmapMethod<MailPrincipal> {
  return {
    capability: JMAP_MAIL,
    handle: async (args, context) => {
      const emails = args.emails;
      if (!isObject(emails)) throw new JmapMethodError('invalidArguments', 'emails must be an object.');
      return changeWithStates(deps, args, context, Object.keys(emails).length, async (target) => {
        return createEach(emails, context.createdIds, (spec) =>
          importOne(deps, target, spec, context.createdIds),
        );
      });
    },
  };
}

/** Where and how an imported or copied Email is stored. */
export interface StoredEmailFields {
  readonly folder: string;
  readonly keywords: readonly string[];
  readonly receivedAt: number;
}

/**
 * Reads `mailboxIds`, `keywords` and `receivedAt` of an Email/import or Email/copy item; absent ones take
 * `defaults` (a copy keeps the original's keywords and received time).
 */
export function storedEmailFields(
  spec: Record<string, unknown>,
  createdIds: CreatedIds,
  defaults: Omit<StoredEmailFields, 'folder'>,
): StoredEmailFields | SetError {
  const mailboxIds = isObject(spec.mailboxIds) ? Object.entries(spec.mailboxIds) : [];
  if (mailboxIds.length > 1)
    return { type: 'tooManyMailboxes', description: 'An Email is in exactly one mailbox.' };
  if (mailboxIds.length !== 1 || mailboxIds[0][1] !== true)
    return invalid('mailboxIds', 'An Email is in exactly one mailbox.');
  const folder = createdIds.resolve(mailboxIds[0][0]) ?? mailboxIds[0][0];
  const keywordNames =
    spec.keywords === undefined
      ? defaults.keywords
      : isObject(spec.keywords) && Object.values(spec.keywords).every((value) => value === true)
        ? Object.keys(spec.keywords)
        : null;
  const keywords = keywordNames && applyKeywordChange([], { set: keywordNames });
  if (keywords && 'tooMany' in keywords) return { type: 'tooManyKeywords' };
  if (!keywords || 'invalid' in keywords) return invalid('keywords');
  const receivedAt =
    spec.receivedAt === undefined ? defaults.receivedAt : Date.parse(String(spec.receivedAt));
  if (!Number.isFinite(receivedAt) || (spec.receivedAt !== undefined && !/Z$/.test(String(spec.receivedAt))))
    return invalid('receivedAt', 'receivedAt is a UTCDate.');
  return { folder, keywords: keywords.keywords, receivedAt };
}

/**
 * Stores a message in the account (Email/import, Email/set create): the new Email's id, blob id, thread and size, or
 * a SetError.
 */
export async function storeEmail(
  deps: MailMethodDeps,
  target: MailTarget,
  raw: Buffer,
  fields: StoredEmailFields,
): Promise<{ id: string; blobId: string; threadId: string; size: number } | SetError> {
  const stored = await storeMessage(deps, {
    organizationId: target.organizationId,
    mailboxId: target.mailboxId,
    raw,
    ...fields,
  });
  if (!stored.ok)
    return stored.refusal.type === 'folderNotFound'
      ? invalid('mailboxIds', 'The mailbox does not exist.')
      : setErrorOf(stored.refusal);
  const { messageId, threadId } = stored.value;
  return { id: messageId, blobId: messageBlobId(messageId), threadId, size: raw.length };
}

async function importOne(
  deps: MailMethodDeps,
  target: MailTarget,
  spec: unknown,
  createdIds: CreatedIds,
): Promise<{ id: string; blobId: string; threadId: string; size: number } | SetError> {
  if (!isObject(spec) || typeof spec.blobId !== 'string') return invalid('blobId');
  const fields = storedEmailFields(spec, createdIds, { keywords: [], receivedAt: Date.now() });
  if ('type' in fields) return fields;
  const raw = await blobBytes(deps, target, spec.blobId);
  if (!raw) return { type: 'blobNotFound', description: `No blob ${spec.blobId}.` };
  return storeEmail(deps, target, raw, fields);
}

function invalid(property: string, description?: string): SetError {
  return { type: 'invalidProperties', properties: [property], ...(description ? { description } : {}) };
}
