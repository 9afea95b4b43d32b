/** The output of a WorkMail action: its JSON fields, as the API returns them. */
export type WorkMailOutput = Readonly<Record<string, unknown>>;

/**
 * One WorkMail API endpoint (real WorkMail, or a Mailwright), spoken action by action. The migration reads its
 * source and writes its target through this port only, so a dry run, a retrying wrapper or a test double is one
 * more implementation.
 */
export interface WorkMailApi {
  /**
   * Sends one action (`ListUsers`, `CreateAlias`, …) with its input; rejects with a `WorkMailCallError` naming the
   * service's exception when the service refuses it.
   */
  call(action: string, input: Readonly<Record<string, unknown>>): Promise<WorkMailOutput>;
}

/** DNS answers for the cut-over check, as text: `10 inbound-smtp.…` for MX, the joined strings for TXT. */
export interface DnsLookup {
  resolve(hostname: string, type: 'MX' | 'TXT' | 'CNAME' | 'SRV'): Promise<readonly string[]>;
}

/**
 * Where the temporary passwords of migrated users go: a sheet the admin distributes. Recording a user again replaces
 * its earlier row (a resumed run that had to set a new password).
 */
export interface PasswordSheet {
  record(row: { readonly address: string; readonly name: string; readonly password: string }): Promise<void>;
}

/** Lines for the admin: each call of a dry run, retries, conflicts, steps finished. */
export type MigrationLog = (line: string) => void;
