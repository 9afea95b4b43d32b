/** One admin API call that changes something, recorded the way CloudTrail records WorkMail calls. */
export interface AdminAuditEvent {
  /** Epoch milliseconds. */
  readonly time: number;
  readonly requestId: string;
  /** The admin access key that signed the call. */
  readonly accessKeyId: string;
  /** `<service>.<action>`, e.g. `WorkMailService.CreateUser`. */
  readonly action: string;
  /** The organization the call named, if any (account-level calls have none). */
  readonly organizationId?: string;
  /**
   * The identifiers the call named (`UserId`, `Name`, `DomainName`, …): string members whose names end in `Id`,
   * `Name` or `Arn`, never passwords, secrets or content.
   */
  readonly resources: Readonly<Record<string, string>>;
  readonly sourceIp?: string;
  /** `Success`, or the error type the caller got (e.g. `EntityNotFoundException`). */
  readonly outcome: string;
}

/** How long audit events are kept. */
export const ADMIN_AUDIT_RETENTION_DAYS = 90;
