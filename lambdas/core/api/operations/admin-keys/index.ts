import type { Operation } from '../../operation';
import { createAdminKey } from './create-admin-key';
import { listAdminKeys } from './list-admin-keys';
import { revokeAdminKey } from './revoke-admin-key';
import { updateAdminKeyScope } from './update-admin-key-scope';

/** The admin-keys operations of the catalog (Mailwright extensions, served as `MailwrightService.<Action>`). */
export const adminKeyOperations: readonly Operation[] = [
  createAdminKey,
  listAdminKeys,
  updateAdminKeyScope,
  revokeAdminKey,
];
