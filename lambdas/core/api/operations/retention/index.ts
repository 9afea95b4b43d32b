import type { Operation } from '../../operation';
import { deleteRetentionPolicy } from './delete-retention-policy';
import { getDefaultRetentionPolicy } from './get-default-retention-policy';
import { putRetentionPolicy } from './put-retention-policy';
import { startRetentionSweep } from './start-retention-sweep';

export { deleteRetentionPolicy } from './delete-retention-policy';
export { getDefaultRetentionPolicy } from './get-default-retention-policy';
export { putRetentionPolicy } from './put-retention-policy';
export { DRY_RUN_MAX_MESSAGES, ON_DEMAND_MAX_MESSAGES, startRetentionSweep } from './start-retention-sweep';

/** The retention operations of the catalog: WorkMail's three, and the on-demand sweep (a Mailwright extension). */
export const retentionOperations: readonly Operation[] = [
  putRetentionPolicy,
  getDefaultRetentionPolicy,
  deleteRetentionPolicy,
  startRetentionSweep,
] as unknown as readonly Operation[];
