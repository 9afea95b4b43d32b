import type { Operation } from '../../operation';
import { deleteRetentionPolicy } from './delete-retention-policy';
import { getDefaultRetentionPolicy } from './get-default-retention-policy';
import { putRetentionPolicy } from './put-retention-policy';

export { deleteRetentionPolicy } from './delete-retention-policy';
export { getDefaultRetentionPolicy } from './get-default-retention-policy';
export { putRetentionPolicy } from './put-retention-policy';

/** The retention policy operations of the catalog (WorkMail's three). */
export const retentionOperations: readonly Operation[] = [
  putRetentionPolicy,
  getDefaultRetentionPolicy,
  deleteRetentionPolicy,
] as unknown as readonly Operation[];
