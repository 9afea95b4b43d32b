import { HARD_QUOTAS } from '../config/quotas';
import { AccessDeniedException } from '../api/errors';
import { InvalidContentLocation, MessageFrozen, ResourceNotFoundException } from './errors';
import { MESSAGE_ID_PATTERN } from './message-id';
import type { ContentSource, InFlightMessageStore, RawMessageStore } from './ports';
import type { AdminPrincipal, ContentLocation, InFlightMessage } from './types';
import { validateReplacementMime } from './validate-mime';

/** Dependencies of the two Message Flow actions. */
export interface MessageFlowDeps {
  readonly inFlight: InFlightMessageStore;
  readonly rawMessages: RawMessageStore;
  readonly contentSource: ContentSource;
  /** Epoch ms. */
  readonly now: () => number;
}

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
 * Primary course: 1. find the live message; 2. refuse a redirected one (MessageFrozen); 3. read the caller's
 * object (InvalidContentLocation); 4. validate it against the original (MessageRejected); 5. copy it into our
 * store; 6. record it as the latest content, and as the content to deliver only if a synchronous rule is
 * pending (atomically in the store).
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
  if (!location.bucket || !location.key)
    throw new InvalidContentLocation('s3Reference needs a bucket and a key.');
  const content = await deps.contentSource.read(location, {
    organizationId: message.organizationId,
    maxBytes: HARD_QUOTAS.messageMimeBytes,
  });
  await validateReplacementMime(content, await deps.rawMessages.get(message.original));
  const stored = await deps.rawMessages.putReplacement(message.organizationId, messageId, content);
  const result = await deps.inFlight.putContent(messageId, stored);
  if (result === 'NOT_FOUND') throw new ResourceNotFoundException();
  if (result === 'FROZEN') throw new MessageFrozen();
  return { effective: result === 'EFFECTIVE' };
}
