import type { MailboxOperation } from '../../core/audit-logs/mailbox-access';
import type { DavTarget } from './dav-paths';

/** How a collection kind appears in a mailbox access record's folder path (WorkMail's folder names). */
const FOLDER_NAMES = { calendar: 'Calendar', addressbook: 'Contacts' } as const;

/**
 * What a CalDAV or CardDAV request did to mailbox data, in WorkMail's mailbox access terms (§5.3 (a)): a calendar or
 * address book is a `Folder`, an event or card a `Message` (EWS calls both items). The root, principals and the
 * global address list are not mailbox data: `undefined`. A request refused for lack of rights (403) is recorded as
 * not allowed.
 * @param method - the HTTP method, upper case
 * @param target - the resource the request named, within a mailbox the user may reach
 * @param statusCode - the answer (201 to a PUT means the object was created)
 * @example
 * davMailboxOperation('GET', { type: 'object', kind: 'calendar', mailboxId, collectionId: 'calendar', name: 'e1.ics' }, 200);
 * // { action: 'read', objectType: 'Message', ownerId: mailboxId, itemId: 'e1.ics', folderId: 'calendar', … }
 */
export function davMailboxOperation(
  method: string,
  target: DavTarget,
  statusCode: number,
): MailboxOperation | undefined {
  const allowed = statusCode !== 403;
  switch (target.type) {
    case 'home':
      return { action: 'read_hierarchy', objectType: 'Folder', ownerId: target.mailboxId, allowed };
    case 'collection':
    case 'scheduleBox': {
      const collectionId = target.type === 'collection' ? target.collectionId : target.box;
      const kind = target.type === 'collection' ? target.kind : 'calendar';
      const folder = {
        objectType: 'Folder' as const,
        ownerId: target.mailboxId,
        folderId: collectionId,
        folderPath: `${FOLDER_NAMES[kind]}/${collectionId}`,
        allowed,
      };
      return { ...folder, action: collectionAction(method) };
    }
    case 'object':
      return {
        action: objectAction(method, statusCode),
        objectType: 'Message',
        ownerId: target.mailboxId,
        itemId: target.name,
        folderId: target.collectionId,
        folderPath: `${FOLDER_NAMES[target.kind]}/${target.collectionId}`,
        allowed,
      };
    default:
      return undefined;
  }
}

function collectionAction(method: string): MailboxOperation['action'] {
  switch (method) {
    case 'MKCALENDAR':
    case 'MKCOL':
      return 'create';
    case 'PROPPATCH':
      return 'update';
    case 'DELETE':
      return 'delete';
    default:
      // PROPFIND, REPORT (queries, sync) and GET list or summarise the collection's items.
      return 'read_summary';
  }
}

function objectAction(method: string, statusCode: number): MailboxOperation['action'] {
  switch (method) {
    case 'PUT':
      return statusCode === 201 ? 'create' : 'update';
    case 'DELETE':
      return 'delete';
    case 'PROPPATCH':
      return 'update';
    default:
      return 'read';
  }
}
