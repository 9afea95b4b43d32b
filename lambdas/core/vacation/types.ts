/**
 * A user's vacation response (RFC 8621 §8): while enabled, and from `fromDate` until `toDate`, mail delivered to
 * their Inbox is answered once per sender per period. Dates are epoch milliseconds; `null` is "no bound".
 */
export interface VacationResponse {
  readonly isEnabled: boolean;
  readonly fromDate: number | null;
  readonly toDate: number | null;
  /** The reply's subject; `null` answers `Auto: <original subject>`. */
  readonly subject: string | null;
  /** The reply's text; `null` derives it from `htmlBody`, or uses a default text when both are null. */
  readonly textBody: string | null;
  /** The reply's HTML alternative; `null` sends text only. */
  readonly htmlBody: string | null;
}

/** The vacation response of a user who never set one: disabled, nothing set. */
export const NO_VACATION_RESPONSE: VacationResponse = {
  isEnabled: false,
  fromDate: null,
  toDate: null,
  subject: null,
  textBody: null,
  htmlBody: null,
};

/**
 * When an enabled vacation response applies, kept in plaintext on the mailbox record (no user content) so that a
 * delivery knows for free whether a reply may be due; absent while the response is disabled. The sealed settings
 * decide: this is only a hint.
 */
export interface VacationWindow {
  /** Epoch ms; absent: from now on. */
  readonly fromDate?: number;
  /** Epoch ms, exclusive; absent: until disabled. */
  readonly toDate?: number;
}
