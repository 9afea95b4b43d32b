/**
 * The nine metrics WorkMail publishes (security-and-logging §4), by their exact names. Every one has unit `Count` and
 * the dimension `OrganizationId`; the namespace is configurable (`AWS/` namespaces cannot be written), default
 * {@link DEFAULT_METRICS_NAMESPACE}.
 */
export type WorkMailMetricName =
  /** Once per inbound message the organization receives (one message to 10 mailboxes counts 1). */
  | 'OrganizationEmailReceived'
  /** Once per mailbox a message is delivered to. */
  | 'MailboxEmailDelivered'
  /** Once per intended recipient whose mailbox was full. */
  | 'IncomingEmailBounced'
  /** Once per external recipient an outbound message could not be delivered to. */
  | 'OutgoingEmailBounced'
  /** Once per external recipient an outbound message reached. */
  | 'OutgoingEmailSent'
  /** One data point per sign-in attempt: 1 failed, 0 succeeded. */
  | 'AuthenticationFailure'
  /** One data point per access control rule evaluation: 1 denied, 0 allowed. */
  | 'AccessDenied'
  /** One data point per action on mailbox data: 1 denied, 0 allowed. */
  | 'ActionDenied'
  /** One data point per availability provider request: 1 failed, 0 succeeded. */
  | 'AvailabilityProviderFailure';

/** Where metrics go when the deployment names no namespace. */
export const DEFAULT_METRICS_NAMESPACE = 'WorkMail';
