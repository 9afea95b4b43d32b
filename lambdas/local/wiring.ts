/**
 * The local runtime's composition root: the only place adapters are built for `npm start` and the e2e harness.
 * The same adapters as in Lambda, pointed at DynamoDB Local and s3rver, with the master-key file standing in for
 * KMS and domains trusted without DNS.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbAdminKeyStore } from '../adapters/aws/dynamodb-admin-key-store';
import { DynamoDbClientTokenStore } from '../adapters/aws/dynamodb-client-token-store';
import { DynamoDbContentBucketStore } from '../adapters/aws/dynamodb-content-bucket-store';
import { DynamoDbEntityStore } from '../adapters/aws/dynamodb-entity-store';
import { DynamoDbGalChangeLog } from '../adapters/aws/dynamodb-gal-changes';
import { GlobalAddressList } from '../core/gal/global-address-list';
import { DynamoDbFlowRuleStore } from '../adapters/aws/dynamodb-flow-rule-store';
import { DynamoDbInFlightMessageStore } from '../adapters/aws/dynamodb-in-flight-message-store';
import { DynamoDbMailboxPermissionStore } from '../adapters/aws/dynamodb-mailbox-permission-store';
import { DynamoDbRetentionPolicyStore } from '../adapters/aws/dynamodb-retention-policy-store';
import { DynamoDbRetentionIndex } from '../adapters/aws/dynamodb-age-index';
import { DynamoDbSearchIndex } from '../adapters/aws/dynamodb-search-index';
import { DynamoDbMailboxStore } from '../adapters/aws/dynamodb-mailbox-store';
import { DynamoDbOrganizationStore } from '../adapters/aws/dynamodb-organization-store';
import { DynamoDbPersonalAccessTokenStore } from '../adapters/aws/dynamodb-personal-access-token-store';
import { DynamoDbVacationReplyLog } from '../adapters/aws/dynamodb-vacation-reply-log';
import { DynamoDbVacationSettingsStore } from '../adapters/aws/dynamodb-vacation-settings-store';
import { DIRECTORY_TABLE, KEY_TABLE, MAILBOX_TABLE, ensureTable } from '../adapters/aws/dynamodb-tables';
import { S3BlobStore } from '../adapters/aws/s3-blob-store';
import { DynamoDbDeliveryLedger } from '../adapters/aws/dynamodb-delivery-ledger';
import { DynamoDbDeploymentKeyStore } from '../adapters/aws/dynamodb-deployment-key-store';
import { DynamoDbIdentityProviderStore } from '../adapters/aws/dynamodb-identity-provider-store';
import { DynamoDbWebSessionStore } from '../adapters/aws/dynamodb-web-session-store';
import { OpenIdRelyingParty } from '../adapters/aws/openid-relying-party';
import { WebSignIn } from '../core/sso/web-sign-in';
import { randomUUID } from 'node:crypto';
import { AdminSignIn } from '../core/sso/admin-sign-in';
import type { AdminSignInSettings } from '../core/sso/admin-grants';
import { DynamoDbAdminSessionStore } from '../adapters/aws/dynamodb-admin-session-store';
import { DynamoDbJournalingConfigurationStore } from '../adapters/aws/dynamodb-journaling-configuration-store';
import { DynamoDbEmailMonitoringConfigurationStore } from '../adapters/aws/dynamodb-email-monitoring-configuration-store';
import { JsonLinesLogWriter } from '../adapters/local/json-lines-log-writer';
import { EmailEventLog } from '../core/email-events';
import type { MetricsRecorder } from '../core/metrics';
import type { SendEventDeps } from '../core/send-events';
import { S3RawMessageSource } from '../adapters/aws/s3-raw-message-source';
import { OutboxMailSender, SplitMailSender } from '../adapters/local/outbox-mail-sender';
import { KnownRecipientMailSender } from '../adapters/local/known-recipient-mail-sender';
import { journalingWiring } from '../handlers/wiring/journaling';
import type { JournalDeliveryRun } from '../core/journaling/deliver-records';
import { journalReportKey } from '../core/journaling/report-mac';
import { ModuleFunctionInvoker, type FunctionTargets } from '../adapters/local/module-function-invoker';
import { S3ContentSource } from '../adapters/aws/s3-content-source';
import { S3RawMessageStore } from '../adapters/aws/s3-raw-message-store';
import { MasterKeyWrapper } from '../adapters/local/master-key-wrapper';
import { emfFileWriter } from '../adapters/local/emf-file-writer';
import { PowertoolsMetricsRecorder } from '../adapters/aws/powertools-metrics-recorder';
import { MemorySignInAttemptStore } from '../adapters/local/memory-sign-in-attempt-store';
import { TrustingDomainVerifier } from '../adapters/local/trusting-domain-verifier';
import type { ApiDeps, DeploymentSettings } from '../core/api/deps';
import type { MailMethodDeps } from '../http/jmap/mail/context';
import type { ImapMailDeps } from '../imap/deps';
import type { SubmissionMethodDeps } from '../http/jmap/mail/submission-context';
import type { VacationMethodDeps } from '../http/jmap/mail/vacation-response-methods';
import { DynamoDbAccessControlRuleStore } from '../adapters/aws/dynamodb-access-control-rule-store';
import { DynamoDbMobileDeviceAccessStore } from '../adapters/aws/dynamodb-mobile-device-access-store';
import { DynamoDbImpersonationStore } from '../adapters/aws/dynamodb-impersonation-store';
import { DynamoDbAdminAuditLog } from '../adapters/aws/dynamodb-admin-audit-log';
import { AccessControl } from '../core/access-control/access-control';
import { PageTokens } from '../core/api/pagination';
import { AdminKeys } from '../core/auth/admin-keys';
import type { AdminKeyStore } from '../core/auth/ports';
import { DELIVERY_LEDGER_KEY_NAME, loadDeploymentKey } from '../core/crypto/deployment-keys';
import type { KeyWrapper } from '../core/crypto/ports';
import { organizationArn } from '../core/directory/organization-arn';
import { availabilityWiring } from '../handlers/wiring/availability';
import type { DeliveryLogger, MailSender } from '../core/delivery';
import { AuditLog } from '../core/audit-logs/audit-log';
import { DynamoDbAuditLogDeliveryStore } from '../adapters/aws/dynamodb-audit-log-delivery-store';
import { directoryRecipients } from '../core/delivery/directory-recipients';
import { systemClock } from '../core/flow-lambda/ports';
import { CompiledRuleSetCache } from '../core/flow-rules/cache';
import { FlowRuleDecider, inboundObjectLocation, organizationSettingsLookup } from '../core/inbound-rules';
import { LogRedactor } from '../core/logging';
import { mailboxQuotaBytes } from '../core/config/quotas';
import { MailboxModel } from '../core/mailbox/mailbox-model';
import { DEFAULT_RECOVERABLE_ITEMS_DAYS, sweepOrganization, type SweepDeps } from '../core/retention/sweep';
import { MailboxService } from '../core/mailbox/service';
import { feedingIndex, LocalIndexFeed } from './search-feed';
import { MessageSearch, SearchIndexer } from '../core/search';
import { discardingInFlight } from '../core/message-flow';
import { MailboxPermissions } from '../core/permissions';
import { PersonalAccessTokens, UserAuthenticator } from '../core/user-auth';
import { VacationResponder } from '../core/vacation';
import { adminSignatureVerifier, messageFlowHttpRoutes } from '../http/message-flow';
import type { HttpRoute } from '../http/routes';
import { readOrCreateKey } from './key-file';
import type { LocalInbound } from './local-inbound';
import { LOCAL_RESOURCES, type LocalResources } from './resources';
import { createMissingBuckets, s3LocalClient } from './s3-local';
import { sendingWiring } from '../handlers/wiring/sending';
import { calendarWiring } from '../handlers/wiring/calendar';
import { schedulingWiring } from '../handlers/wiring/scheduling';
import type { SchedulingDeps } from '../core/scheduling/ports';
import type { CalendarModel } from '../core/calendar/calendar-model';
import { localExports, type LocalExports } from './export-wiring';

// The runtime imports these from here.
export type { LocalInbound } from './local-inbound';
export { LOCAL_RESOURCES, localResources, type LocalResources } from './resources';

/** What {@link wireLocal} needs: where the engines run and where keys are kept. */
export interface LocalWiringOptions {
  readonly dynamoDbEndpoint: string;
  readonly s3Endpoint: string;
  /** Directory for the master key and the page-token key; undefined keeps them in a temporary directory. */
  readonly dataDir?: string;
  readonly settings: DeploymentSettings;
  /** Lambda ARNs of flow rules mapped to local modules or loopback URLs (`--functions`). @default - none */
  readonly functionTargets?: FunctionTargets;
  /** Where DSNs for non-local recipients are written as `.eml` files. @default - `<data>/outbox` or a temp dir */
  readonly outboxDir?: string;
  /** Where the inbound path logs; every line is redacted first (addresses pseudonymized, subjects dropped). */
  readonly logger?: DeliveryLogger;
  /** Table and bucket names. @default - {@link LOCAL_RESOURCES} */
  readonly resources?: LocalResources;
  /** Days messages stay in Recoverable Items. @default - 30 ({@link DEFAULT_RECOVERABLE_ITEMS_DAYS}) */
  readonly recoverableItemsDays?: number;
  /** How long an availability provider may take. @default - 25 s (tests pass less) */
  readonly availabilityDeadlineMs?: number;
  /** Where WorkMail's metrics go. @default - EMF lines in {@link LocalWiring.metricsFile} (tests pass a memory) */
  readonly metrics?: MetricsRecorder;
  /** How long email monitoring configurations are cached. @default - 60 s (tests pass 0) */
  readonly emailEventCacheMs?: number;
  /** The admin console's single sign-on. @default - none: admins sign in with keys only */
  readonly adminSignIn?: AdminSignInSettings;
}

/** The wired local runtime: the API's deps and the pieces the runtime needs besides them. */
export interface LocalWiring {
  readonly deps: ApiDeps;
  readonly adminKeyStore: AdminKeyStore;
  readonly keyWrapper: KeyWrapper;
  /** Routes mounted beside the admin API: the Message Flow API (`GET/POST /messages/{messageId}`). */
  readonly routes: readonly HttpRoute[];
  readonly inbound: LocalInbound;
  /** The encrypted mail store (also `deps.mailboxes`), for reading delivered mail back. */
  readonly mailboxes: MailboxService;
  /** The organizations' audit logs, written as JSON lines under {@link LocalWiring.logsDir}. */
  readonly audit: AuditLog;
  /**
   * Where log destinations are files: `<data>/logs/<kind>/<name>.jsonl` (JsonLinesLogWriter; email events and
   * audit logs sent to CloudWatch Logs under `CloudWatchLogs/`).
   */
  readonly logsDir: string;
  /**
   * Users' sign-in (failures counted in this process's memory), their own tokens, and single sign-on through the
   * organizations' OpenID Connect issuers (http allowed on loopback): protocol front ends, CLI, `/auth/`.
   */
  readonly userAuth: {
    readonly authenticator: UserAuthenticator;
    readonly tokens: PersonalAccessTokens;
    readonly webSignIn: WebSignIn;
    /** The admin console's single sign-on, when configured (`/admin/auth/`). */
    readonly adminSignIn?: AdminSignIn;
  };
  /** The mailbox model as the JMAP mail methods and the IMAP sessions use it. */
  readonly mail: MailMethodDeps & ImapMailDeps;
  /** Which mailboxes a user may open or send from (FULL_ACCESS, SEND_AS, SEND_ON_BEHALF), read fresh per call. */
  readonly permissions: MailboxPermissions;
  /** Sending (JMAP Identity and EmailSubmission): outside mail lands in the outbox folder. */
  readonly sending: SubmissionMethodDeps;
  /** Users' vacation responses (JMAP VacationResponse); inbound mail answers go the way DSNs go. */
  readonly vacation: VacationMethodDeps;
  /** The organizations' global address lists (CardDAV), followed through the directory's change marks. */
  readonly gal: GlobalAddressList;
  /** Indexes new mail for search, in process (`idle()` waits for pending runs). */
  readonly searchFeed: LocalIndexFeed;
  /** One delivery run of the journal records due at `now` (the runtime's timer calls it; tests pass their clock). */
  readonly journaling: { deliverDue(now: number): Promise<JournalDeliveryRun> };
  /** The retention sweep's dependencies (the runtime's timer and StartRetentionSweep run it). */
  readonly retention: SweepDeps;
  /** Calendars and address books of users' and resources' mailboxes (CalDAV, CardDAV, iTIP, free/busy). */
  readonly calendars: CalendarModel;
  /** Calendar scheduling's ports: CalDAV calls `scheduleChange(wiring.scheduling, change)` after a PUT or DELETE. */
  readonly scheduling: SchedulingDeps;
  /** Mailbox export jobs and their in-process workers (the runtime resumes jobs left RUNNING at start). */
  readonly exports: LocalExports;
  /**
   * WorkMail's nine metrics, written as EMF lines to {@link LocalWiring.metricsFile} on each `flush()` (the runtime
   * flushes every few seconds and on close): pass it to whatever emits them.
   */
  readonly metrics: MetricsRecorder;
  /** `<data>/logs/metrics.jsonl` (in the temporary key directory without a data directory). */
  readonly metricsFile: string;
  /**
   * SES sending events as the send-events function handles them (`processSendEvent(wiring.sendEvents, message)`):
   * nothing publishes them locally, tests feed them.
   */
  readonly sendEvents: SendEventDeps;
  /**
   * Writes the metrics not yet written, waits for indexing, releases the SDK clients and removes the temporary key
   * directory (if any).
   */
  close(): Promise<void>;
}

/**
 * Builds every adapter once and creates the tables and buckets if missing.
 * @example
 * const { deps } = await wireLocal({ dynamoDbEndpoint, s3Endpoint, dataDir: '.mailwright', settings });
 */
export async function wireLocal(options: LocalWiringOptions): Promise<LocalWiring> {
  const resources = options.resources ?? LOCAL_RESOURCES;
  const keyDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'mailwright-keys-')));
  const dynamodb = new DynamoDBClient({
    endpoint: options.dynamoDbEndpoint,
    region: options.settings.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const s3 = s3LocalClient(options.s3Endpoint, options.settings.region);
  await Promise.all([
    ensureTable(dynamodb, resources.directoryTable, DIRECTORY_TABLE),
    ensureTable(dynamodb, resources.mailboxTable, MAILBOX_TABLE),
    ensureTable(dynamodb, resources.keyTable, KEY_TABLE),
    createMissingBuckets(s3, [resources.storeBucket, resources.inboundBucket]),
  ]);
  const documents = DynamoDBDocumentClient.from(dynamodb, {
    marshallOptions: { removeUndefinedValues: true },
  });
  const keyWrapper = await MasterKeyWrapper.open(join(keyDir, 'master.key'));
  const pageTokenKey = await readOrCreateKey(join(keyDir, 'page-token.key'));
  const ledgerKey = await loadDeploymentKey(
    new DynamoDbDeploymentKeyStore(documents, resources.directoryTable),
    keyWrapper,
    DELIVERY_LEDGER_KEY_NAME,
  );
  const settings = options.settings;
  const metricsFile = join(keyDir, 'logs', 'metrics.jsonl');
  const metrics = options.metrics ?? new PowertoolsMetricsRecorder({ write: emfFileWriter(metricsFile) });
  const organizations = new DynamoDbOrganizationStore(documents, resources.directoryTable);
  const adminKeyStore = new DynamoDbAdminKeyStore(documents, resources.directoryTable);
  const ledger = new DynamoDbDeliveryLedger({
    documents,
    tableName: resources.mailboxTable,
    sealKey: ledgerKey,
  });
  // Stored messages wake the indexer (built below, once the mailbox service exists).
  const searchFeed = new LocalIndexFeed(
    (organizationId, mailboxId) => searchIndexer.catchUp(organizationId, mailboxId),
    (error) => logger.error('Search indexing failed', { error: error.message }),
  );
  const mailboxStore = feedingIndex(
    new DynamoDbMailboxStore(documents, {
      mailboxTable: resources.mailboxTable,
      keyTable: resources.keyTable,
      ledger: ledger.items,
    }),
    (organizationId, mailboxId) => searchFeed.notify(organizationId, mailboxId),
  );
  const blobs = new S3BlobStore(s3, resources.storeBucket);
  const organizationKey = async (organizationId: string) => {
    const organization = await organizations.getOrganization(organizationId);
    return { arn: organizationArn(settings, organizationId), kmsKeyArn: organization?.kmsKeyArn };
  };
  const mailboxes = new MailboxService({ store: mailboxStore, blobs, keyWrapper, organizationKey });
  const inFlight = new DynamoDbInFlightMessageStore(documents, resources.mailboxTable);
  const mailModel = new MailboxModel({ store: mailboxStore, blobs });
  const retention: SweepDeps = {
    policies: new DynamoDbRetentionPolicyStore(documents, resources.directoryTable),
    index: new DynamoDbRetentionIndex(documents, resources.mailboxTable),
    model: mailModel,
    now: Date.now,
    recoverableDays: options.recoverableItemsDays ?? DEFAULT_RECOVERABLE_ITEMS_DAYS,
  };
  const rawMessages = new S3RawMessageStore({ client: s3, bucket: resources.inboundBucket });
  const exports = localExports({
    documents,
    directoryTable: resources.directoryTable,
    s3,
    source: {
      listFolders: (organizationId, mailboxId) => mailboxStore.listFolders(organizationId, mailboxId),
      listFolderUids: (...args) => mailboxStore.listFolderUids(...args),
      openMessage: (...args) => mailboxes.openMessage(...args),
    },
    mailbox: () => ({
      model: new MailboxModel({ store: mailboxStore, blobs }),
      store: { mailboxes, store: mailboxStore, quotaBytes: localQuotaBytes },
    }),
    onError: (error) => logger.error('Mailbox export run failed', { error: String(error) }),
  });
  const localQuotaBytes = async (organizationId: string, mailboxId: string) =>
    mailboxQuotaBytes(
      (await deps.entities.getEntity(organizationId, mailboxId))?.mailboxQuotaMegabytes,
      settings.quotas,
    );
  const invoker = new ModuleFunctionInvoker(options.functionTargets ?? {}, {
    onAsyncError: (error) => logger.warn('Asynchronous flow-rule function failed', { error: error.message }),
    organizationAlias: async (id) => (await organizations.getOrganization(id))?.alias,
  });
  const entities = new DynamoDbEntityStore(documents, resources.directoryTable);
  const auditLogDeliveries = new DynamoDbAuditLogDeliveryStore(documents, resources.directoryTable);
  const logsDir = join(keyDir, 'logs');
  // One writer for email events and audit logs: appends to one file are serialized within it.
  const logWriter = new JsonLinesLogWriter(logsDir);
  const audit = new AuditLog({
    deliveries: auditLogDeliveries,
    writer: logWriter,
    organizationArn: (organizationId) => organizationArn(settings, organizationId),
    metrics,
    logger: { error: (...args) => logger.error(...args) },
  });
  const calendars = calendarWiring({
    documents,
    mailboxTable: resources.mailboxTable,
    mailboxStore,
    keyWrapper,
    organizationKey,
  });
  const deps: ApiDeps = {
    settings,
    organizations,
    entities,
    flowRules: new DynamoDbFlowRuleStore(documents, resources.directoryTable),
    contentBuckets: new DynamoDbContentBucketStore(documents, resources.directoryTable),
    personalAccessTokens: new DynamoDbPersonalAccessTokenStore(documents, resources.directoryTable),
    mailboxPermissions: new DynamoDbMailboxPermissionStore(documents, resources.directoryTable),
    journaling: new DynamoDbJournalingConfigurationStore(documents, resources.directoryTable),
    emailMonitoring: new DynamoDbEmailMonitoringConfigurationStore(documents, resources.directoryTable),
    auditLogDeliveries,
    audit,
    accessControlRules: new DynamoDbAccessControlRuleStore(documents, resources.directoryTable),
    mobileDeviceAccess: new DynamoDbMobileDeviceAccessStore(documents, resources.directoryTable),
    impersonation: new DynamoDbImpersonationStore(documents, resources.directoryTable),
    adminAudit: new DynamoDbAdminAuditLog(documents, resources.directoryTable),
    identityProviders: new DynamoDbIdentityProviderStore(documents, resources.directoryTable, ledgerKey),
    journalReportKey: async () => journalReportKey(ledgerKey),
    retentionPolicies: retention.policies,
    retentionSweeper: (organizationId, sweepOptions) =>
      sweepOrganization(retention, organizationId, sweepOptions),
    clientTokens: new DynamoDbClientTokenStore(documents, resources.directoryTable),
    domainVerifier: new TrustingDomainVerifier(),
    adminKeys: new AdminKeys(adminKeyStore, keyWrapper),
    mailboxes: discardingInFlight(mailboxes, { inFlight, rawMessages }),
    pageTokens: new PageTokens(pageTokenKey),
    clock: () => new Date(),
    exportJobs: exports.services,
    importJobs: exports.imports,
    availability: availabilityWiring({
      documents,
      directoryTable: resources.directoryTable,
      sealKey: ledgerKey,
      settings,
      organizations,
      entities,
      calendars,
      invoker,
      logger: { info: (...args) => logger.info(...args), warn: (...args) => logger.warn(...args) },
      allowLoopbackHttp: true,
      audit,
      ...(options.availabilityDeadlineMs === undefined ? {} : { deadlineMs: options.availabilityDeadlineMs }),
    }),
  };
  const webSessions = new DynamoDbWebSessionStore(documents, resources.directoryTable, ledgerKey);
  const relyingParty = new OpenIdRelyingParty({ allowLoopbackHttp: true });
  const authenticator = new UserAuthenticator({
    organizations,
    entities: deps.entities,
    tokens: deps.personalAccessTokens,
    attempts: new MemorySignInAttemptStore(),
    accessControl: new AccessControl(deps.accessControlRules, Date.now),
    impersonation: deps.impersonation,
    audit,
    identityProviders: deps.identityProviders,
    sessions: webSessions,
  });
  const redactor = new LogRedactor();
  redactor.useKey(ledgerKey);
  const logger = redactor.wrap(options.logger ?? silentLogger);
  const searchIndex = new DynamoDbSearchIndex(documents, resources.mailboxTable);
  const searchIndexer = new SearchIndexer({ index: searchIndex, model: mailboxStore, mailboxes });
  // The same allow-list as in the cloud: s3rver has no bucket policies, so it is the only gate here.
  const routes = messageFlowHttpRoutes({
    inFlight,
    rawMessages,
    contentSource: new S3ContentSource({ client: s3 }),
    contentBuckets: deps.contentBuckets,
    reservedBuckets: settings.reservedBuckets,
    logger,
    now: Date.now,
    verifyAdminSignature: adminSignatureVerifier(deps.adminKeys, deps.clock),
  });
  const emailEvents = new EmailEventLog({
    configurations: deps.emailMonitoring,
    writer: logWriter,
    logger,
    ...(options.emailEventCacheMs === undefined ? {} : { cacheMs: options.emailEventCacheMs }),
  });
  const isLocalDomain = async (domain: string) => (await organizations.findDomainOwner(domain)) !== undefined;
  const outboxDir = options.outboxDir ?? join(keyDir, 'outbox');
  let localDelivery: MailSender | undefined;
  const rawSource = new S3RawMessageSource({
    client: s3,
    bucket: resources.inboundBucket,
    keyPrefix: resources.inboundPrefix,
  });
  const directory = directoryRecipients(organizations, deps.entities);
  const rules = new CompiledRuleSetCache(deps.flowRules);
  const permissions = new MailboxPermissions({
    entities: deps.entities,
    permissions: deps.mailboxPermissions,
  });
  // DSNs and vacation responses: this deployment's domains through the SMTP ingress, the rest to the outbox.
  const inboundMailSender = new SplitMailSender({
    isLocalDomain,
    local: {
      sendRaw: async (message) => {
        if (!localDelivery) throw new Error('The SMTP ingress is not listening yet');
        await localDelivery.sendRaw(message);
      },
    },
    remote: new OutboxMailSender({ directory: outboxDir }),
  });
  const journaling = journalingWiring({
    documents,
    directoryTable: resources.directoryTable,
    s3,
    inboundBucket: resources.inboundBucket,
    organizations,
    testDomainSuffix: settings.testDomainSuffix,
    deploymentKey: ledgerKey,
    logger,
    events: emailEvents,
  });
  // Journal records to this deployment's domains go through the SMTP ingress; an address nobody holds refuses them.
  const journalSender = new KnownRecipientMailSender({
    isLocalDomain,
    isKnownAddress: async (address) => (await directory.resolveAddress(address)) !== undefined,
    next: inboundMailSender,
  });
  const vacations = new DynamoDbVacationSettingsStore(documents, resources.mailboxTable, ledgerKey);
  const scheduling = schedulingWiring({
    calendars,
    entities: deps.entities,
    sending: () => sending.sending,
    logger,
  });
  const sending = sendingWiring({
    documents,
    mailboxTable: resources.mailboxTable,
    sealKey: ledgerKey,
    settings,
    organizations,
    entities: deps.entities,
    permissions,
    rules,
    invoker,
    inFlight,
    rawMessages,
    mailboxes,
    mailSender: new OutboxMailSender({ directory: outboxDir }),
    reportingMta: `mail.${settings.testDomainSuffix}`,
    logger,
    journal: journaling.recorder,
    scheduling: scheduling.inbox,
    events: emailEvents,
    metrics,
  });
  const inbound: LocalInbound = {
    deps: {
      rawSource,
      ledger,
      directory,
      delivery: mailboxes,
      decider: new FlowRuleDecider({
        rules,
        organizations: organizationSettingsLookup(organizations),
        invoker,
        inFlight,
        clock: systemClock,
        logger,
        originalLocation: inboundObjectLocation(resources.inboundBucket, resources.inboundPrefix),
      }),
      mailSender: inboundMailSender,
      autoReplier: new VacationResponder({
        settings: vacations,
        replies: new DynamoDbVacationReplyLog(documents, resources.mailboxTable, ledgerKey),
        mailSender: inboundMailSender,
      }),
      logger,
      reportingMta: `mail.${settings.testDomainSuffix}`,
      replacements: rawMessages,
      journal: journaling.recorder,
      scheduling: scheduling.inbox,
      events: emailEvents,
      metrics,
    },
    rawStore: rawSource,
    isLocalDomain,
    isKnownAddress: async (address) => (await directory.resolveAddress(address)) !== undefined,
    connectLocalDelivery: (sender) => {
      localDelivery = sender;
    },
    outboxDir,
  };
  return {
    deps,
    adminKeyStore,
    keyWrapper,
    routes,
    inbound,
    mailboxes,
    audit,
    logsDir,
    userAuth: {
      authenticator,
      tokens: new PersonalAccessTokens(deps.personalAccessTokens, {
        audit,
        identityProviders: deps.identityProviders,
      }),
      webSignIn: new WebSignIn({
        organizations,
        entities: deps.entities,
        identityProviders: deps.identityProviders,
        sessions: webSessions,
        relyingParty,
        accessControl: new AccessControl(deps.accessControlRules, Date.now),
        testDomainSuffix: settings.testDomainSuffix,
      }),
      ...(options.adminSignIn && {
        adminSignIn: new AdminSignIn({
          settings: options.adminSignIn,
          relyingParty,
          pendingLogins: webSessions,
          sessions: new DynamoDbAdminSessionStore(documents, resources.directoryTable),
          keys: deps.adminKeys,
          audit: deps.adminAudit,
          requestId: randomUUID,
        }),
      }),
    },
    permissions,
    sending,
    vacation: { vacations },
    gal: new GlobalAddressList({
      directory: deps.entities,
      changes: new DynamoDbGalChangeLog(documents, resources.directoryTable),
    }),
    mail: {
      model: mailModel,
      store: mailboxStore,
      mailboxes,
      search: new MessageSearch({ index: searchIndex, store: mailboxStore, keys: mailboxes }),
      quotaBytes: async (organizationId, mailboxId) =>
        mailboxQuotaBytes(
          (await deps.entities.getEntity(organizationId, mailboxId))?.mailboxQuotaMegabytes,
          settings.quotas,
        ),
    },
    searchFeed,
    journaling: { deliverDue: (now) => journaling.deliverDue(journalSender, now) },
    retention,
    calendars,
    scheduling: scheduling.deps,
    exports,
    metrics,
    metricsFile,
    sendEvents: {
      entities: deps.entities,
      mailboxes,
      quotas: settings.quotas,
      reportingMta: `mail.${settings.testDomainSuffix}`,
      logger,
      events: emailEvents,
      metrics,
    },
    close: async () => {
      await metrics.flush();
      await Promise.all([exports.runner.stop(), exports.importRunner.stop()]);
      await searchFeed.idle();
      dynamodb.destroy();
      s3.destroy();
      if (!options.dataDir) await rm(keyDir, { recursive: true, force: true });
    },
  };
}

const silentLogger: DeliveryLogger = { info: () => {}, warn: () => {}, error: () => {} };
