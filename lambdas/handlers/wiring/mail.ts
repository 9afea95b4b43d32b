import { DynamoDbImpersonationStore } from '../../adapters/aws/dynamodb-impersonation-store';
import { DynamoDbAccessControlRuleStore } from '../../adapters/aws/dynamodb-access-control-rule-store';
import { AccessControl } from '../../core/access-control/access-control';
/**
 * What every front end of users' mail shares, in either compute (the JMAP function and the IMAP/submission
 * container): user sign-in (directory passwords, personal access tokens, failure counts in the Directory table), the
 * mailbox model over the Mailbox table and the `store` bucket, the encrypted search index, mailbox permissions, and
 * sending (SES v2 for outside recipients, the mailbox service for this deployment's, outbound flow rules with Lambda).
 */
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDbDeploymentKeyStore } from '../../adapters/aws/dynamodb-deployment-key-store';
import { DynamoDbIdentityProviderStore } from '../../adapters/aws/dynamodb-identity-provider-store';
import { DynamoDbWebSessionStore } from '../../adapters/aws/dynamodb-web-session-store';
import { DynamoDbMailboxPermissionStore } from '../../adapters/aws/dynamodb-mailbox-permission-store';
import { DynamoDbMailboxStore } from '../../adapters/aws/dynamodb-mailbox-store';
import { DynamoDbPersonalAccessTokenStore } from '../../adapters/aws/dynamodb-personal-access-token-store';
import { DynamoDbSearchIndex } from '../../adapters/aws/dynamodb-search-index';
import { DynamoDbSignInAttemptStore } from '../../adapters/aws/dynamodb-sign-in-attempt-store';
import { LambdaFunctionInvoker } from '../../adapters/aws/lambda-function-invoker';
import { SesV2MailSender } from '../../adapters/aws/sesv2-mail-sender';
import { mailboxQuotaBytes } from '../../core/config/quotas';
import { DELIVERY_LEDGER_KEY_NAME, deploymentKeyLoader } from '../../core/crypto';
import { CompiledRuleSetCache } from '../../core/flow-rules';
import { LogRedactor } from '../../core/logging';
import { MailboxModel } from '../../core/mailbox/mailbox-model';
import { MailboxService } from '../../core/mailbox/service';
import { MailboxPermissions } from '../../core/permissions';
import { MessageSearch } from '../../core/search';
import { UserAuthenticator } from '../../core/user-auth/user-authenticator';
import { logger } from '../observability';
import {
  config,
  documents,
  entities,
  flowRules,
  inFlight,
  keyWrapper,
  mailboxServiceDeps,
  metrics,
  organizations,
  rawMessages,
  s3,
  settings,
} from './shared';
import { sendingWiring } from './sending';
import { journalingWiring } from './journaling';
import { emailEventLogWiring } from './email-events';
import { auditLogWiring } from './log-delivery';
import { calendars } from './calendars';
import { schedulingWiring } from './scheduling';

/** Messages, folders and the change log (Mailbox table), with wrapped mailbox keys (key table). */
export const store = new DynamoDbMailboxStore(documents, {
  mailboxTable: config.mailboxTable,
  keyTable: config.keyTable,
});
/** Encrypted mailboxes: reading, delivering, key unwrapping. */
export const mailboxes = new MailboxService({ ...mailboxServiceDeps, store });
/**
 * Seals submission records, identity settings and vacation responses, issuers' client secrets and pending web sign-ins (the delivery ledger's deployment key, loaded
 * on first use).
 */
export const sealKey = deploymentKeyLoader(
  new DynamoDbDeploymentKeyStore(documents, config.directoryTable),
  keyWrapper,
  DELIVERY_LEDGER_KEY_NAME,
);
/** Organizations' single sign-on settings: the authentication mode and the issuer of web sign-in. */
export const identityProviders = new DynamoDbIdentityProviderStore(documents, config.directoryTable, sealKey);
/** Web sign-in's pending logins and sessions. */
export const webSessions = new DynamoDbWebSessionStore(documents, config.directoryTable, sealKey);
/** The organizations' audit logs: sign-ins and rule evaluations here, mailbox access in JMAP and IMAP. */
export const audit = auditLogWiring({
  documents,
  directoryTable: config.directoryTable,
  settings,
  metrics,
  logger: { error: (message, fields) => logger.error(message, { ...fields }) },
});
/**
 * Users sign in with their password, a personal access token or a single sign-on session, as their organization's
 * identity provider configuration allows; failures back off per user and source.
 */
export const authenticator = new UserAuthenticator({
  organizations,
  entities,
  tokens: new DynamoDbPersonalAccessTokenStore(documents, config.directoryTable),
  attempts: new DynamoDbSignInAttemptStore(documents, config.directoryTable),
  accessControl: new AccessControl(
    new DynamoDbAccessControlRuleStore(documents, config.directoryTable),
    Date.now,
  ),
  impersonation: new DynamoDbImpersonationStore(documents, config.directoryTable),
  identityProviders,
  sessions: webSessions,
  audit,
});
/** The mailbox model as the protocol front ends use it (JMAP Mail, IMAP). */
export const mail = {
  model: new MailboxModel({ store, blobs: mailboxServiceDeps.blobs }),
  store,
  mailboxes,
  search: new MessageSearch({
    index: new DynamoDbSearchIndex(documents, config.mailboxTable),
    store,
    keys: mailboxes,
  }),
  quotaBytes: async (organizationId: string, mailboxId: string) =>
    mailboxQuotaBytes(
      (await entities.getEntity(organizationId, mailboxId))?.mailboxQuotaMegabytes,
      settings.quotas,
    ),
};
/** Which mailboxes a user may open or send from (FULL_ACCESS, SEND_AS, SEND_ON_BEHALF). */
export const permissions = new MailboxPermissions({
  entities,
  permissions: new DynamoDbMailboxPermissionStore(documents, config.directoryTable),
});
/** Sending logs (flow rules applied) carry no address in clear: without a key set, addresses are fully redacted. */
export const sendingLogger = new LogRedactor().wrap({
  info: (message, attributes) => logger.info(message, { ...attributes }),
  warn: (message, attributes) => logger.warn(message, { ...attributes }),
  error: (message, attributes) => logger.error(message, { ...attributes }),
});
/** The organizations' email event logs (submissions and mail to colleagues). */
const events = emailEventLogWiring({
  documents,
  directoryTable: config.directoryTable,
  logger: sendingLogger,
});
/** Calendar scheduling: iMIP mail sent to colleagues updates their calendars; CalDAV changes send iMIP mail. */
export const scheduling = schedulingWiring({
  calendars,
  entities,
  sending: () => submission.sending,
  logger: sendingLogger,
});
/** The sending core and the stores of submissions and identities (JMAP EmailSubmission, SMTP submission). */
export const submission = sendingWiring({
  documents,
  mailboxTable: config.mailboxTable,
  sealKey,
  settings,
  organizations,
  entities,
  permissions,
  rules: new CompiledRuleSetCache(flowRules),
  invoker: new LambdaFunctionInvoker(new LambdaClient({})),
  inFlight,
  rawMessages,
  mailboxes,
  mailSender: new SesV2MailSender({
    client: new SESv2Client({}),
    configurationSetName: config.sesConfigurationSet,
  }),
  reportingMta: config.reportingMta,
  logger: sendingLogger,
  journal: journalingWiring({
    documents,
    directoryTable: config.directoryTable,
    s3,
    inboundBucket: config.inboundBucket,
    organizations,
    testDomainSuffix: settings.testDomainSuffix,
    deploymentKey: sealKey,
    logger: sendingLogger,
    events,
  }).recorder,
  scheduling: scheduling.inbox,
  events,
  metrics,
});
