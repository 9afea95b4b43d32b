import type { ChildProcess } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  CreateBucketCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import {
  CreateOrganizationCommand,
  CreateUserCommand,
  DeleteUserCommand,
  DeregisterFromWorkMailCommand,
  RegisterMailDomainCommand,
  RegisterToWorkMailCommand,
} from '@aws-sdk/client-workmail';
import {
  GetRawMessageContentCommand,
  PutRawMessageContentCommand,
  WorkMailMessageFlowClient,
} from '@aws-sdk/client-workmailmessageflow';
import { createTransport } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import { freePort } from '../../lambdas/local/free-port';
import { listDeliveredMessages, readDeliveredMessage } from '../../lambdas/local/read-message';
import { s3LocalClient } from '../../lambdas/local/s3-local';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';
import { fixtures, startPython, startRecorder } from './fixtures/function-servers';

const DOMAIN = 'flow.example.com';
const BUCKET = 'flow-rule-functions';
const ORIGINAL = 'original body 4c1f';
const REWRITTEN = 'rewritten body 9e27';
const arn = (name: string) => `arn:aws:lambda:us-east-1:111122223333:function:${name}`;
const at = (local: string) => `${local}@${DOMAIN}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const fixtureLog = () =>
  ((globalThis as Record<symbol, unknown>)[Symbol.for('mailwright.e2e')] ?? []) as string[];

describe('E2E: email flow rules with Run Lambda functions, over SMTP', () => {
  let mw: TestRuntime;
  let organizationId: string;
  let recorder: Server;
  let python: ChildProcess | undefined;
  const events: Record<string, unknown[]> = {};
  const pythonErrors: string[] = [];
  const clients: WorkMailMessageFlowClient[] = [];

  const send = async (from: string, to: string[], subject: string): Promise<Buffer> => {
    const raw = await new MailComposer({ from, to, subject, text: `Hello, ${ORIGINAL}.` }).compile().build();
    const transport = createTransport({
      host: mw.smtp.host,
      port: mw.smtp.port,
      secure: false,
      ignoreTLS: true,
    });
    await transport.sendMail({ envelope: { from, to }, raw });
    return raw;
  };
  const delivered = async (address: string, subject: string, folder: 'INBOX' | 'JUNK_EMAIL' = 'INBOX') => {
    const items = await listDeliveredMessages(mw.deps, mw.mailboxes, address, folder);
    const matching = items.filter((item) => item.summary.subject === subject);
    return Promise.all(
      matching.map((item) => readDeliveredMessage(mw.deps, mw.mailboxes, address, item.messageId)),
    );
  };
  const dsns = async (subject: string) => {
    const files = (await readdir(mw.outboxDir)).filter((name) => name.endsWith('.eml'));
    const texts = await Promise.all(files.map((name) => readFile(join(mw.outboxDir, name), 'utf8')));
    return texts.filter((text) => text.includes(`Subject: Undeliverable: ${subject}`));
  };
  /** A Message Flow client as a function has it: any credentials, the message id is the capability. */
  const flowClient = () => {
    const client = new WorkMailMessageFlowClient({
      endpoint: mw.endpoint,
      region: mw.region,
      credentials: { accessKeyId: 'AKIDANYONE', secretAccessKey: 'anything' },
      maxAttempts: 1,
    });
    clients.push(client);
    return client;
  };
  const createRule = (rule: Record<string, unknown>) =>
    mw.call({
      target: 'MailwrightService.CreateEmailFlowRule',
      body: { OrganizationId: organizationId, Direction: 'INBOUND', Action: 'RUN_LAMBDA', ...rule },
    });
  /** A synchronous rule for mail From `sender`, calling `name`, with a single attempt. */
  const syncRule = async (name: string, sender: string, fallback: string) => {
    const created = await createRule({
      Name: name,
      SenderPatterns: [sender],
      DestinationPatterns: ['*'],
      LambdaArn: arn(name),
      Synchronous: true,
      FallbackAction: fallback,
      RuleTimeoutMinutes: 0,
    });
    expect(created.status).toBe(200);
  };

  beforeAll(async () => {
    recorder = await startRecorder(events);
    const recorderUrl = `http://127.0.0.1:${(recorder.address() as AddressInfo).port}`;
    const pythonPort = await freePort();
    // Every function serves the organization this suite creates (alias 'flowrules'), except 'other-org'.
    const serves = (target: string) => ({ target, organizations: ['flowrules'] });
    const module = (file: string) => serves(join(fixtures, file));
    mw = await startTestRuntime({
      functionTargets: {
        [arn('split-and-rewrite')]: module('split-and-rewrite.mjs'),
        [arn('observer')]: serves(`${recorderUrl}/observe`),
        [arn('other-org')]: { target: `${recorderUrl}/other-org`, organizations: ['someone-else'] },
        [arn('http-500')]: serves(`${recorderUrl}/fail`),
        [arn('python-scanner')]: serves(`http://127.0.0.1:${pythonPort}/invoke`),
        ...Object.fromEntries(
          ['throws', 'oversize', 'malformed', 'bad-replacement'].map((name) => [
            arn(name),
            module('misbehaving.mjs'),
          ]),
        ),
      },
    });
    Object.assign(process.env, {
      FLOW_FIXTURE_API: mw.endpoint,
      FLOW_FIXTURE_S3: mw.engines.s3Endpoint,
      FLOW_FIXTURE_BUCKET: BUCKET,
    });
    const s3 = s3LocalClient(mw.engines.s3Endpoint, mw.region);
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    s3.destroy();
    python = await startPython(pythonPort, [mw.endpoint, mw.engines.s3Endpoint, BUCKET], pythonErrors);
    const client = mw.workmail();
    ({ OrganizationId: organizationId } = (await client.send(
      new CreateOrganizationCommand({ Alias: 'flowrules' }),
    )) as { OrganizationId: string });
    const OrganizationId = organizationId;
    await client.send(new RegisterMailDomainCommand({ OrganizationId, DomainName: DOMAIN }));
    const allowed = await mw.call({
      target: 'MailwrightService.PutMessageFlowConfiguration',
      body: { OrganizationId, ContentBuckets: [BUCKET] },
    });
    expect(allowed.status).toBe(200);
    for (const name of ['alice', 'bob', 'bounce-me', 'drop-me']) {
      const { UserId } = await client.send(
        new CreateUserCommand({ OrganizationId, Name: name, DisplayName: name, Password: 'Corr3ct-Horse' }),
      );
      await client.send(new RegisterToWorkMailCommand({ OrganizationId, EntityId: UserId, Email: at(name) }));
    }
  });

  afterAll(async () => {
    for (const client of clients) client.destroy();
    if (python && python.exitCode === null) {
      const exited = new Promise((resolve) => python!.once('exit', resolve));
      python.kill();
      await exited;
    }
    await new Promise((resolve) => recorder?.close(resolve));
    await mw?.stop();
  });

  it('bounces, drops and rewrites per recipient as a synchronous module function answers', async () => {
    await syncRule('split-and-rewrite', 'splitter@outside.example.net', 'DEFAULT');
    const to = [at('alice'), at('bob'), at('bounce-me'), at('drop-me')];

    const raw = await send('splitter@outside.example.net', to, 'Split 31a0');

    const rewritten = Buffer.from(raw.toString('latin1').replace(ORIGINAL, REWRITTEN), 'latin1');
    for (const address of [at('alice'), at('bob')])
      expect(await delivered(address, 'Split 31a0')).toEqual([rewritten]);
    expect(await delivered(at('bounce-me'), 'Split 31a0')).toEqual([]);
    expect(await delivered(at('drop-me'), 'Split 31a0')).toEqual([]);
    expect(await delivered(at('drop-me'), 'Split 31a0', 'JUNK_EMAIL')).toEqual([]);
    const [report, ...more] = await dsns('Split 31a0');
    expect(more).toEqual([]);
    expect(report).toContain('To: <splitter@outside.example.net>');
    expect(report).toContain(`Final-Recipient: rfc822; ${at('bounce-me')}`);
    expect(report).toContain('Mailbox closed by split-and-rewrite 7d21');
    expect(report).not.toContain(`Final-Recipient: rfc822; ${at('drop-me')}`);
  });

  it('invokes an asynchronous function once with the WorkMail event and leaves delivery unchanged', async () => {
    const created = await createRule({
      Name: 'observer',
      SenderPatterns: ['observer@outside.example.net'],
      DestinationPatterns: [at('alice')],
      LambdaArn: arn('observer'),
    });
    expect(created.status).toBe(200);

    const raw = await send('observer@outside.example.net', [at('alice'), at('bob')], 'Observed 5b0e');

    expect(await delivered(at('alice'), 'Observed 5b0e')).toEqual([raw]);
    expect(await delivered(at('bob'), 'Observed 5b0e')).toEqual([raw]);
    while (!events['/observe']?.length) await sleep(50);
    await sleep(500);
    expect(events['/observe']).toEqual([
      {
        summaryVersion: '2018-10-10',
        envelope: {
          mailFrom: { address: 'observer@outside.example.net' },
          recipients: [{ address: at('alice') }],
        },
        subject: 'Observed 5b0e',
        messageId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
        invocationId: expect.stringMatching(/^[0-9a-f]{32}$/),
        flowDirection: 'INBOUND',
        truncated: false,
      },
    ]);
    // The id stays a live capability after delivery: the function can still read the original.
    const { messageId } = events['/observe'][0] as { messageId: string };
    const { messageContent } = await flowClient().send(new GetRawMessageContentCommand({ messageId }));
    expect(Buffer.from(await messageContent!.transformToByteArray())).toEqual(raw);
    // …but it cannot make Mailwright read objects outside the organization's content buckets.
    for (const s3Reference of [
      { bucket: mw.resources.inboundBucket, key: 'incoming/anything' },
      { bucket: mw.resources.storeBucket, key: 'anything' },
      { bucket: 'not-allowed-bucket', key: 'edited' },
      { bucket: BUCKET, key: 'incoming/anything' },
    ]) {
      const refused = await flowClient()
        .send(new PutRawMessageContentCommand({ messageId, content: { s3Reference } }))
        .catch((error: Error) => error);
      expect((refused as Error).name).toBe('InvalidContentLocation');
    }
  });

  it("ends a deleted user's Message Flow ids at once and deletes the raw mail and replacements they kept", async () => {
    const client = mw.workmail();
    const OrganizationId = organizationId;
    const { UserId } = await client.send(
      new CreateUserCommand({
        OrganizationId,
        Name: 'leaver',
        DisplayName: 'Leaver',
        Password: 'Corr3ct-Horse',
      }),
    );
    await client.send(
      new RegisterToWorkMailCommand({ OrganizationId, EntityId: UserId, Email: at('leaver') }),
    );
    await createRule({
      Name: 'observe-leaver',
      SenderPatterns: ['leaver-test@outside.example.net'],
      DestinationPatterns: [at('leaver')],
      LambdaArn: arn('observer'),
    });
    const raw = await send('leaver-test@outside.example.net', [at('leaver')], 'Leaving 7c3a');
    const observed = () =>
      (events['/observe'] ?? []).find((event) => (event as { subject: string }).subject === 'Leaving 7c3a');
    while (!observed()) await sleep(50);
    const { messageId } = observed() as { messageId: string };
    const s3 = s3LocalClient(mw.engines.s3Endpoint, mw.region);
    await s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'leaver-edit',
        Body: Buffer.from(raw.toString('latin1').replace(ORIGINAL, REWRITTEN), 'latin1'),
      }),
    );
    await flowClient().send(
      new PutRawMessageContentCommand({
        messageId,
        content: { s3Reference: { bucket: BUCKET, key: 'leaver-edit' } },
      }),
    );
    const inboundObjects = async (prefix: string) =>
      (await s3.send(new ListObjectsV2Command({ Bucket: mw.resources.inboundBucket, Prefix: prefix })))
        .Contents ?? [];
    const kept = async () => {
      const originals = await inboundObjects('incoming/');
      const bodies = await Promise.all(
        originals.map(
          async ({ Key }) =>
            await (
              await s3.send(new GetObjectCommand({ Bucket: mw.resources.inboundBucket, Key }))
            ).Body!.transformToString(),
        ),
      );
      return bodies.filter((body) => body.includes('Leaving 7c3a')).length;
    };
    expect(await kept()).toBe(1);
    expect(await inboundObjects(`message-flow/${organizationId}/${messageId}/`)).toHaveLength(1);

    await client.send(new DeregisterFromWorkMailCommand({ OrganizationId, EntityId: UserId }));
    await client.send(new DeleteUserCommand({ OrganizationId, UserId }));

    const gone = await flowClient()
      .send(new GetRawMessageContentCommand({ messageId }))
      .catch((error: Error) => error);
    expect((gone as Error).name).toBe('ResourceNotFoundException');
    expect(await kept()).toBe(0);
    expect(await inboundObjects(`message-flow/${organizationId}/${messageId}/`)).toEqual([]);
    s3.destroy();
  });

  it.each([
    ['throws', 'a function that throws'],
    ['oversize', 'a response over 256 KB'],
    ['malformed', 'a malformed action list'],
  ])('moves the original to Junk when the single attempt fails (%s: %s)', async (name) => {
    const sender = `${name}@outside.example.net`;
    await syncRule(name, sender, 'MOVE_TO_JUNK');

    const raw = await send(sender, [at('bob')], `Fallback ${name}`);

    expect(await delivered(at('bob'), `Fallback ${name}`, 'JUNK_EMAIL')).toEqual([raw]);
    expect(await delivered(at('bob'), `Fallback ${name}`)).toEqual([]);
  });

  it("never invokes another organization's function: the rule falls back", async () => {
    await syncRule('other-org', 'borrowed@outside.example.net', 'MOVE_TO_JUNK');

    const raw = await send('borrowed@outside.example.net', [at('bob')], 'Borrowed function 1a7e');

    expect(events['/other-org']).toBeUndefined();
    expect(await delivered(at('bob'), 'Borrowed function 1a7e', 'JUNK_EMAIL')).toEqual([raw]);
  });

  it('bounces with a DSN when the function answers HTTP 500 and the fallback is BOUNCE', async () => {
    await syncRule('http-500', 'failing@outside.example.net', 'BOUNCE');

    await send('failing@outside.example.net', [at('alice')], 'Fallback bounce 6c44');

    expect(events['/fail']).toHaveLength(1);
    expect(await delivered(at('alice'), 'Fallback bounce 6c44')).toEqual([]);
    const [report, ...more] = await dsns('Fallback bounce 6c44');
    expect(more).toEqual([]);
    expect(report).toContain(`Final-Recipient: rfc822; ${at('alice')}`);
    expect(report).toContain('Status: 5.7.1');
  });

  it('delivers what a Python function put with boto3 workmailmessageflow', async () => {
    await syncRule('python-scanner', 'python@outside.example.net', 'MOVE_TO_JUNK');

    const raw = await send('python@outside.example.net', [at('alice'), at('bob')], 'Scan me 2f8b');

    const replaced = Buffer.from(
      raw.toString('latin1').replace('Subject: Scan me 2f8b', 'Subject: [scanned] Scan me 2f8b'),
      'latin1',
    );
    expect(pythonErrors.join('')).toBe('');
    for (const address of [at('alice'), at('bob')])
      expect(await delivered(address, '[scanned] Scan me 2f8b')).toEqual([replaced]);
  });

  it('refuses a replacement without From with InvalidContentLocation and delivers the original', async () => {
    await syncRule('bad-replacement', 'rejected@outside.example.net', 'MOVE_TO_JUNK');

    const raw = await send('rejected@outside.example.net', [at('alice')], 'Bad replacement 0d9c');

    expect(fixtureLog()).toEqual(['InvalidContentLocation']);
    expect(await delivered(at('alice'), 'Bad replacement 0d9c')).toEqual([raw]);
  });

  it('answers ResourceNotFoundException to GetRawMessageContent for an unknown message id', async () => {
    const failure = await flowClient()
      .send(new GetRawMessageContentCommand({ messageId: '00000000-0000-4000-8000-000000000000' }))
      .catch((error: Error) => error);

    expect((failure as Error).name).toBe('ResourceNotFoundException');
  });

  it.each([
    ['a pattern with +', { SenderPatterns: ['a+b@x.com'] }, /SenderPatterns .*'a\+b@x\.com'/],
    ['a synchronous rule not for every destination', { DestinationPatterns: [at('bob')] }, /\["\*"\]/],
    [
      'a function in another account',
      { LambdaArn: 'arn:aws:lambda:us-east-1:444455556666:function:x' },
      /account 444455556666.*account 111122223333/,
    ],
  ])('refuses %s with InvalidParameterException', async (_case, overrides, message) => {
    const response = await createRule({
      Name: 'refused',
      SenderPatterns: ['refused@outside.example.net'],
      DestinationPatterns: ['*'],
      LambdaArn: arn('observer'),
      Synchronous: true,
      FallbackAction: 'DEFAULT',
      RuleTimeoutMinutes: 0,
      ...overrides,
    });

    expect(response.status).toBe(400);
    expect(response.json.__type).toMatch(/InvalidParameterException$/);
    expect(response.json.Message ?? response.json.message).toMatch(message);
  });
});
