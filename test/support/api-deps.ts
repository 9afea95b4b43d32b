import { randomBytes } from 'node:crypto';
import { DynamoDbClientTokenStore } from '../../lambdas/adapters/aws/dynamodb-client-token-store';
import { DynamoDbContentBucketStore } from '../../lambdas/adapters/aws/dynamodb-content-bucket-store';
import { DynamoDbMailboxPermissionStore } from '../../lambdas/adapters/aws/dynamodb-mailbox-permission-store';
import { DynamoDbJournalingConfigurationStore } from '../../lambdas/adapters/aws/dynamodb-journaling-configuration-store';
import { DynamoDbEmailMonitoringConfigurationStore } from '../../lambdas/adapters/aws/dynamodb-email-monitoring-configuration-store';
import { DynamoDbAuditLogDeliveryStore } from '../../lambdas/adapters/aws/dynamodb-audit-log-delivery-store';
import { DynamoDbOrganizationStore } from '../../lambdas/adapters/aws/dynamodb-organization-store';
import { DynamoDbPersonalAccessTokenStore } from '../../lambdas/adapters/aws/dynamodb-personal-access-token-store';
import { DynamoDbRetentionPolicyStore } from '../../lambdas/adapters/aws/dynamodb-retention-policy-store';
import { DynamoDbAccessControlRuleStore } from '../../lambdas/adapters/aws/dynamodb-access-control-rule-store';
import { DynamoDbMobileDeviceAccessStore } from '../../lambdas/adapters/aws/dynamodb-mobile-device-access-store';
import { DynamoDbImpersonationStore } from '../../lambdas/adapters/aws/dynamodb-impersonation-store';
import { DynamoDbAdminAuditLog } from '../../lambdas/adapters/aws/dynamodb-admin-audit-log';
import { TrustingDomainVerifier } from '../../lambdas/adapters/local/trusting-domain-verifier';
import { resolveQuotas } from '../../lambdas/core/config/quotas';
import type { ApiDeps, DeploymentSettings } from '../../lambdas/core/api/deps';
import { DynamoDbIdentityProviderStore } from '../../lambdas/adapters/aws/dynamodb-identity-provider-store';
import { dispatch } from '../../lambdas/core/api/dispatch';
import type { Operation, OperationContext, Principal } from '../../lambdas/core/api/operation';
import { PageTokens } from '../../lambdas/core/api/pagination';
import type {
  DomainVerification,
  DomainVerificationStart,
  DomainVerifier,
  MailboxLifecycle,
} from '../../lambdas/core/directory/ports';
import { MailboxNotFoundError } from '../../lambdas/core/mailbox/errors';
import { createTestTables } from './dynamodb';

/** The settings every API test runs with. */
export const TEST_SETTINGS: DeploymentSettings = {
  region: 'eu-west-1',
  accountId: '111122223333',
  testDomainSuffix: 'mailwright.test',
  inboundMxHost: 'inbound-smtp.eu-west-1.amazonaws.com',
  trustDomainsWithoutDns: true,
  quotas: resolveQuotas(),
  reservedBuckets: ['mailwright-test-inbound', 'mailwright-test-store'],
};

/** An admin key that may act on every organization. */
export const ADMIN: Principal = { accessKeyId: 'AKIDTESTADMIN', organizations: '*' };

/** A mailbox lifecycle double that records what was asked of it, and counts key versions like MailboxService. */
export class RecordingMailboxes implements MailboxLifecycle {
  readonly provisioned: Array<[string, string]> = [];
  readonly destroyed: Array<[string, string]> = [];
  /** Current key version of each existing mailbox, by `<organizationId>/<mailboxId>`. */
  private readonly keyVersions = new Map<string, number>();

  async provision(organizationId: string, mailboxId: string): Promise<void> {
    this.provisioned.push([organizationId, mailboxId]);
    const key = `${organizationId}/${mailboxId}`;
    if (!this.keyVersions.has(key)) this.keyVersions.set(key, 1);
  }

  async destroy(organizationId: string, mailboxId: string): Promise<void> {
    this.destroyed.push([organizationId, mailboxId]);
    this.keyVersions.delete(`${organizationId}/${mailboxId}`);
  }

  async sizeBytes(): Promise<number> {
    return 0;
  }

  async rotateMailboxKey(organizationId: string, mailboxId: string): Promise<number> {
    const key = `${organizationId}/${mailboxId}`;
    const current = this.keyVersions.get(key);
    if (current === undefined) throw new MailboxNotFoundError(organizationId, mailboxId);
    this.keyVersions.set(key, current + 1);
    return current + 1;
  }
}

/** A domain verifier double: domains stay PENDING until the test calls {@link ScriptedDomainVerifier.set}. */
export class ScriptedDomainVerifier implements DomainVerifier {
  private readonly states = new Map<string, DomainVerification>();

  set(domainName: string, state: DomainVerification): void {
    this.states.set(domainName, state);
  }

  async start(domainName: string): Promise<DomainVerificationStart> {
    return {
      ...(await this.status(domainName)),
      dkimTokens: ['dkima', 'dkimb', 'dkimc'],
      verificationToken: 'token-' + domainName,
    };
  }

  async status(domainName: string): Promise<DomainVerification> {
    return this.states.get(domainName) ?? { ownership: 'PENDING', dkim: 'PENDING' };
  }
}

/** The result of {@link createTestApiDeps}: the deps plus the tables and doubles behind them. */
export interface TestApiDeps {
  readonly deps: ApiDeps;
  readonly mailboxes: RecordingMailboxes;
  readonly tables: Awaited<ReturnType<typeof createTestTables>>;
  /** Runs an operation through `dispatch()` as `principal` (default: {@link ADMIN}). */
  call<O>(operation: Operation, input: unknown, principal?: Principal): Promise<O>;
}

/** What {@link createTestApiDeps} lets a suite replace or add; `settings` is merged into {@link TEST_SETTINGS}. */
export type TestApiOverrides = Partial<Omit<ApiDeps, 'settings'>> & {
  settings?: Partial<DeploymentSettings>;
} & Record<string, unknown>;

/**
 * ApiDeps on fresh DynamoDB Local tables: the DynamoDB organization, ClientToken, personal access token and mailbox
 * permission stores, a recording mailbox lifecycle, a trusting domain verifier and {@link TEST_SETTINGS}. `overrides`
 * replaces or adds members (e.g. the entities store); pass a function to build them on the fresh tables.
 * @example
 * const { deps, call } = await createTestApiDeps({ domainVerifier: new ScriptedDomainVerifier() });
 * const t = await createTestApiDeps((tables) => ({ entities: new DynamoDbEntityStore(tables.documents, tables.directoryTable) }));
 */
export async function createTestApiDeps(
  overrides: TestApiOverrides | ((tables: TestApiDeps['tables']) => TestApiOverrides) = {},
): Promise<TestApiDeps> {
  const tables = await createTestTables();
  const mailboxes = new RecordingMailboxes();
  const journalKey = randomBytes(32);
  const { settings, ...rest } = typeof overrides === 'function' ? overrides(tables) : overrides;
  const deps = {
    organizations: new DynamoDbOrganizationStore(tables.documents, tables.directoryTable),
    clientTokens: new DynamoDbClientTokenStore(tables.documents, tables.directoryTable),
    contentBuckets: new DynamoDbContentBucketStore(tables.documents, tables.directoryTable),
    personalAccessTokens: new DynamoDbPersonalAccessTokenStore(tables.documents, tables.directoryTable),
    mailboxPermissions: new DynamoDbMailboxPermissionStore(tables.documents, tables.directoryTable),
    journaling: new DynamoDbJournalingConfigurationStore(tables.documents, tables.directoryTable),
    emailMonitoring: new DynamoDbEmailMonitoringConfigurationStore(tables.documents, tables.directoryTable),
    auditLogDeliveries: new DynamoDbAuditLogDeliveryStore(tables.documents, tables.directoryTable),
    accessControlRules: new DynamoDbAccessControlRuleStore(tables.documents, tables.directoryTable),
    mobileDeviceAccess: new DynamoDbMobileDeviceAccessStore(tables.documents, tables.directoryTable),
    impersonation: new DynamoDbImpersonationStore(tables.documents, tables.directoryTable),
    adminAudit: new DynamoDbAdminAuditLog(tables.documents, tables.directoryTable),
    identityProviders: new DynamoDbIdentityProviderStore(tables.documents, tables.directoryTable, journalKey),
    journalReportKey: async () => journalKey,
    retentionPolicies: new DynamoDbRetentionPolicyStore(tables.documents, tables.directoryTable),
    domainVerifier: new TrustingDomainVerifier(),
    mailboxes,
    pageTokens: new PageTokens(randomBytes(32)),
    clock: () => new Date(),
    ...rest,
    settings: { ...TEST_SETTINGS, ...settings },
  } as ApiDeps;
  const call = <O>(operation: Operation, input: unknown, principal: Principal = ADMIN): Promise<O> => {
    const ctx: OperationContext = { deps, principal, requestId: randomBytes(8).toString('hex') };
    return dispatch(operation, input, ctx) as Promise<O>;
  };
  return { deps, mailboxes, tables, call };
}
