/**
 * The send-events function's composition: SES sending events of users' mail become reports through the mailbox
 * service, over the directory's entities. Builds no SDK client itself; the handler passes the shared stores.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SoftQuotas } from '../../core/config/quotas';
import type { DeliveryLogger } from '../../core/delivery';
import type { EntityStore } from '../../core/directory/ports';
import { LogRedactor } from '../../core/logging';
import type { MailboxService } from '../../core/mailbox/service';
import type { MetricsRecorder } from '../../core/metrics';
import type { SendEventDeps } from '../../core/send-events';
import { emailEventLogWiring } from './email-events';

/** What {@link sendEventsWiring} composes. */
export interface SendEventsPieces {
  readonly entities: Pick<EntityStore, 'getEntity'>;
  readonly mailboxes: Pick<MailboxService, 'deliver'>;
  readonly quotas: Pick<SoftQuotas, 'defaultMailboxQuotaMegabytes'>;
  readonly reportingMta: string;
  /** Where log lines go (the Powertools logger); they pass a redactor first. */
  readonly logger: DeliveryLogger;
  /** Where the Directory table is: email monitoring configurations are read from it. */
  readonly documents: DynamoDBDocumentClient;
  readonly directoryTable: string;
  /** Where OutgoingEmailSent and OutgoingEmailBounced are counted. */
  readonly metrics: MetricsRecorder;
}

/**
 * The ports of `processSendEvent`. Its log lines carry ids and counts only; the redactor (without a key, so any
 * address would be fully redacted) is the second line of defence.
 * @example
 * const deps = sendEventsWiring({ entities, mailboxes, quotas: config.quotas, reportingMta, logger, documents,
 *   directoryTable: config.directoryTable });
 */
export function sendEventsWiring(pieces: SendEventsPieces): SendEventDeps {
  const logger = new LogRedactor().wrap(pieces.logger);
  return {
    entities: pieces.entities,
    mailboxes: pieces.mailboxes,
    quotas: pieces.quotas,
    reportingMta: pieces.reportingMta,
    logger,
    events: emailEventLogWiring({
      documents: pieces.documents,
      directoryTable: pieces.directoryTable,
      logger,
    }),
    metrics: pieces.metrics,
  };
}
