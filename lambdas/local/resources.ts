// The local runtime's table and bucket names, kept out of wiring.ts (which re-exports them) to keep it small.

/** Table and bucket names of one local runtime. */
export interface LocalResources {
  readonly directoryTable: string;
  readonly mailboxTable: string;
  readonly keyTable: string;
  readonly storeBucket: string;
  readonly inboundBucket: string;
  /** Where the SMTP ingress writes raw messages, as SES's S3 action does. */
  readonly inboundPrefix: string;
}

/**
 * The tables and buckets of a runtime whose names start with `prefix` (lowercase letters, digits, hyphens), so
 * several runtimes can share one DynamoDB Local and one S3 server.
 * @param prefix - e.g. `mailwright`
 * @example
 * localResources('mw-1a2b3c4d').mailboxTable; // 'mw-1a2b3c4d-mailboxes'
 */
export function localResources(prefix: string): LocalResources {
  return {
    directoryTable: `${prefix}-directory`,
    mailboxTable: `${prefix}-mailboxes`,
    keyTable: `${prefix}-keys`,
    storeBucket: `${prefix}-store`,
    inboundBucket: `${prefix}-inbound`,
    inboundPrefix: 'incoming/',
  };
}

/** Table and bucket names of the local runtime (`npm start`). */
export const LOCAL_RESOURCES = localResources('mailwright');
