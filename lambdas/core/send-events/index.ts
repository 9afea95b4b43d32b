/**
 * SES sending events of mail users sent: bounces and long delays become reports in the sender's Inbox, complaints
 * are logged for the admin. Sends carry the sender's ids as message tags; events name them back.
 */
export { composeSendEventReport } from './compose-report';
export type { SendEventReport } from './compose-report';
export type { SendEventDeps } from './ports';
export { DELAY_NOTICE_AFTER_MS, processSendEvent, processSendEventNotifications } from './process-send-event';
export { readSendEvent } from './read-event';
export { SEND_EVENT_TAGS, readSendEventTags, sendEventTags } from './tags';
export type {
  IgnoredReason,
  SendEventOutcome,
  SendOrigin,
  SesBounce,
  SesComplaint,
  SesDeliveryDelay,
  SesEventRecipient,
  SesHeader,
  SesSendEvent,
  SesSentMail,
  SnsNotifications,
} from './types';
