/**
 * What the retention functions share (the API's StartRetentionSweep, the scheduled planner and the worker): the
 * policies, the age index and the mailbox model the sweep applies its changes through.
 */
import { DynamoDbRetentionIndex } from '../../adapters/aws/dynamodb-age-index';
import { DynamoDbMailboxStore } from '../../adapters/aws/dynamodb-mailbox-store';
import { DynamoDbRetentionPolicyStore } from '../../adapters/aws/dynamodb-retention-policy-store';
import { MailboxModel } from '../../core/mailbox/mailbox-model';
import type { SweepDeps } from '../../core/retention/sweep';
import { recoverableItemsDays } from '../retention-config';
import { config, documents, mailboxServiceDeps } from './shared';

/** Organizations' retention policies (Directory table). */
export const retentionPolicies = new DynamoDbRetentionPolicyStore(documents, config.directoryTable);

/** The sweep's dependencies: policies, the age index (Mailbox table gsi3), the mailbox model, the clock. */
export const retentionSweepDeps: SweepDeps = {
  policies: retentionPolicies,
  index: new DynamoDbRetentionIndex(documents, config.mailboxTable),
  model: new MailboxModel({
    store: new DynamoDbMailboxStore(documents, {
      mailboxTable: config.mailboxTable,
      keyTable: config.keyTable,
    }),
    blobs: mailboxServiceDeps.blobs,
  }),
  now: Date.now,
  recoverableDays: recoverableItemsDays(process.env),
};
