/**
 * Messages were destroyed but some of their blobs could not be deleted. The blobs are unreadable (their wrapped
 * keys went with the entries) and their tombstones keep the blob keys for 90 days; the error makes the failure
 * visible (the worker's error alarm, a 500 from StartRetentionSweep) instead of leaving it silent.
 */
export class RetentionBlobCleanupError extends Error {
  readonly mailboxId: string;
  readonly failures: number;
  constructor(mailboxId: string, failures: number, options?: ErrorOptions) {
    super(
      `Retention destroyed messages of mailbox ${mailboxId} but could not delete ${failures} blob(s).`,
      options,
    );
    this.name = 'RetentionBlobCleanupError';
    this.mailboxId = mailboxId;
    this.failures = failures;
  }
}
