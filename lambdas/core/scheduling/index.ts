export { bookResource } from './booking';
export type { BookingRequest } from './booking';
export { composeItipMail } from './compose-mail';
export type { ItipMail } from './compose-mail';
export { decideInbound } from './decide-inbound';
export type { InboundChange, InboundContext } from './decide-inbound';
export { SchedulingInboxService } from './inbox';
export { ITIP_LIMITS, parseItip, parseSchedulingObject } from './itip-message';
export type { Attendee, ItipMessage, ItipMethod, SchedulingObject } from './itip-message';
export { planOutbound } from './plan-outbound';
export type { ChangeContext, OutgoingItip } from './plan-outbound';
export type {
  ItipOutbox,
  OutgoingMail,
  SchedulingDeps,
  SchedulingDirectory,
  SchedulingMailbox,
} from './ports';
export { scheduleChange } from './schedule-change';
export type { CalendarChange, ScheduleOutcome } from './schedule-change';
export { schedulingDirectory } from './scheduling-directory';
export { submissionOutbox } from './submission-outbox';
