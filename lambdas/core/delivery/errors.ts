import type { InboundResult } from './types';

/** Some targets of a message are not settled yet; the event must be retried (Lambda retry, then DLQ). */
export class DeliveryIncompleteError extends Error {
  /** What this attempt achieved. */
  public readonly result: InboundResult;
  public constructor(message: string, result: InboundResult, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DeliveryIncompleteError';
    this.result = result;
  }
}

/** The raw message of an unfinished delivery is missing from the inbound store. */
export class RawMessageMissingError extends Error {
  public readonly messageId: string;
  public constructor(messageId: string, options?: ErrorOptions) {
    super(`raw message ${messageId} is not in the inbound store and its delivery is not complete`, options);
    this.name = 'RawMessageMissingError';
    this.messageId = messageId;
  }
}

/** The pipeline was wired without a port a decision needs (e.g. `replacements` for replaced content). */
export class DeliveryConfigurationError extends Error {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DeliveryConfigurationError';
  }
}

/** Whether `error` is the mailbox store's over-quota refusal (matched by name: core does not import the store). */
export function isMailboxQuotaExceeded(error: unknown): boolean {
  return (error as { name?: unknown } | undefined)?.name === 'MailboxQuotaExceededError';
}
