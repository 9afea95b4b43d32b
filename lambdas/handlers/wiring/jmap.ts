/**
 * The JMAP function's composition root: user sign-in (directory passwords, personal access tokens, failure counts
 * in the Directory table), the mailbox model over the Mailbox table and the `store` bucket, and sending (SES v2 for
 * outside recipients, the mailbox service for this deployment's, outbound flow rules with Lambda). The JMAP handler
 * imports {@link jmapRoute} from here.
 */
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDbDeploymentKeyStore } from '../../adapters/aws/dynamodb-deployment-key-store';
import { LambdaFunctionInvoker } from '../../adapters/aws/lambda-function-invoker';
import { SesV2MailSender } from '../../adapters/aws/sesv2-mail-sender';
import { DELIVERY_LEDGER_KEY_NAME, deploymentKeyLoader } from '../../core/crypto';
import { CompiledRuleSetCache } from '../../core/flow-rules';
import { LogRedactor } from '../../core/logging';
import { sendingWiring } from './sending';
import { DynamoDbMailboxPermissionStore } from '../../adapters/aws/dynamodb-mailbox-permission-store';
import { DynamoDbMailboxStore } from '../../adapters/aws/dynamodb-mailbox-store';
import { DynamoDbSearchIndex } from '../../adapters/aws/dynamodb-search-index';
import { DynamoDbPersonalAccessTokenStore } from '../../adapters/aws/dynamodb-personal-access-token-store';
import { DynamoDbSignInAttemptStore } from '../../adapters/aws/dynamodb-sign-in-attempt-store';
import { DynamoDbVacationSettingsStore } from '../../adapters/aws/dynamodb-vacation-settings-store';
import { mailboxQuotaBytes } from '../../core/config/quotas';
import { MailboxModel } from '../../core/mailbox/mailbox-model';
import { MailboxService } from '../../core/mailbox/service';
import { MailboxPermissions } from '../../core/permissions';
import { MessageSearch } from '../../core/search';
import { UserAuthenticator } from '../../core/user-auth/user-authenticator';
import { createAutoconfigRoute, type AutoconfigRoute } from '../../http/autoconfig';
import type { JmapRoute } from '../../http/jmap/jmap-api';
import { createMailJmap } from '../../http/jmap/mail/mail-api';
import { logger } from '../observability';
import {
  config,
  documents,
  entities,
  flowRules,
  inFlight,
  keyWrapper,
  mailboxServiceDeps,
  organizations,
  rawMessages,
  settings,
} from './shared';

const store = new DynamoDbMailboxStore(documents, {
  mailboxTable: config.mailboxTable,
  keyTable: config.keyTable,
});
const mailboxes = new MailboxService({ ...mailboxServiceDeps, store });
const authenticator = new UserAuthenticator({
  organizations,
  entities,
  tokens: new DynamoDbPersonalAccessTokenStore(documents, config.directoryTable),
  attempts: new DynamoDbSignInAttemptStore(documents, config.directoryTable),
});
const deps = {
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
const permissions = new MailboxPermissions({
  entities,
  permissions: new DynamoDbMailboxPermissionStore(documents, config.directoryTable),
});
/**
 * Seals submission records, identity settings and vacation responses (the delivery ledger's deployment key, loaded
 * on first use).
 */
const sealKey = deploymentKeyLoader(
  new DynamoDbDeploymentKeyStore(documents, config.directoryTable),
  keyWrapper,
  DELIVERY_LEDGER_KEY_NAME,
);
/** Sending logs (flow rules applied) carry no address in clear: without a key set, addresses are fully redacted. */
const sendingLogger = new LogRedactor().wrap({
  info: (message, attributes) => logger.info(message, { ...attributes }),
  warn: (message, attributes) => logger.warn(message, { ...attributes }),
  error: (message, attributes) => logger.error(message, { ...attributes }),
});
const submission = sendingWiring({
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
});
const routes = new Map<string, JmapRoute>();

/** Mail app autoconfiguration (Thunderbird, Outlook, Apple), when the deployment offers IMAP and submission. */
export const autoconfigRoute: AutoconfigRoute | undefined =
  settings.mailAccess &&
  createAutoconfigRoute({
    mailAccess: settings.mailAccess,
    findDomainOwner: (domain) => organizations.findDomainOwner(domain),
  });

/**
 * The JMAP front end for one public base URL (API Gateway's, or a custom domain's), built once per container.
 * @example
 * const route = jmapRoute('https://mail.example.com/jmap');
 */
export function jmapRoute(baseUrl: string): JmapRoute {
  let route = routes.get(baseUrl);
  if (!route) {
    route = createMailJmap({
      baseUrl,
      authenticate: (authorization, sourceAddress) =>
        authenticator.authenticate(authorization, { sourceAddress }),
      deps,
      submission,
      vacation: { vacations: new DynamoDbVacationSettingsStore(documents, config.mailboxTable, sealKey) },
      // A Lambda behind API Gateway receives at most 6 MB, base64 included.
      limits: { maxSizeUpload: 4 * 1024 * 1024, maxSizeRequest: 4_000_000 },
      sharedMailboxes: async (user) =>
        (await permissions.openableMailboxes(user.organizationId, user.userId)).map(
          ({ mailboxId, email }) => ({
            mailboxId,
            name: email,
          }),
        ),
      logger: { error: (message, fields) => logger.error(message, { ...fields }) },
    });
    routes.set(baseUrl, route);
  }
  return route;
}
