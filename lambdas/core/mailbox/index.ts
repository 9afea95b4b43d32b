/** The encrypted mail store: mailbox keys, delivery, reading, listing and crypto-shredding. */
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
export { MailboxKeyring } from './keyring';
export type { MailboxKeyringDeps } from './keyring';
export type { BlobStore, MailboxStore, OrganizationKeyResolver } from './ports';
export { MailboxService } from './service';
export type { MailboxServiceDeps } from './service';
export { decryptSummary, encryptSummary } from './summary';
export type {
  DeliverInput,
  DeliveryFolder,
  EncryptedSummary,
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
  WrappedMailboxKey,
} from './types';
