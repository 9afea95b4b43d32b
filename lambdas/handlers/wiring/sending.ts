/**
 * Sending's composition, shared by the JMAP function (`./jmap`, SES v2) and the local runtime (the outbox folder
 * standing in for SES): the sending core over the DynamoDB stores. Builds no SDK client itself; mail for this
 * deployment's domains never leaves through the mail sender (the core delivers it through the mailbox service).
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbIdentitySettingsStore } from '../../adapters/aws/dynamodb-identity-settings-store';
import { DynamoDbSendingCounters } from '../../adapters/aws/dynamodb-sending-counters';
import { DynamoDbSubmissionStore } from '../../adapters/aws/dynamodb-submission-store';
import type { DeploymentSettings } from '../../core/api/deps';
import { mailboxQuotaBytes } from '../../core/config/quotas';
import type { DeliveryLogger, MailSender } from '../../core/delivery';
import { directoryRecipients } from '../../core/delivery/directory-recipients';
import type { EntityStore, OrganizationStore } from '../../core/directory/ports';
import { systemClock, type FunctionInvoker } from '../../core/flow-lambda';
import type { CompiledRuleSetCache } from '../../core/flow-rules/cache';
import type { MailboxService } from '../../core/mailbox/service';
import type { InFlightMessageStore, RawMessageStore } from '../../core/message-flow';
import type { MailboxPermissions } from '../../core/permissions';
import type { SubmissionMethodDeps } from '../../http/jmap/mail/submission-context';
import type { SendingDeps } from '../../core/sending/ports';

/** What {@link sendingWiring} composes. */
export interface SendingPieces {
  readonly documents: DynamoDBDocumentClient;
  readonly mailboxTable: string;
  /** The deployment key that seals submission records and identity settings (the delivery ledger's). */
  readonly sealKey: Uint8Array | (() => Promise<Uint8Array>);
  readonly settings: Pick<DeploymentSettings, 'quotas' | 'testDomainSuffix'>;
  readonly organizations: Pick<OrganizationStore, 'findDomainOwner'>;
  readonly entities: Pick<EntityStore, 'findByEmail' | 'getEntity' | 'listMembers'>;
  readonly permissions: MailboxPermissions;
  readonly rules: CompiledRuleSetCache;
  readonly invoker: FunctionInvoker;
  readonly inFlight: InFlightMessageStore;
  readonly rawMessages: Pick<RawMessageStore, 'get' | 'putReplacement'>;
  readonly mailboxes: MailboxService;
  /** Where mail for outside addresses goes: the outbox locally, SES v2 in the cloud. */
  readonly mailSender: MailSender;
  readonly reportingMta: string;
  readonly logger: DeliveryLogger;
  /** Journals sent mail. @default - none */
  readonly journal?: SendingDeps['journal'];
  /** Applies iMIP mail delivered to colleagues to their calendars. @default - none */
  readonly scheduling?: SendingDeps['scheduling'];
  /** The organizations' email event logs. @default - none */
  readonly events?: SendingDeps['events'];
  /** The mail metrics. @default - none */
  readonly metrics?: SendingDeps['metrics'];
}

/**
 * The ports of the Identity and EmailSubmission methods, for either runtime.
 * @example
 * const submission = sendingWiring({ documents, mailboxTable, sealKey: ledgerKey, … });
 */
export function sendingWiring(pieces: SendingPieces): SubmissionMethodDeps {
  const { documents, mailboxTable, settings, entities } = pieces;
  const quotaBytes = async (organizationId: string, mailboxId: string) =>
    mailboxQuotaBytes(
      (await entities.getEntity(organizationId, mailboxId))?.mailboxQuotaMegabytes,
      settings.quotas,
    );
  return {
    sending: {
      directory: {
        ...directoryRecipients(pieces.organizations, entities),
        domainOwner: (domain) => pieces.organizations.findDomainOwner(domain),
        quotaBytes,
        defaultQuotaBytes: mailboxQuotaBytes(undefined, settings.quotas),
      },
      permissions: pieces.permissions,
      rules: pieces.rules,
      lambdas: {
        invoker: pieces.invoker,
        inFlight: pieces.inFlight,
        rawMessages: pieces.rawMessages,
        clock: systemClock,
      },
      mailboxes: pieces.mailboxes,
      mailSender: pieces.mailSender,
      counters: new DynamoDbSendingCounters(documents, mailboxTable),
      quotas: settings.quotas,
      testDomainSuffix: settings.testDomainSuffix,
      reportingMta: pieces.reportingMta,
      logger: pieces.logger,
      journal: pieces.journal,
      scheduling: pieces.scheduling,
      events: pieces.events,
      metrics: pieces.metrics,
    },
    submissions: new DynamoDbSubmissionStore(documents, mailboxTable, pieces.sealKey),
    identitySettings: new DynamoDbIdentitySettingsStore(documents, mailboxTable, pieces.sealKey),
    entities,
    permissions: pieces.permissions,
  };
}
