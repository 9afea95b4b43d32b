import type { Operation } from '../../operation';
import { deleteMailboxPermissions } from './delete-mailbox-permissions';
import { listMailboxPermissions } from './list-mailbox-permissions';
import { putMailboxPermissions } from './put-mailbox-permissions';

export { deleteMailboxPermissions } from './delete-mailbox-permissions';
export { listMailboxPermissions } from './list-mailbox-permissions';
export { putMailboxPermissions } from './put-mailbox-permissions';

/** The mailbox permission operations of the catalog: who may open or send from a mailbox. */
export const mailboxPermissionOperations: readonly Operation[] = [
  putMailboxPermissions,
  deleteMailboxPermissions,
  listMailboxPermissions,
] as unknown as readonly Operation[];
