/**
 * The encrypted mail store and the mailbox model: mailbox keys, delivery, reading, listing, crypto-shredding, folders,
 * keywords, threads and the change log.
 */
export {
  InvalidMessageIdError,
  MailboxCleanupIncompleteError,
  MailboxKeyRotationConflictError,
  MailboxNotFoundError,
  MailboxQuotaExceededError,
  MailboxTransactionConflictError,
  MessageIntegrityError,
  MessageNotFoundError,
} from './errors';
export { isSystemFolder, SYSTEM_FOLDERS } from './folders';
export type { FolderRole, SystemFolder, SystemFolderId } from './folders';
export { applyKeywordChange, normalizeKeyword } from './keywords';
export type { KeywordChange } from './keywords';
export { MailboxKeyring } from './keyring';
export { MailboxModel } from './mailbox-model';
export type { FolderChange, MailboxModelDeps, MessageUpdate, UpdatedMessage } from './mailbox-model';
export type {
  ChangeKind,
  FolderRecord,
  ModelChanges,
  ModelRefusal,
  ModelResult,
  ThreadMember,
  ThreadRecord,
} from './model-types';
export type { MailboxKeyringDeps } from './keyring';
export type {
  BlobStore,
  CommitOutcome,
  MailboxModelStore,
  MailboxStore,
  OrganizationKeyResolver,
  SnapshotKeys,
} from './ports';
export { MailboxService } from './service';
export type { MailboxServiceDeps } from './service';
export { decryptSummary, encryptSummary } from './summary';
export type {
  DeliverInput,
  DeliveryFolder,
  EncryptedSummary,
  FolderMessage,
  FolderUidPage,
  FolderUidRequest,
  KeyScheme,
  MailboxRecord,
  MailboxState,
  MessageIndexEntry,
  MessageListItem,
  MessagePageRequest,
  MessageSummary,
  OrganizationKey,
  PutMessageOutcome,
  SummaryField,
  ThreadHeaders,
  WrappedMailboxKey,
} from './types';
