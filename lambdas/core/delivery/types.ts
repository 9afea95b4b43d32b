/**
 * Types of the inbound delivery pipeline. The SES shapes mirror the SES receipt event that a receipt rule's Lambda
 * action sends (only the fields Mailwright reads); core defines them itself because it never imports `aws-lambda`.
 */

/** SES verdict status as found in `receipt.*Verdict.status`. */
export type VerdictStatus = 'PASS' | 'FAIL' | 'GRAY' | 'PROCESSING_FAILED' | 'DISABLED';

/** One SES verdict object. */
export interface SesVerdict {
  readonly status: VerdictStatus | string;
}

/** The `receipt` part of an SES receipt record. */
export interface SesReceipt {
  readonly timestamp?: string;
  readonly recipients: readonly string[];
  readonly spamVerdict?: SesVerdict;
  readonly virusVerdict?: SesVerdict;
  readonly spfVerdict?: SesVerdict;
  readonly dkimVerdict?: SesVerdict;
  readonly dmarcVerdict?: SesVerdict;
  /** `none` | `quarantine` | `reject`, present when the DMARC verdict is FAIL. */
  readonly dmarcPolicy?: string;
  readonly action?: {
    readonly type: string;
    readonly bucketName?: string;
    readonly objectKey?: string;
    readonly objectKeyPrefix?: string;
  };
}

/** The `mail` part of an SES receipt record. */
export interface SesMail {
  readonly timestamp?: string;
  /** The envelope sender (MAIL FROM); empty for the null sender. */
  readonly source: string;
  /** SES's message id: the raw object's key suffix and Mailwright's message id. */
  readonly messageId: string;
  readonly destination?: readonly string[];
  readonly commonHeaders?: { readonly subject?: string; readonly from?: readonly string[] };
}

/** One record of an SES receipt event. */
export interface SesReceiptRecord {
  readonly eventSource?: string;
  readonly ses: { readonly mail: SesMail; readonly receipt: SesReceipt };
}

/** The event an SES receipt rule's Lambda action delivers. */
export interface SesReceiptEvent {
  readonly Records: readonly SesReceiptRecord[];
}

/** Mailbox folders an inbound message can land in. */
export type DeliveryFolder = 'INBOX' | 'JUNK_EMAIL';

/** The headers the pipeline reads, decoded; every field is optional because mail is untrusted input. */
export interface MessageHeaders {
  readonly subject?: string;
  readonly from?: string;
  readonly sender?: string;
  readonly to?: string;
  readonly messageId?: string;
  /** Raw In-Reply-To and References values: they thread the message. */
  readonly inReplyTo?: string;
  readonly references?: string;
  readonly date?: string;
  /** Up to 256 characters of the first text part, whitespace collapsed. */
  readonly snippet?: string;
  /** The raw header block (for the DSN's text/rfc822-headers part). */
  readonly rawHeaderBlock: string;
  /** True when the message is itself a delivery status notification. */
  readonly isDeliveryReport: boolean;
}

/** RFC 3463 status codes Mailwright bounces with. */
export type BounceStatus = '5.1.1' | '5.2.1' | '5.2.2' | '5.3.4' | '5.5.3' | '5.7.1';

/** Why a recipient bounced, as written into the DSN. */
export interface Bounce {
  readonly recipient: string;
  readonly status: BounceStatus;
  readonly diagnostic: string;
}

/** What happened to one recipient (an envelope address, or a group member's mailbox). */
export type RecipientOutcome =
  | {
      readonly recipient: string;
      readonly outcome: 'delivered';
      readonly mailboxId: string;
      readonly folder: DeliveryFolder;
    }
  | { readonly recipient: string; readonly outcome: 'duplicate'; readonly previous: string }
  | {
      readonly recipient: string;
      readonly outcome: 'bounced';
      readonly status: BounceStatus;
      readonly reason: string;
    }
  | { readonly recipient: string; readonly outcome: 'dropped'; readonly reason: string }
  | { readonly recipient: string; readonly outcome: 'pending'; readonly reason: string };

/** The summary of one processed SES record. */
export interface InboundResult {
  readonly messageId: string;
  readonly recipients: readonly RecipientOutcome[];
  readonly dsnSent: boolean;
  readonly rawDeleted: boolean;
}
