/**
 * The cloud functions' calendar model over the shared clients: the admin API (free/busy of GetAvailability), inbound
 * (iMIP updates) and the mail functions (CalDAV, CardDAV, scheduling) each get this one composition.
 */
import { DynamoDbMailboxStore } from '../../adapters/aws/dynamodb-mailbox-store';
import { calendarWiring } from './calendar';
import { config, documents, keyWrapper, mailboxServiceDeps } from './shared';

/** Calendars and address books of users' and resources' mailboxes. */
export const calendars = calendarWiring({
  documents,
  mailboxTable: config.mailboxTable,
  mailboxStore: new DynamoDbMailboxStore(documents, {
    mailboxTable: config.mailboxTable,
    keyTable: config.keyTable,
  }),
  keyWrapper,
  organizationKey: mailboxServiceDeps.organizationKey,
});
