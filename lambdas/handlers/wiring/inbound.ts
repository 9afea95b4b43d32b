/**
 * The inbound mail function's composition root: the delivery ledger with its deployment key, the raw-message
 * source, the SES v2 mail sender (DSNs and vacation responses), the Lambda invoker, the flow-rule decider and the
 * vacation responder, built on the shared stores of
 * `./shared`. The inbound handler imports {@link inboundDeps} from here.
 */
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDbDeliveryLedger } from '../../adapters/aws/dynamodb-delivery-ledger';
import { DynamoDbDeploymentKeyStore } from '../../adapters/aws/dynamodb-deployment-key-store';
import { DynamoDbMailboxPermissionStore } from '../../adapters/aws/dynamodb-mailbox-permission-store';
import { DynamoDbMailboxStore } from '../../adapters/aws/dynamodb-mailbox-store';
import { LambdaFunctionInvoker } from '../../adapters/aws/lambda-function-invoker';
import { S3RawMessageSource } from '../../adapters/aws/s3-raw-message-source';
import { SesV2MailSender } from '../../adapters/aws/sesv2-mail-sender';
import { DynamoDbVacationReplyLog } from '../../adapters/aws/dynamodb-vacation-reply-log';
import { DynamoDbVacationSettingsStore } from '../../adapters/aws/dynamodb-vacation-settings-store';
import { DELIVERY_LEDGER_KEY_NAME, deploymentKeyLoader } from '../../core/crypto';
import { directoryRecipients, type DeliveryLogger, type InboundDeps } from '../../core/delivery';
import { systemClock } from '../../core/flow-lambda';
import { CompiledRuleSetCache } from '../../core/flow-rules';
import { FlowRuleDecider, inboundObjectLocation, organizationSettingsLookup } from '../../core/inbound-rules';
import { LogRedactor } from '../../core/logging';
import { MailboxService } from '../../core/mailbox/service';
import { MailboxPermissions } from '../../core/permissions';
import { VacationResponder } from '../../core/vacation';
import { emailEventLogWiring } from './email-events';
import { journalingWiring } from './journaling';
import { calendars } from './calendars';
import { schedulingWiring } from './scheduling';
import { sendingWiring } from './sending';
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

const sesv2 = new SESv2Client({});
const lambda = new LambdaClient({});

/** The delivery ledger's deployment key (Directory table, KMS-wrapped), unwrapped once per container on first use. */
const ledgerKey = deploymentKeyLoader(
  new DynamoDbDeploymentKeyStore(documents, config.directoryTable),
  keyWrapper,
  DELIVERY_LEDGER_KEY_NAME,
);

const ledger = new DynamoDbDeliveryLedger({ documents, tableName: config.mailboxTable, sealKey: ledgerKey });

/** DSNs and vacation responses leave through SES v2. */
const mailSender = new SesV2MailSender({ client: sesv2 });

/** Delivers with the ledger receipt in the message's own transaction. */
const mailboxes = new MailboxService({
  ...mailboxServiceDeps,
  store: new DynamoDbMailboxStore(documents, {
    mailboxTable: config.mailboxTable,
    keyTable: config.keyTable,
    ledger: ledger.items,
  }),
});

/** Pseudonymizes addresses and drops subjects in every delivery log line, keyed by the ledger's deployment key. */
const redactor = new LogRedactor();

/** Delivery and flow-rule events, through the one Powertools logger, redacted. */
const deliveryLogger: DeliveryLogger = redactor.wrap({
  info: (message, attributes) => logger.info(message, { ...attributes }),
  warn: (message, attributes) => logger.warn(message, { ...attributes }),
  error: (message, attributes) => logger.error(message, { ...attributes }),
});

/**
 * Loads the ledger's deployment key (once per container) and keys the log pseudonyms with it; the handler awaits
 * it before processing, so every log line carries correlatable pseudonyms.
 * @example
 * await inboundReady();
 */
export async function inboundReady(): Promise<void> {
  redactor.useKey(await ledgerKey());
}

/** The organizations' email event logs (CloudWatch Logs, through the roles they name). */
const events = emailEventLogWiring({
  documents,
  directoryTable: config.directoryTable,
  logger: deliveryLogger,
});

/** Journals delivered and sent mail (the inbound function sends a resource's booking answers). */
const journal = journalingWiring({
  documents,
  directoryTable: config.directoryTable,
  s3,
  inboundBucket: config.inboundBucket,
  organizations,
  testDomainSuffix: config.testDomainSuffix,
  deploymentKey: ledgerKey,
  logger: deliveryLogger,
  events,
}).recorder;

/**
 * Calendar scheduling: iMIP mail delivered here updates the recipient's calendar; a resource answers booking
 * requests through the sending core (no configuration set: like DSNs, its bounces are not reported back).
 */
const scheduling = schedulingWiring({
  calendars,
  entities,
  sending: () => sending.sending,
  logger: deliveryLogger,
});
const sending = sendingWiring({
  documents,
  mailboxTable: config.mailboxTable,
  sealKey: ledgerKey,
  settings,
  organizations,
  entities,
  permissions: new MailboxPermissions({
    entities,
    permissions: new DynamoDbMailboxPermissionStore(documents, config.directoryTable),
  }),
  rules: new CompiledRuleSetCache(flowRules),
  invoker: new LambdaFunctionInvoker(lambda),
  inFlight,
  rawMessages,
  mailboxes,
  mailSender,
  reportingMta: config.reportingMta,
  logger: deliveryLogger,
  journal,
  scheduling: scheduling.inbox,
  events,
  metrics,
});

/**
 * Time kept back from the function timeout for the rest of the attempt (storing the decision, delivery, DSNs): a
 * minute, or half the timeout when that is shorter.
 */
const decisionSafetyMarginMs = Math.min(60_000, (config.functionTimeoutSeconds * 1000) / 2);

/**
 * The inbound pipeline's ports. The decision (DMARC, flow rules, Run Lambda rules) is taken once per message and
 * stored in the ledger (`DECISION`); its claim lasts as long as the function may run, so a timed-out attempt's
 * claim has expired when Lambda retries, and all synchronous rules of a message together stop a safety margin
 * before that timeout (`decisionBudgetMs`; rules reached after it get their fallback without being invoked).
 */
export const inboundDeps: InboundDeps = {
  rawSource: new S3RawMessageSource({
    client: s3,
    bucket: config.inboundBucket,
    keyPrefix: config.inboundPrefix,
  }),
  ledger,
  directory: directoryRecipients(organizations, entities),
  delivery: mailboxes,
  decider: new FlowRuleDecider({
    rules: new CompiledRuleSetCache(flowRules),
    organizations: organizationSettingsLookup(organizations),
    invoker: new LambdaFunctionInvoker(lambda),
    inFlight,
    clock: systemClock,
    logger: deliveryLogger,
    originalLocation: inboundObjectLocation(config.inboundBucket, config.inboundPrefix),
    decisionBudgetMs: config.functionTimeoutSeconds * 1000 - decisionSafetyMarginMs,
  }),
  replacements: rawMessages,
  decisionLeaseMs: config.functionTimeoutSeconds * 1000,
  mailSender,
  autoReplier: new VacationResponder({
    settings: new DynamoDbVacationSettingsStore(documents, config.mailboxTable, ledgerKey),
    replies: new DynamoDbVacationReplyLog(documents, config.mailboxTable, ledgerKey),
    mailSender,
  }),
  logger: deliveryLogger,
  reportingMta: config.reportingMta,
  journal,
  scheduling: scheduling.inbox,
  events,
  metrics,
};
