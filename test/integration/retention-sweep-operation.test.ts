import { DynamoDbRetentionIndex } from '../../lambdas/adapters/aws/dynamodb-age-index';
import { DynamoDbMailboxStore } from '../../lambdas/adapters/aws/dynamodb-mailbox-store';
import { DynamoDbRetentionPolicyStore } from '../../lambdas/adapters/aws/dynamodb-retention-policy-store';
import type { Operation } from '../../lambdas/core/api/operation';
import { createOrganization } from '../../lambdas/core/api/operations/organizations';
import { putRetentionPolicy, startRetentionSweep } from '../../lambdas/core/api/operations/retention';
import { MailboxModel } from '../../lambdas/core/mailbox/mailbox-model';
import { MailboxService } from '../../lambdas/core/mailbox/service';
import { sweepOrganization, type SweepDeps } from '../../lambdas/core/retention/sweep';
import { createTestApiDeps, type TestApiDeps } from '../support/api-deps';
import { CountingKeyWrapper, InMemoryBlobStore } from '../unit/mailbox/doubles';

const op = (operation: unknown) => operation as Operation;
const DAY = 86_400_000;

async function refusal(promise: Promise<unknown>): Promise<string | undefined> {
  return promise.then(
    () => undefined,
    (error: Error) => error.name,
  );
}

describe('Operation: StartRetentionSweep (DynamoDB Local)', () => {
  let api: TestApiDeps;
  let service: MailboxService;
  let store: DynamoDbMailboxStore;
  let clock: number;
  let organization: string;
  let other: string;

  beforeEach(async () => {
    clock = Date.UTC(2026, 2, 1);
    const now = () => clock;
    api = await createTestApiDeps((tables) => {
      store = new DynamoDbMailboxStore(tables.documents, tables);
      const blobs = new InMemoryBlobStore();
      service = new MailboxService({
        store,
        blobs,
        keyWrapper: new CountingKeyWrapper(),
        organizationKey: async (id) => ({
          arn: `arn:aws:workmail:eu-west-1:111122223333:organization/${id}`,
        }),
        now,
      });
      const retention: SweepDeps = {
        policies: new DynamoDbRetentionPolicyStore(tables.documents, tables.directoryTable),
        index: new DynamoDbRetentionIndex(tables.documents, tables.mailboxTable),
        model: new MailboxModel({ store, blobs, now }),
        now,
        recoverableDays: 30,
      };
      return {
        retentionPolicies: retention.policies,
        retentionSweeper: (id, options) => sweepOrganization(retention, id, options),
      };
    });
    const create = async (prefix: string) =>
      (
        await api.call<{ OrganizationId: string }>(op(createOrganization), {
          Alias: `${prefix}${Date.now()}${Math.floor(Math.random() * 1e6)}`,
        })
      ).OrganizationId;
    organization = await create('sweepa');
    other = await create('sweepb');
    for (const org of [organization, other]) {
      await service.provision(org, 'S-1-u');
      for (const messageId of ['one', 'two', 'three'])
        await service.deliver({
          organizationId: org,
          mailboxId: 'S-1-u',
          messageId,
          folder: 'JUNK_EMAIL',
          raw: Buffer.from(`Subject: ${messageId}\r\n\r\nspam`),
          receivedAt: clock,
          summary: {},
          quotaBytes: 1e7,
        });
      await api.call(op(putRetentionPolicy), {
        OrganizationId: org,
        Name: 'junk',
        FolderConfigurations: [{ Name: 'JUNK_EMAIL', Action: 'PERMANENTLY_DELETE', Period: 10 }],
      });
    }
    clock += 11 * DAY;
  });

  it('counts in a dry run, then applies the policy and reports per folder and action', async () => {
    const dry = await api.call(op(startRetentionSweep), { OrganizationId: organization, DryRun: true });
    const applied = await api.call(op(startRetentionSweep), { OrganizationId: organization });
    const again = await api.call(op(startRetentionSweep), { OrganizationId: organization });

    const expected = (messages: number) => ({
      Counts: [
        { Folder: 'JUNK_EMAIL', Action: 'PERMANENTLY_DELETE', Messages: messages },
        { Folder: 'RECOVERABLE_ITEMS', Action: 'PERMANENTLY_DELETE', Messages: 0 },
      ],
      Complete: true,
    });
    expect(dry).toEqual(expected(3));
    expect(applied).toEqual(expected(3));
    expect(again).toEqual(expected(0));
    expect(await store.getMessage(organization, 'S-1-u', 'one')).toBeUndefined();
  });

  it("keeps organizations apart: a sweep of one leaves the other's mail, and a key of one cannot sweep the other", async () => {
    const scoped = { accessKeyId: 'AKIDSCOPED', organizations: [other] };

    await api.call(op(startRetentionSweep), { OrganizationId: organization });
    const refused = await refusal(
      api.call(op(startRetentionSweep), { OrganizationId: organization }, scoped as never),
    );
    const unknown = await refusal(
      api.call(op(startRetentionSweep), { OrganizationId: 'm-00000000000000000000000000000000' }),
    );

    expect(refused).toBe('OrganizationNotFoundException');
    expect(unknown).toBe('OrganizationNotFoundException');
    expect((await store.getMessage(other, 'S-1-u', 'one'))?.folder).toBe('JUNK_EMAIL');
  });
});

describe('Operation: StartRetentionSweep bounds', () => {
  it('changes at most 1,000 messages per call and counts at most 10,000 in a dry run', async () => {
    const asked: unknown[] = [];
    const api = await createTestApiDeps({
      retentionSweeper: async (organizationId: string, options: unknown) => {
        asked.push(options);
        return { organizationId, counts: [], complete: false };
      },
    });
    const { OrganizationId } = await api.call<{ OrganizationId: string }>(op(createOrganization), {
      Alias: `bounds${Date.now()}`,
    });

    const applied = await api.call(op(startRetentionSweep), { OrganizationId });
    await api.call(op(startRetentionSweep), { OrganizationId, DryRun: true });

    expect(applied).toEqual({ Counts: [], Complete: false });
    expect(asked).toEqual([
      { dryRun: false, maxMessages: 1000 },
      { dryRun: true, maxMessages: 10_000 },
    ]);
  });
});
