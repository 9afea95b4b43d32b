import { MESSAGE_FLOW_WINDOW_MS, newMessageFlowId } from './message-id';
import type { InFlightMessageStore } from './ports';
import type { ContentLocation, InFlightMessage } from './types';
import type { FlowDirection } from '../flow-lambda/types';

/** Dependencies of the pipeline-facing in-flight lifecycle. */
export interface InFlightDeps {
  readonly inFlight: InFlightMessageStore;
  /** Epoch ms. */
  readonly now: () => number;
  /** Random bytes for new ids (default: node:crypto). */
  readonly random?: (size: number) => Uint8Array;
}

/**
 * Registers a received or submitted message for the Message Flow API and returns its record; its `messageId` is
 * what goes into the Lambda event. Call it once per message before invoking the first Run Lambda rule.
 * @param deps - store, clock, random source
 * @param message - organization, direction and where the raw message is stored
 * @example
 * const { messageId } = await openInFlightMessage(deps, { organizationId, mailboxIds, direction: 'INBOUND', original });
 */
export async function openInFlightMessage(
  deps: InFlightDeps,
  message: {
    organizationId: string;
    mailboxIds: readonly string[];
    direction: FlowDirection;
    original: ContentLocation;
  },
): Promise<InFlightMessage> {
  const createdAt = deps.now();
  const record: InFlightMessage = {
    messageId: newMessageFlowId(deps.random),
    ...message,
    state: 'IN_TRANSIT',
    ruleArns: [],
    createdAt,
    expiresAt: createdAt + MESSAGE_FLOW_WINDOW_MS,
  };
  await deps.inFlight.create(record);
  return record;
}

/**
 * Marks a synchronous rule as pending: from now until {@link endSynchronousRule}, PutRawMessageContent changes
 * what is delivered or sent.
 * @example
 * await beginSynchronousRule(deps, messageId, rule.LambdaArn);
 */
export async function beginSynchronousRule(
  deps: Pick<InFlightDeps, 'inFlight'>,
  messageId: string,
  functionArn: string,
): Promise<void> {
  await deps.inFlight.update(messageId, {
    state: 'PENDING_SYNC',
    pendingRuleArn: functionArn,
    addRuleArn: functionArn,
  });
}

/**
 * Ends the pending synchronous rule (response applied or fallback) and returns the content to deliver:
 * the last replacement put while the rule was pending, else the original.
 * @example
 * const content = await endSynchronousRule(deps, messageId);
 */
export async function endSynchronousRule(
  deps: Pick<InFlightDeps, 'inFlight'>,
  messageId: string,
): Promise<ContentLocation | undefined> {
  const record = await deps.inFlight.update(messageId, { state: 'IN_TRANSIT', pendingRuleArn: null });
  return record && (record.effective ?? record.original);
}

/**
 * Records that the id was handed to an asynchronous rule's function (binding only).
 * @example
 * await bindAsynchronousRule(deps, messageId, rule.LambdaArn);
 */
export async function bindAsynchronousRule(
  deps: Pick<InFlightDeps, 'inFlight'>,
  messageId: string,
  functionArn: string,
): Promise<void> {
  await deps.inFlight.update(messageId, { addRuleArn: functionArn });
}

/**
 * Marks the message delivered/sent (`DELIVERED`) or redirected (`REDIRECTED`, frozen for Put).
 * @example
 * await finishInFlightMessage(deps, messageId, 'DELIVERED');
 */
export async function finishInFlightMessage(
  deps: Pick<InFlightDeps, 'inFlight'>,
  messageId: string,
  state: 'DELIVERED' | 'REDIRECTED',
): Promise<void> {
  await deps.inFlight.update(messageId, { state, pendingRuleArn: null });
}
