import type { CalendarChange } from '../../core/scheduling/schedule-change';
import type { ScheduleChange } from './dav-context';

/**
 * A CalDAV write as implicit scheduling (RFC 6638 §3.2) takes it: who made it, whose calendar, the iCalendar text
 * before and after.
 * @example
 * await scheduleChange(scheduling, schedulingChange(change));
 */
export function schedulingChange(change: ScheduleChange): CalendarChange {
  const { organizationId, userId, email } = change.actor;
  return {
    actor: { organizationId, userId, email },
    owner: change.owner,
    ...(change.previous ? { before: change.previous.content } : {}),
    ...(change.content === undefined ? {} : { after: change.content }),
  };
}
