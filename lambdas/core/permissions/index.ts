export { MailboxPermissions } from './mailbox-permissions';
export { normalizePermissionValues } from './permission-values';
export type {
  MailboxPermissionDeps,
  MailboxPermissionStore,
  PermissionCursor,
  PermissionPage,
  PermissionPageRequest,
} from './ports';
export { PERMISSION_VALUES } from './types';
export type { MailboxAccess, MailboxPermission, PermissionValue, SendRight } from './types';
