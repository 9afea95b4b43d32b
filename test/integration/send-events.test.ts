import type { S3Client } from '@aws-sdk/client-s3';
import { DynamoDbMailboxStore } from '../../lambdas/adapters/aws/dynamodb-mailbox-store';
import { S3BlobStore } from '../../lambdas/adapters/aws/s3-blob-store';
import { createUser, registerToWorkMail } from '../../lambdas/core/api/operations/entities';
import { MailboxService } from '../../lambdas/core/mailbox/service';
import { processSendEventNotifications, type SendEventDeps } from '../../lambdas/core/send-events';
import { sendEventsWiring } from '../../lambdas/handlers/wiring/send-events';
import { TEST_SETTINGS } from '../support/api-deps';
import { MemoryMetrics } from '../support/memory-metrics';
import { testBucketNames, testS3Client } from '../support/s3';
import { MemoryLogger } from '../unit/delivery/doubles';
import { CountingKeyWrapper } from '../unit/mailbox/doubles';
import { BOUNCE, snsEvent, tagged } from '../unit/send-events/ses-events';
import { entityKit, type EntityKit } from './entity-kit';

describe('Send events over DynamoDB Local and s3rver: the send-events function', () => {
  const metrics = new MemoryMetrics();
  const { store } = testBucketNames('store');
  let s3: S3Client;
  let kit: EntityKit;
  let mailboxes: MailboxService;
  let deps: SendEventDeps;
  let otherOrg: string;
  let ana: string;
  let ben: string;
  const logger = new MemoryLogger();

  beforeAll(async () => {
    s3 = await testS3Client(store);
    kit = await entityKit((tables) => {
      mailboxes = new MailboxService({
        store: new DynamoDbMailboxStore(tables.documents, tables),
        blobs: new S3BlobStore(s3, store),
        keyWrapper: new CountingKeyWrapper(),
        organizationKey: async (organizationId) => ({
          arn: `arn:aws:workmail:eu-west-1:111122223333:organization/${organizationId}`,
        }),
      });
      return { mailboxes };
    });
    ana = await kit.enabledUser('ana');
    otherOrg = await kit.newOrganization();
    const domain = (await kit.deps.organizations.getOrganization(otherOrg))!.defaultMailDomain;
    ben = (
      await kit.call<{ UserId: string }>(createUser, {
        OrganizationId: otherOrg,
        Name: 'ben',
        DisplayName: 'Ben',
      })
    ).UserId;
    await kit.call(registerToWorkMail, { OrganizationId: otherOrg, EntityId: ben, Email: `ben@${domain}` });
    deps = sendEventsWiring({
      entities: kit.deps.entities,
      mailboxes,
      quotas: TEST_SETTINGS.quotas,
      reportingMta: 'mail.mailwright.test',
      logger,
      documents: kit.tables.documents,
      directoryTable: kit.tables.directoryTable,
      metrics,
    });
  });
  afterAll(() => {
    s3.destroy();
    kit.tables.client.destroy();
  });

  const inbox = async (organizationId: string, mailboxId: string) =>
    (await mailboxes.listMessages(organizationId, mailboxId, 'INBOX', { limit: 10 })).items;

  it('puts one report in the sender’s Inbox for a bounce SNS delivers twice', async () => {
    const message = tagged(BOUNCE, { organizationId: kit.orgId, mailboxId: ana });

    const first = await processSendEventNotifications(deps, snsEvent(message));
    expect(metrics.sum('OutgoingEmailBounced', kit.orgId)).toBe(1);
    const again = await processSendEventNotifications(deps, snsEvent(message));

    const messages = await inbox(kit.orgId, ana);
    expect(messages).toHaveLength(1);
    expect(first).toEqual([{ outcome: 'reported', reportId: messages[0]?.messageId }]);
    expect(again).toEqual(first);
    expect(messages[0]?.summary.subject).toBe('Undeliverable: Message sent from Amazon SES');
    const raw = (await mailboxes.readMessage(kit.orgId, ana, messages[0]!.messageId)).toString();
    expect(raw).toMatch(new RegExp(`^To: <ana@${kit.domain.replace(/\./g, '\\.')}>\\r$`, 'm'));
    expect(raw).toContain('Final-Recipient: rfc822; recipient@example.com');
    expect(raw).toContain('Diagnostic-Code: smtp; 550 5.1.1 user unknown');
  });

  it('never reports into another organization’s mailbox, whichever tag is forged', async () => {
    const forged = [
      tagged(BOUNCE, { organizationId: kit.orgId, mailboxId: ben }),
      tagged(BOUNCE, { organizationId: otherOrg, mailboxId: ana }),
    ];
    const before = (await inbox(kit.orgId, ana)).length;

    const outcomes = await processSendEventNotifications(deps, snsEvent(...forged));

    expect(outcomes).toEqual([
      { outcome: 'ignored', reason: 'unknownMailbox' },
      { outcome: 'ignored', reason: 'unknownMailbox' },
    ]);
    expect(await inbox(otherOrg, ben)).toEqual([]);
    expect(await inbox(kit.orgId, ana)).toHaveLength(before);
    expect(JSON.stringify(logger.entries)).not.toContain('@');
  });
});
