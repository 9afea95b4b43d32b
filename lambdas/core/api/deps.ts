import type { MailAccessSettings } from '../autoconfig/mail-access';
import type { SoftQuotas } from '../config/quotas';
import type {
  ClientTokenStore,
  DomainVerifier,
  EntityStore,
  MailboxLifecycle,
  OrganizationStore,
} from '../directory/ports';
import type { PageTokens } from './pagination';
import type { AdminKeys } from '../auth/admin-keys';
import type { FlowRuleStore } from '../flow-rules/ports';
import type { ContentBucketStore } from '../message-flow/ports';
import type { MailboxPermissionStore } from '../permissions/ports';
import type { PersonalAccessTokenStore } from '../user-auth/ports';
import type { JournalingConfigurationStore } from '../journaling/ports';
import type { EmailMonitoringConfigurationStore } from '../email-events/ports';
import type { AuditEvents, AuditLogDeliveryStore } from '../audit-logs/ports';
import type { RetentionPolicyStore } from '../retention/ports';
import type { RetentionSweeper } from '../retention/sweep';
import type { ExportJobServices } from '../export/jobs';
import type { ImportJobServices } from '../export/import-jobs';
import type {
  AccessControlRuleStore,
  MobileDeviceAccessOverrideStore,
  MobileDeviceAccessRuleStore,
  MobileDevicePolicyStore,
} from '../access-control/ports';
import type { ImpersonationStore } from '../impersonation/ports';
import type { AdminAuditLog } from '../admin-audit/ports';
import type { AvailabilityService } from '../availability/service';
import type { IdentityProviderStore } from '../sso/ports';

/** Deployment facts the API needs to build ARNs, test domains and DNS records. */
export interface DeploymentSettings {
  readonly region: string;
  readonly accountId: string;
  /** Test mail domains are `<alias>.<testDomainSuffix>` (WorkMail: `awsapps.com`). */
  readonly testDomainSuffix: string;
  /** MX target published for custom domains, e.g. `inbound-smtp.eu-west-1.amazonaws.com`. */
  readonly inboundMxHost: string;
  /** True where custom domains cannot be verified through DNS (the local runtime): they count as verified. */
  readonly trustDomainsWithoutDns: boolean;
  readonly quotas: SoftQuotas;
  /**
   * The deployment's own S3 buckets (inbound, store, exports, access logs): no organization may allow one as a
   * PutRawMessageContent source, and the Message Flow API never reads one that way.
   */
  readonly reservedBuckets: readonly string[];
  /**
   * Where users' mail apps reach IMAP and SMTP submission. Absent: the deployment offers neither, so client
   * autoconfiguration answers 404 and `GetMailDomain` lists no SRV records for them.
   */
  readonly mailAccess?: MailAccessSettings;
}

/** The ports and settings every operation may use. Built once per runtime in its wiring. */
export interface ApiDeps {
  readonly settings: DeploymentSettings;
  readonly organizations: OrganizationStore;
  readonly mailboxes: MailboxLifecycle;
  /** Users, groups, resources, addresses, memberships and delegates. */
  readonly entities: EntityStore;
  readonly pageTokens: PageTokens;
  readonly clock: () => Date;
  /** ClientToken replay records (idempotent create/register/delete calls). */
  readonly clientTokens: ClientTokenStore;
  /** Ownership and DKIM verification of custom mail domains. */
  readonly domainVerifier: DomainVerifier;
  /** Mailwright's admin access keys: SigV4 verification and the admin-key extension operations. */
  readonly adminKeys: AdminKeys;
  /** Email flow rules of every organization (extension operations and the mail pipeline). */
  readonly flowRules: FlowRuleStore;
  /** The S3 buckets each organization allows as PutRawMessageContent sources. */
  readonly contentBuckets: ContentBucketStore;
  /** Users' personal access tokens (ListPersonalAccessTokens & co.; DeleteUser deletes a user's). */
  readonly personalAccessTokens: PersonalAccessTokenStore;
  /** Who may open or send from which mailbox (Put/Delete/ListMailboxPermissions; deleting an entity drops its). */
  readonly mailboxPermissions: MailboxPermissionStore;
  /** Each organization's journaling configuration (Put/Describe/DeleteJournalingConfiguration). */
  readonly journaling: JournalingConfigurationStore;
  /** Each organization's email event log destination (Put/Describe/DeleteEmailMonitoringConfiguration). */
  readonly emailMonitoring: EmailMonitoringConfigurationStore;
  /** Each organization's audit log deliveries, per log type (Put/Describe/Delete/ListAuditLogDeliveries). */
  readonly auditLogDeliveries: AuditLogDeliveryStore;
  /** Audit events of admin calls users would see (DeletePersonalAccessToken). @default - none reported */
  readonly audit?: AuditEvents;
  /** The journal report MAC key (VerifyJournalReport), derived from the delivery ledger's deployment key. */
  journalReportKey(): Promise<Uint8Array>;
  /** Organizations' retention policies (Put/Get/DeleteRetentionPolicy; the retention sweep reads them). */
  readonly retentionPolicies: RetentionPolicyStore;
  /** Sweeps one organization now (StartRetentionSweep). */
  readonly retentionSweeper: RetentionSweeper;
  /** Mailbox export jobs: their records, the workers' queue and the mailbox's folder counters. */
  readonly exportJobs: ExportJobServices;
  /** Mailbox import jobs (extension): their records and the workers' queue. */
  readonly importJobs: ImportJobServices;
  /** Organizations' access control rules (Put/Delete/ListAccessControlRules, GetAccessControlEffect). */
  readonly accessControlRules: AccessControlRuleStore;
  /** Organizations' mobile device access rules, per-device overrides and device policy. */
  readonly mobileDeviceAccess: MobileDeviceAccessRuleStore &
    MobileDeviceAccessOverrideStore &
    MobileDevicePolicyStore;
  /** Impersonation roles and their issued tokens. */
  readonly impersonation: ImpersonationStore;
  /** Every admin call that may change something, recorded by dispatch (ListAdminAuditEvents). */
  readonly adminAudit: AdminAuditLog;
  /** Availability configurations, provider tests and free/busy (the availability operations, GetAvailability). */
  readonly availability: AvailabilityService;
  /** Identity provider configurations and Identity Center applications (single sign-on operations, sign-in). */
  readonly identityProviders: IdentityProviderStore;
}
