import { jest } from '@jest/globals';
import { openInFlightMessage, type MessageFlowCaller } from '../../../lambdas/core/message-flow';
import {
  MemoryContentBuckets,
  MemoryInFlightMessageStore,
  MemoryObjects,
  ORIGINAL_MIME,
} from './memory-stores';

/** The organization of the message {@link setup} opens. */
export const ORG = 'm-0123456789abcdef0123456789abcdef';
/** A caller holding only the message id, like a flow-rule function. */
export const capability: MessageFlowCaller = { kind: 'capability' };
/** The original with a disclaimer added: valid replacement content. */
export const EDITED = ORIGINAL_MIME.replace('Hello Bob.', 'Hello Bob.\r\n-- \r\nDisclaimer');

/** An open inbound message, its stores, a content bucket holding EDITED, a logger spy and a clock. */
export async function setup() {
  let time = 1_700_000_000_000;
  const inFlight = new MemoryInFlightMessageStore();
  const objects = new MemoryObjects();
  objects.set('inbound', 'raw/1', ORIGINAL_MIME);
  objects.set('lambda-bucket', 'edited', EDITED);
  const contentBuckets = new MemoryContentBuckets();
  contentBuckets.byOrganization.set(ORG, ['lambda-bucket']);
  const logger = { warn: jest.fn() };
  const deps = {
    inFlight,
    rawMessages: objects,
    contentSource: objects,
    contentBuckets,
    reservedBuckets: ['inbound', 'store'],
    logger,
    now: () => time,
  };
  const message = await openInFlightMessage(deps, {
    organizationId: ORG,
    mailboxIds: ['S-1-recipient'],
    direction: 'INBOUND',
    original: { bucket: 'inbound', key: 'raw/1' },
  });
  const advance = (ms: number) => (time += ms);
  return { deps, objects, inFlight, contentBuckets, logger, id: message.messageId, advance };
}
