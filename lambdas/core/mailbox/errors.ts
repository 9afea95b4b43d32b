/** Refusals and failures of the mailbox store. None of them carries message content. */

/** Storing the message would take the mailbox over its quota; nothing was stored. */
export class MailboxQuotaExceededError extends Error {
  readonly mailboxId: string;
  readonly quotaBytes: number;
  readonly messageBytes: number;
  constructor(mailboxId: string, quotaBytes: number, messageBytes: number, options?: ErrorOptions) {
    super(
      `Mailbox ${mailboxId} cannot take a ${messageBytes}-byte message within its quota of ${quotaBytes} bytes.`,
      options,
    );
    this.name = 'MailboxQuotaExceededError';
    this.mailboxId = mailboxId;
    this.quotaBytes = quotaBytes;
    this.messageBytes = messageBytes;
  }
}

/** The mailbox does not exist, or is being destroyed. */
export class MailboxNotFoundError extends Error {
  readonly organizationId: string;
  readonly mailboxId: string;
  constructor(organizationId: string, mailboxId: string, options?: ErrorOptions) {
    super(`Mailbox ${mailboxId} does not exist in organization ${organizationId}.`, options);
    this.name = 'MailboxNotFoundError';
    this.organizationId = organizationId;
    this.mailboxId = mailboxId;
  }
}

/** A message was to be stored in a folder the mailbox does not have. Nothing was stored. */
export class FolderNotFoundError extends Error {
  readonly mailboxId: string;
  readonly folderId: string;
  constructor(mailboxId: string, folderId: string, options?: ErrorOptions) {
    super(`Mailbox ${mailboxId} has no folder ${folderId}.`, options);
    this.name = 'FolderNotFoundError';
    this.mailboxId = mailboxId;
    this.folderId = folderId;
  }
}

/** No message with this id is stored in the mailbox. */
export class MessageNotFoundError extends Error {
  readonly mailboxId: string;
  readonly messageId: string;
  constructor(mailboxId: string, messageId: string, options?: ErrorOptions) {
    super(`Message ${messageId} does not exist in mailbox ${mailboxId}.`, options);
    this.name = 'MessageNotFoundError';
    this.mailboxId = mailboxId;
    this.messageId = messageId;
  }
}

/** A message id that could reveal an address or break storage keys (allowed: letters, digits, `._:-`). */
export class InvalidMessageIdError extends Error {
  readonly messageId: string;
  constructor(messageId: string, options?: ErrorOptions) {
    super('A message id has 1 to 200 characters from [A-Za-z0-9._:-].', options);
    this.name = 'InvalidMessageIdError';
    this.messageId = messageId;
  }
}

/** Another writer changed the mailbox key version at the same time, repeatedly. */
export class MailboxKeyRotationConflictError extends Error {
  readonly mailboxId: string;
  constructor(mailboxId: string, options?: ErrorOptions) {
    super(`The key of mailbox ${mailboxId} was rotated concurrently; try again.`, options);
    this.name = 'MailboxKeyRotationConflictError';
    this.mailboxId = mailboxId;
  }
}

/**
 * The mailbox keys are destroyed (its mail is unreadable), but some blobs could not be deleted; calling destroy
 * again finishes the clean-up. `cause` is an AggregateError of the failures.
 */
export class MailboxCleanupIncompleteError extends Error {
  readonly mailboxId: string;
  readonly failedBlobs: number;
  constructor(mailboxId: string, failedBlobs: number, options?: ErrorOptions) {
    super(
      `Mailbox ${mailboxId} is shredded but ${failedBlobs} blob(s) could not be deleted; retry destroy.`,
      options,
    );
    this.name = 'MailboxCleanupIncompleteError';
    this.mailboxId = mailboxId;
    this.failedBlobs = failedBlobs;
  }
}

/** A stored message's size does not match its index entry (the blob was replaced or corrupted). */
export class MessageIntegrityError extends Error {
  readonly messageId: string;
  constructor(messageId: string, options?: ErrorOptions) {
    super(`Message ${messageId} does not match its index entry.`, options);
    this.name = 'MessageIntegrityError';
    this.messageId = messageId;
  }
}

/** A mailbox transaction kept being cancelled by concurrent writers (or for a reason other than a condition). */
export class MailboxTransactionConflictError extends Error {
  readonly mailboxId: string;
  readonly reasons: ReadonlyArray<string | undefined>;
  constructor(mailboxId: string, reasons: ReadonlyArray<string | undefined>, options?: ErrorOptions) {
    super(`A transaction on mailbox ${mailboxId} was cancelled: ${reasons.join(', ')}.`, options);
    this.name = 'MailboxTransactionConflictError';
    this.mailboxId = mailboxId;
    this.reasons = reasons;
  }
}
