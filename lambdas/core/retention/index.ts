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
