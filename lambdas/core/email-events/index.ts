export {
  emailMonitoringConfiguration,
  type DeploymentLocation,
  type EmailMonitoringRefusal,
} from './configuration';
export { CONFIGURATION_CACHE_MS, EmailEventLog, type EmailEventLogDeps } from './email-event-log';
export {
  onBehalf,
  organizationEmailReceived,
  outgoingEmailBounced,
  outgoingEmailSent,
  outgoingEmailSubmitted,
  type ReceivedMessage,
} from './events';
export type { EmailMonitoringConfigurationStore } from './ports';
export { emailTraceId, type TraceSource } from './trace-id';
export type {
  BouncedRecipient,
  DmarcPolicyAppliedEvent,
  EmailEvent,
  EmailEventName,
  EmailEventRecord,
  EmailMonitoringConfiguration,
  EventDmarcPolicy,
  EventRuleAction,
  EventVerdict,
  IncomingEmailBouncedEvent,
  JournalingInitiatedEvent,
  MailboxEmailDeliveredEvent,
  OrganizationEmailEvent,
  OrganizationEmailReceivedEvent,
  OutgoingEmailBouncedEvent,
  OutgoingEmailSentEvent,
  OutgoingEmailSubmittedEvent,
  RuleAppliedEvent,
} from './types';
