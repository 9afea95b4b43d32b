import { HARD_QUOTAS } from '../config/quotas';
import { AccessDeniedException } from '../api/errors';
import { isPermittedReference } from './content-buckets';
import { InvalidContentLocation, MessageFrozen, MessageRejected, ResourceNotFoundException } from './errors';
import { MESSAGE_ID_PATTERN } from './message-id';
import type { ContentBucketStore, ContentSource, InFlightMessageStore, RawMessageStore } from './ports';
import type { AdminPrincipal, ContentLocation, InFlightMessage } from './types';
import { validateReplacementMime } from './validate-mime';

/** Where Put reports why it refused content, for operators; never given a key or content. */
export interface MessageFlowLogger {
  warn(message: string, details: Record<string, unknown>): void;
}

/** Dependencies of the two Message Flow actions. */
export interface MessageFlowDeps {
  readonly inFlight: InFlightMessageStore;
  readonly rawMessages: RawMessageStore;
  readonly contentSource: ContentSource;
  /** The buckets each organization allows as content sources (checked before any read). */
  readonly contentBuckets: Pick<ContentBucketStore, 'allowedBuckets'>;
  /** The deployment's own buckets: never a content source, even when an organization lists one. */
  readonly reservedBuckets: readonly string[];
  readonly logger: MessageFlowLogger;
  /** Epoch ms. */
  readonly now: () => number;
}

/** Why Put refused content; logged for operators, never told to the caller. */
export type ContentRefusal = 'NOT_ALLOWED' | 'UNREADABLE' | 'TOO_LARGE' | 'INVALID_MIME';

/**
 * The one answer to every refused content reference: not allowed, missing, unreadable, too large and invalid MIME
 * look the same, so a caller learns nothing about objects or buckets it could not use.
 */
export const CONTENT_REFUSED_MESSAGE =
  'The updated email content could not be used: it must be an object in a bucket allowed for the organization, ' +
  'readable by Mailwright, at most 40 MB, and valid MIME that keeps the original identity headers.';

/** Who is calling: a verified admin key, or a bearer of the message id (the flow-rule function). */
export type MessageFlowCaller =
  { readonly kind: 'admin'; readonly principal: AdminPrincipal } | { readonly kind: 'capability' };

/**
 * Looks up a live message the caller may use. Unknown, malformed and expired ids all look the same.
 * @throws ResourceNotFoundException when the id is malformed, unknown or past its 24 h window
 * @throws AccessDeniedException when an admin key is not scoped to the message's organization
 */
async function findMessage(
  deps: MessageFlowDeps,
  messageId: string,
  caller: MessageFlowCaller,
): Promise<InFlightMessage> {
  if (!MESSAGE_ID_PATTERN.test(messageId)) throw new ResourceNotFoundException();
  const message = await deps.inFlight.get(messageId);
  if (!message || deps.now() >= message.expiresAt) throw new ResourceNotFoundException();
  const scope = caller.kind === 'admin' ? caller.principal.organizations : '*';
  if (scope !== '*' && !scope.includes(message.organizationId)) throw new AccessDeniedException();
  return message;
}

/**
 * GetRawMessageContent: the raw MIME of an in-flight message, including any replacement already put.
 * @param deps - stores and clock
 * @param messageId - id from the Lambda event
 * @param caller - how the request was authenticated
 * @throws ResourceNotFoundException for unknown or expired ids
 * @example
 * const bytes = await getRawMessageContent(deps, event.messageId, { kind: 'capability' });
 */
export async function getRawMessageContent(
  deps: MessageFlowDeps,
  messageId: string,
  caller: MessageFlowCaller,
): Promise<Uint8Array> {
  const message = await findMessage(deps, messageId, caller);
  return deps.rawMessages.get(message.latest ?? message.original);
}

/** Result of PutRawMessageContent: whether the new content replaces what is delivered or sent. */
export interface PutResult {
  readonly effective: boolean;
}

/**
 * PutRawMessageContent (requirement 18).
 * Primary course: 1. find the live message; 2. refuse a redirected one (MessageFrozen); 3. check the reference
 * against the organization's content buckets, before any read; 4. read the object, refusing more than 40 MB
 * before downloading it; 5. validate it against the original; 6. copy it into our store; 7. record it as the
 * latest content, and as the content to deliver only if a synchronous rule is pending (atomically in the store).
 * Steps 3–5 fail with one identical InvalidContentLocation ({@link CONTENT_REFUSED_MESSAGE}); the category is
 * logged with the organization and bucket only.
 * @param deps - stores, content source and clock
 * @param messageId - id from the Lambda event
 * @param location - `content.s3Reference` of the request
 * @param caller - how the request was authenticated
 * @example
 * await putRawMessageContent(deps, id, { bucket: 'b', key: 'k' }, { kind: 'capability' });
 */
export async function putRawMessageContent(
  deps: MessageFlowDeps,
  messageId: string,
  location: ContentLocation,
  caller: MessageFlowCaller,
): Promise<PutResult> {
  const message = await findMessage(deps, messageId, caller);
  if (message.state === 'REDIRECTED') throw new MessageFrozen();
  const content = await readPermittedContent(deps, message, location);
  const stored = await deps.rawMessages.putReplacement(message.organizationId, messageId, content);
  const result = await deps.inFlight.putContent(messageId, stored);
  if (result === 'NOT_FOUND') throw new ResourceNotFoundException();
  if (result === 'FROZEN') throw new MessageFrozen();
  return { effective: result === 'EFFECTIVE' };
}

/** Steps 3–5 of {@link putRawMessageContent}: the content, or the one refusal whatever went wrong. */
async function readPermittedContent(
  deps: MessageFlowDeps,
  message: InFlightMessage,
  location: ContentLocation,
): Promise<Uint8Array> {
  const { organizationId } = message;
  const refuse = (reason: ContentRefusal, cause?: unknown): never => {
    deps.logger.warn('PutRawMessageContent refused the content', {
      organizationId,
      bucket: location.bucket,
      reason,
    });
    throw new InvalidContentLocation(CONTENT_REFUSED_MESSAGE, { cause });
  };
  const allowed = await deps.contentBuckets.allowedBuckets(organizationId);
  if (!isPermittedReference(location, allowed, deps.reservedBuckets)) return refuse('NOT_ALLOWED');
  let content: Uint8Array;
  try {
    content = await deps.contentSource.read(location, {
      organizationId,
      maxBytes: HARD_QUOTAS.messageMimeBytes,
    });
  } catch (error) {
    if (error instanceof MessageRejected) return refuse('TOO_LARGE', error);
    if (error instanceof InvalidContentLocation) return refuse('UNREADABLE', error);
    throw error;
  }
  const original = await deps.rawMessages.get(message.original);
  try {
    await validateReplacementMime(content, original);
  } catch (error) {
    // Stryker disable next-line ConditionalExpression: equivalent, the validator throws only MessageRejected
    if (error instanceof MessageRejected) return refuse('INVALID_MIME', error);
    throw error;
  }
  return content;
}
