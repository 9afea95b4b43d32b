import type { AuditEvents } from '../../lambdas/core/audit-logs/ports';
import type {
  AccessControlEvaluation,
  AuthenticationAttempt,
  AvailabilityProviderCall,
  MailboxAccess,
  PersonalAccessTokenChange,
} from '../../lambdas/core/audit-logs/types';

/** An {@link AuditEvents} that keeps every event it is given, by kind, for assertions. */
export class RecordingAuditEvents implements AuditEvents {
  readonly authentications: AuthenticationAttempt[] = [];
  readonly accessControls: AccessControlEvaluation[] = [];
  readonly mailboxAccesses: MailboxAccess[] = [];
  readonly tokenChanges: PersonalAccessTokenChange[] = [];
  readonly providerCalls: AvailabilityProviderCall[] = [];

  async authentication(attempt: AuthenticationAttempt): Promise<void> {
    this.authentications.push(attempt);
  }

  async accessControl(evaluation: AccessControlEvaluation): Promise<void> {
    this.accessControls.push(evaluation);
  }

  async mailboxAccess(accesses: readonly MailboxAccess[]): Promise<void> {
    this.mailboxAccesses.push(...accesses);
  }

  async personalAccessToken(change: PersonalAccessTokenChange): Promise<void> {
    this.tokenChanges.push(change);
  }

  async availabilityProvider(call: AvailabilityProviderCall): Promise<void> {
    this.providerCalls.push(call);
  }
}
