import type { CalendarModel } from '../calendar/calendar-model';
import type { DeliveryLogger } from '../delivery/ports';
import type { BookingOptions, EntityKind } from '../directory/types';
import type { SubmittingUser } from '../sending/types';

/** A mailbox as scheduling sees it: its addresses, and a resource's booking rules. */
export interface SchedulingMailbox {
  readonly kind: EntityKind;
  readonly enabled: boolean;
  /** Primary address, lower case (absent while disabled). */
  readonly email?: string;
  readonly aliases: readonly string[];
  /** A resource's booking options (WorkMail's defaults when it never set any). */
  readonly bookingOptions?: BookingOptions;
}

/** What scheduling reads of the directory. */
export interface SchedulingDirectory {
  /** The user's or resource's mailbox; `undefined` for anything else. */
  mailbox(organizationId: string, mailboxId: string): Promise<SchedulingMailbox | undefined>;
  /** The addresses of the resource's enabled delegates, groups expanded to their enabled members, lower case. */
  delegateAddresses(organizationId: string, resourceId: string): Promise<string[]>;
}

/** One iMIP message to send from a mailbox. */
export interface OutgoingMail {
  readonly organizationId: string;
  /** The mailbox whose address is the `From:`. */
  readonly mailboxId: string;
  /** Whose action caused it: the owner, a delegate, or the mailbox itself for a resource's automatic answer. */
  readonly actor: SubmittingUser;
  readonly raw: Buffer;
}

/** Sends scheduling mail through the outbound path (From checks, flow rules, limits, journaling, delivery). */
export interface ItipOutbox {
  /** @returns `sent`, or why not (a refusal type), for the log */
  send(mail: OutgoingMail): Promise<string>;
}

/** Everything scheduling uses. */
export interface SchedulingDeps {
  readonly calendars: Pick<CalendarModel, 'findByUid' | 'putObject' | 'removeObject'>;
  readonly directory: SchedulingDirectory;
  readonly outbox: ItipOutbox;
  readonly logger: DeliveryLogger;
  /** @default - Date.now */
  readonly now?: () => number;
}
