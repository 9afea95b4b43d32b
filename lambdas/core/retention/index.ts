export type { AgedMessage, AgedPage, RetentionIndex, RetentionPolicyStore } from './ports';
export type {
  FolderConfiguration,
  PolicyRefusal,
  RetentionAction,
  RetentionFolder,
  RetentionPolicy,
} from './types';
export { RETENTION_FOLDERS } from './types';
export { activeRules, checkFolderConfigurations, MAX_PERIOD_DAYS } from './policy';
export { retireBatch } from './retire';
export type { RetireBatch, RetiringModel } from './retire';
export { DEFAULT_RECOVERABLE_ITEMS_DAYS, sweepAll, sweepOrganization, sweepRules } from './sweep';
export type {
  OrganizationSweep,
  RetentionSweeper,
  SweepCount,
  SweepDeps,
  SweepOptions,
  SweepRule,
} from './sweep';
export { RetentionBlobCleanupError } from './errors';
