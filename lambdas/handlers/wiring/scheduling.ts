/**
 * Calendar scheduling's composition, shared by the cloud functions and the local runtime: iMIP mail reaching a
 * mailbox updates its calendar (and books resources), and CalDAV changes send iMIP mail through `submit`. Sending
 * and scheduling need each other (mail to colleagues is applied to their calendars; a resource's answer is sent),
 * so sending is passed as a getter.
 */
import type { CalendarModel } from '../../core/calendar/calendar-model';
import type { DeliveryLogger } from '../../core/delivery';
import type { EntityStore } from '../../core/directory/ports';
import type { SendingDeps } from '../../core/sending/ports';
import { SchedulingInboxService } from '../../core/scheduling/inbox';
import type { SchedulingDeps } from '../../core/scheduling/ports';
import { schedulingDirectory } from '../../core/scheduling/scheduling-directory';
import { submissionOutbox } from '../../core/scheduling/submission-outbox';

/** What {@link schedulingWiring} composes. */
export interface SchedulingPieces {
  readonly calendars: CalendarModel;
  readonly entities: Pick<EntityStore, 'getEntity' | 'listDelegates' | 'listMembers'>;
  /** The sending core's ports, read when a message is sent. */
  readonly sending: () => SendingDeps;
  readonly logger: DeliveryLogger;
}

/**
 * Scheduling's ports (for `scheduleChange`) and the inbox that inbound delivery and sending hand mail to.
 * @example
 * const scheduling = schedulingWiring({ calendars, entities, sending: () => sending.sending, logger });
 */
export function schedulingWiring(pieces: SchedulingPieces): {
  readonly deps: SchedulingDeps;
  readonly inbox: SchedulingInboxService;
} {
  const deps: SchedulingDeps = {
    calendars: pieces.calendars,
    directory: schedulingDirectory(pieces.entities),
    outbox: submissionOutbox(pieces.sending),
    logger: pieces.logger,
  };
  return { deps, inbox: new SchedulingInboxService(deps) };
}
