import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import {
  AssociateMemberToGroupCommand,
  CreateAliasCommand,
  CreateGroupCommand,
  CreateOrganizationCommand,
  CreateResourceCommand,
  CreateUserCommand,
  GetMailboxDetailsCommand,
  RegisterMailDomainCommand,
  RegisterToWorkMailCommand,
  type WorkMailClient,
} from '@aws-sdk/client-workmail';
import { createTransport } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import { listDeliveredMessages, readDeliveredMessage } from '../../lambdas/local/read-message';
import { s3LocalClient } from '../../lambdas/local/s3-local';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';

const DOMAIN = 'inbound.example.com';
const SUBJECT = 'Quarterly plans 7f3a9c';
const BODY = 'The secret body line 51d2e8 should never be stored in plaintext.';

/** A 50 KB-ish message with an attachment, composed once so the exact bytes are known. */
async function composeMessage(to: string[]): Promise<Buffer> {
  return new MailComposer({
    from: 'Sender <sender@outside.example.net>',
    to,
    subject: SUBJECT,
    text: BODY,
    attachments: [{ filename: 'plan.bin', content: Buffer.alloc(36_000, 7) }],
  })
    .compile()
    .build();
}

describe('E2E: inbound mail over SMTP into encrypted mailboxes', () => {
  let mw: TestRuntime;
  let client: WorkMailClient;
  let organizationId: string;
  const ids: Record<string, string> = {};

  const sendRaw = (raw: Buffer, to: string[], from = 'sender@outside.example.net') =>
    createTransport({ host: mw.smtp.host, port: mw.smtp.port, secure: false, ignoreTLS: true }).sendMail({
      envelope: { from, to },
      raw,
    });
  const inbox = (address: string) => listDeliveredMessages(mw.deps, mw.mailboxes, address, 'INBOX');

  beforeAll(async () => {
    mw = await startTestRuntime();
    client = mw.workmail();
    ({ OrganizationId: organizationId } = (await client.send(
      new CreateOrganizationCommand({ Alias: 'inbound' }),
    )) as { OrganizationId: string });
    const OrganizationId = organizationId;
    await client.send(new RegisterMailDomainCommand({ OrganizationId, DomainName: DOMAIN }));
    for (const name of ['alice', 'bob', 'carol', 'dora']) {
      const { UserId } = await client.send(
        new CreateUserCommand({ OrganizationId, Name: name, DisplayName: name, Password: 'Corr3ct-Horse' }),
      );
      ids[name] = UserId as string;
      await client.send(
        new RegisterToWorkMailCommand({ OrganizationId, EntityId: UserId, Email: `${name}@${DOMAIN}` }),
      );
    }
    await client.send(
      new CreateAliasCommand({ OrganizationId, EntityId: ids.alice, Alias: `ceo@${DOMAIN}` }),
    );
    for (const name of ['team', 'core']) {
      const { GroupId } = await client.send(new CreateGroupCommand({ OrganizationId, Name: name }));
      ids[name] = GroupId as string;
      await client.send(
        new RegisterToWorkMailCommand({ OrganizationId, EntityId: GroupId, Email: `${name}@${DOMAIN}` }),
      );
    }
    await client.send(
      new AssociateMemberToGroupCommand({ OrganizationId, GroupId: 'team', MemberId: 'core' }),
    );
    await client.send(
      new AssociateMemberToGroupCommand({ OrganizationId, GroupId: 'team', MemberId: 'alice' }),
    );
    await client.send(
      new AssociateMemberToGroupCommand({ OrganizationId, GroupId: 'core', MemberId: 'bob' }),
    );
    await client.send(
      new AssociateMemberToGroupCommand({ OrganizationId, GroupId: 'core', MemberId: 'carol' }),
    );
    const { ResourceId } = await client.send(
      new CreateResourceCommand({ OrganizationId, Name: 'boardroom', Type: 'ROOM' }),
    );
    await client.send(
      new RegisterToWorkMailCommand({ OrganizationId, EntityId: ResourceId, Email: `boardroom@${DOMAIN}` }),
    );
    await client.send(
      new RegisterToWorkMailCommand({ OrganizationId, EntityId: ids.dora, Email: `dora@${DOMAIN}` }),
    );
  });

  afterAll(async () => {
    await mw?.stop();
  });

  it('delivers one copy to a user, an alias, a nested group and a resource, byte for byte', async () => {
    const recipients = [`alice@${DOMAIN}`, `ceo@${DOMAIN}`, `team@${DOMAIN}`, `boardroom@${DOMAIN}`];
    const raw = await composeMessage(recipients);

    await sendRaw(raw, recipients);

    for (const address of [`alice@${DOMAIN}`, `bob@${DOMAIN}`, `carol@${DOMAIN}`, `boardroom@${DOMAIN}`]) {
      const messages = await inbox(address);
      expect(messages).toHaveLength(1);
      expect(messages[0].summary.subject).toBe(SUBJECT);
      const stored = await readDeliveredMessage(mw.deps, mw.mailboxes, address, messages[0].messageId);
      expect(stored.equals(raw)).toBe(true);
    }
    expect(await inbox(`dora@${DOMAIN}`)).toHaveLength(0);
    const details = await client.send(
      new GetMailboxDetailsCommand({ OrganizationId: organizationId, UserId: ids.bob }),
    );
    expect(details.MailboxSize).toBeCloseTo(raw.length / (1024 * 1024), 6);
  });

  it('stores no subject, body or address bytes in plaintext, and removes the raw message', async () => {
    const dynamodb = new DynamoDBClient({
      endpoint: mw.engines.dynamoDbEndpoint,
      region: mw.region,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const s3 = s3LocalClient(mw.engines.s3Endpoint, mw.region);
    const secrets = [SUBJECT, '51d2e8', 'outside.example.net', `alice@${DOMAIN}`, 'boardroom@'];

    const items = await dynamodb.send(new ScanCommand({ TableName: mw.resources.mailboxTable }));
    const stored = await s3.send(new ListObjectsV2Command({ Bucket: mw.resources.storeBucket }));
    const objects = await Promise.all(
      (stored.Contents ?? []).map(async ({ Key }) => {
        const object = await s3.send(new GetObjectCommand({ Bucket: mw.resources.storeBucket, Key }));
        return `${Key}\n${Buffer.from(await object.Body!.transformToByteArray()).toString('latin1')}`;
      }),
    );
    const inboundLeft = await s3.send(
      new ListObjectsV2Command({
        Bucket: mw.resources.inboundBucket,
        Prefix: mw.resources.inboundPrefix,
      }),
    );
    dynamodb.destroy();
    s3.destroy();

    expect(objects.length).toBeGreaterThanOrEqual(4);
    const places = [...(items.Items ?? []).map((item) => JSON.stringify(item)), ...objects];
    const leaks = places.flatMap((place) =>
      secrets
        .filter((secret) => place.includes(secret))
        .map((secret) => `${secret} in ${place.slice(0, 160)}`),
    );
    expect(leaks).toEqual([]);
    expect(inboundLeft.Contents ?? []).toHaveLength(0);
  });

  it('refuses unknown recipients at RCPT time with 550 5.1.1, delivers the rest and writes no DSN', async () => {
    const raw = await composeMessage([`nobody@${DOMAIN}`, `dora@${DOMAIN}`]);

    const info = await sendRaw(raw, [`nobody@${DOMAIN}`, `dora@${DOMAIN}`], 'bounce-me@outside.example.net');

    expect(info.rejected).toEqual([`nobody@${DOMAIN}`]);
    const [refusal] = (info as { rejectedErrors?: { response?: string }[] }).rejectedErrors ?? [];
    expect(refusal?.response).toMatch(/^550 5\.1\.1 /);
    expect(await inbox(`dora@${DOMAIN}`)).toHaveLength(1);
    const files = (await readdir(mw.outboxDir).catch(() => [])).filter((name) => name.endsWith('.eml'));
    const reports = await Promise.all(files.map((name) => readFile(join(mw.outboxDir, name), 'utf8')));
    expect(reports.filter((text) => text.includes(`nobody@${DOMAIN}`))).toEqual([]);
  });

  it('refuses recipients in domains no organization registered, at RCPT time', async () => {
    const raw = await composeMessage(['someone@not-registered.example']);

    const failure = await sendRaw(raw, ['someone@not-registered.example']).catch((error: Error) => error);

    expect(failure).toBeInstanceOf(Error);
    expect(String((failure as Error & { response?: string }).response ?? failure)).toMatch(/550/);
  });
});
