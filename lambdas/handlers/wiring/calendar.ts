/**
 * The calendar model's composition, shared by the cloud functions (`./mail`) and the local runtime: the
 * CalendarService over the Mailbox table, with its own mailbox keyring (KMS locally stands in by the master-key file).
 * Builds no SDK client itself.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbCalendarStore } from '../../adapters/aws/dynamodb-calendar-store';
import type { CalendarModel } from '../../core/calendar/calendar-model';
import { CalendarService } from '../../core/calendar/calendar-service';
import { KeyCache, MAX_KEY_CACHE_MS } from '../../core/crypto/key-cache';
import type { KeyWrapper } from '../../core/crypto/ports';
import { MailboxKeyring } from '../../core/mailbox/keyring';
import type { MailboxStore, OrganizationKeyResolver } from '../../core/mailbox/ports';

/** What {@link calendarWiring} composes. */
export interface CalendarPieces {
  readonly documents: DynamoDBDocumentClient;
  readonly mailboxTable: string;
  /** The mailbox records and wrapped keys (a mailbox has collections only while ACTIVE). */
  readonly mailboxStore: MailboxStore;
  readonly keyWrapper: KeyWrapper;
  readonly organizationKey: OrganizationKeyResolver;
  /** @default - `Date.now` */
  readonly now?: () => number;
}

/**
 * Builds the calendar and contacts model.
 * @param pieces - the shared clients and stores
 * @example
 * const calendars = calendarWiring({ documents, mailboxTable, mailboxStore, keyWrapper, organizationKey });
 */
export function calendarWiring(pieces: CalendarPieces): CalendarModel {
  const now = pieces.now ?? Date.now;
  const keyring = new MailboxKeyring({
    store: pieces.mailboxStore,
    keyWrapper: pieces.keyWrapper,
    organizationKey: pieces.organizationKey,
    cache: new KeyCache({ now }),
    now,
    versionTtlMs: MAX_KEY_CACHE_MS,
  });
  return new CalendarService({
    store: new DynamoDbCalendarStore(pieces.documents, pieces.mailboxTable),
    keyring,
    now,
  });
}
