/** Errors of sending. Refusals are not errors (see `SendRefusal`); these are infrastructure failures. */

/**
 * The outbound mail service (SES) did not take the message, so no outside recipient got it and nothing else was
 * done: no mailbox delivery, no Sent Items copy, the daily limits given back. The submission can be retried.
 */
export class OutboundSendError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'OutboundSendError';
  }
}
