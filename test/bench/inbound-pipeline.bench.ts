import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import MailComposer from 'nodemailer/lib/mail-composer';
import PostalMime from 'postal-mime';
import { DynamoDbDeliveryLedger } from '../../lambdas/adapters/aws/dynamodb-delivery-ledger';
import { DynamoDbMailboxStore } from '../../lambdas/adapters/aws/dynamodb-mailbox-store';
import { KEY_TABLE, MAILBOX_TABLE, ensureTable } from '../../lambdas/adapters/aws/dynamodb-tables';
import { KmsKeyWrapper } from '../../lambdas/adapters/aws/kms-key-wrapper';
import { S3BlobStore } from '../../lambdas/adapters/aws/s3-blob-store';
import { S3RawMessageSource } from '../../lambdas/adapters/aws/s3-raw-message-source';
import { processInboundEvent, spamVerdictDecider, type InboundDeps } from '../../lambdas/core/delivery';
import { MailboxService } from '../../lambdas/core/mailbox/service';
import { startDynamoDbLocal } from '../../lambdas/local/dynamodb-local';
import { s3LocalClient } from '../../lambdas/local/s3-local';
import { FakeKms } from '../support/fake-kms';
import { InMemoryDirectory, sesEvent } from '../unit/delivery/doubles';
import { AwsRequestCounter } from './aws-request-counter';
import { bundleLikeCdk, coldImportMs, LAMBDA_BENCH_ENV } from './lambda-bundle';
import { startS3InChild } from './s3-child';

/** Inputs of {@link benchInboundPipeline}; every field has a default. */
export interface InboundPipelineBenchDeps {
  /** Warm single-recipient messages measured. @default - 40 */
  readonly messages?: number;
  /** Members of the group one message is sent to. @default - 1000 */
  readonly groupMembers?: number;
  /** Fresh Node processes per cold-import median. @default - 5 */
  readonly coldImportRuns?: number;
}

const SERVICES = ['S3', 'DynamoDB', 'KMS'] as const;
const TABLE = 'mailbox';
const KEYS = 'keys';
const CREDENTIALS = { accessKeyId: 'bench', secretAccessKey: 'bench' };

/** A ~50 KB message: a text part, an HTML part and a 32 KB base64 attachment. */
async function fiftyKilobyteMessage(): Promise<Buffer> {
  const mail = new MailComposer({
    from: 'Sender <sender@remote.example>',
    to: 'solo@example.com',
    subject: 'Quarterly report — numbers attached',
    text: 'Hello team,\n\nthe numbers are attached.\n'.repeat(40),
    html: `<p>${'Hello team, the numbers are attached. '.repeat(40)}</p>`,
    attachments: [{ filename: 'report.bin', content: randomBytes(32 * 1024) }],
  });
  return mail.compile().build();
}

/** The real pipeline on loopback engines, with every AWS request counted. */
async function startRig(members: number) {
  const started = await Promise.allSettled([
    startS3InChild(['inbound', 'store']),
    startDynamoDbLocal({ inMemory: true }),
    FakeKms.start(),
  ] as const);
  const stopEngines = () =>
    Promise.all(started.map((engine) => (engine.status === 'fulfilled' ? engine.value.stop() : undefined)));
  const failed = started.find((engine) => engine.status === 'rejected');
  if (failed) {
    await stopEngines();
    throw failed.reason;
  }
  const [s3, dynamo, kms] = started.map((engine) => (engine as PromiseFulfilledResult<unknown>).value) as [
    Awaited<ReturnType<typeof startS3InChild>>,
    Awaited<ReturnType<typeof startDynamoDbLocal>>,
    FakeKms,
  ];
  const counter = new AwsRequestCounter();
  const s3Client = s3LocalClient(s3.endpoint);
  const dynamoClient = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: 'eu-west-1',
    credentials: CREDENTIALS,
  });
  const kmsClient = new KMSClient({ endpoint: kms.endpoint, region: 'eu-west-1', credentials: CREDENTIALS });
  counter.attach('S3', s3Client);
  counter.attach('DynamoDB', dynamoClient);
  counter.attach('KMS', kmsClient);
  const stop = async () => {
    for (const client of [s3Client, dynamoClient, kmsClient]) client.destroy();
    await stopEngines();
  };
  await Promise.all([
    ensureTable(dynamoClient, TABLE, MAILBOX_TABLE),
    ensureTable(dynamoClient, KEYS, KEY_TABLE),
  ]).catch((error: unknown) => stop().then(() => Promise.reject(error)));
  const documents = DynamoDBDocumentClient.from(dynamoClient, {
    marshallOptions: { removeUndefinedValues: true },
  });
  const ledger = new DynamoDbDeliveryLedger({ documents, tableName: TABLE, sealKey: randomBytes(32) });
  const mailboxes = new MailboxService({
    store: new DynamoDbMailboxStore(documents, { mailboxTable: TABLE, keyTable: KEYS, ledger: ledger.items }),
    blobs: new S3BlobStore(s3Client, 'store'),
    keyWrapper: new KmsKeyWrapper(kmsClient, kms.createKey()),
    organizationKey: async (id) => ({ arn: `arn:aws:workmail:eu-west-1:111122223333:organization/${id}` }),
  });
  const directory = new InMemoryDirectory();
  const solo = directory.add({ kind: 'USER', entityId: 'solo', state: 'ENABLED', email: 'solo@example.com' });
  const group = directory.add({ kind: 'GROUP', entityId: 'all', state: 'ENABLED', email: 'all@example.com' });
  const users = Array.from({ length: members }, (_, i) =>
    directory.add({ kind: 'USER', entityId: `u${i}`, state: 'ENABLED', email: `u${i}@example.com` }),
  );
  directory.setMembers(group, users);
  const rawSource = new S3RawMessageSource({ client: s3Client, bucket: 'inbound' });
  const seen = { reads: 0, decisions: 0 };
  const deps: InboundDeps = {
    rawSource: {
      open: async (ref) => {
        const raw = await rawSource.open(ref);
        return raw && { sizeBytes: raw.sizeBytes, read: (limit) => (seen.reads++, raw.read(limit)) };
      },
      delete: (ref) => rawSource.delete(ref),
    },
    ledger,
    directory,
    delivery: mailboxes,
    decider: { decide: (input, control) => (seen.decisions++, spamVerdictDecider.decide(input, control)) },
    mailSender: { sendRaw: async () => undefined },
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    reportingMta: 'mx.bench.test',
  };
  const provision = async (ids: readonly string[]) => {
    for (let i = 0; i < ids.length; i += 16)
      await Promise.all(ids.slice(i, i + 16).map((id) => mailboxes.provision(solo.organizationId, id)));
  };
  return {
    counter,
    deps,
    seen,
    rawSource,
    provisionAll: () => provision([solo.entityId, ...users.map((user) => user.entityId)]),
    stop,
  };
}

type Rig = Awaited<ReturnType<typeof startRig>>;

/** Stores `count` copies of `raw` under fresh SES message ids (outside any measurement). */
async function stage(rig: Rig, raw: Buffer, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => `bench-${randomUUID()}`);
  for (const id of ids) await rig.rawSource.put(id, raw);
  return ids;
}

/** Wall ms, CPU µs and AWS requests per service spent in `fn`. */
async function measure(rig: Rig, fn: () => Promise<unknown>) {
  rig.counter.reset();
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  await fn();
  const wallMs = performance.now() - wallStart;
  const cpu = process.cpuUsage(cpuStart);
  return { wallMs, cpuMicros: cpu.user + cpu.system, requests: rig.counter.snapshot(SERVICES) };
}

/** Sends each id to `recipients` through the pipeline, one message after another. */
async function deliverAll(rig: Rig, ids: readonly string[], recipients: string[]): Promise<void> {
  for (const messageId of ids) {
    const [result] = await processInboundEvent(sesEvent({ messageId, recipients }), rig.deps);
    if (!result?.recipients.every((entry) => entry.outcome === 'delivered'))
      throw new Error(`message ${messageId} was not delivered to every recipient`);
  }
}

function perMessage(
  requests: Record<string, number>,
  divisor: number,
  label: string,
): Record<string, number> {
  return Object.fromEntries(
    Object.entries(requests).map(([service, count]) => [
      `${label} ${service} requests / message`,
      round(count / divisor, 2),
    ]),
  );
}

function round(value: number, digits = 1): number {
  return Number(value.toFixed(digits));
}

/** Bundle bytes and median cold import of the inbound Lambda against a bundle of `@aws-sdk/client-s3` alone. */
async function bundleFigures(runs: number): Promise<Record<string, number>> {
  const dir = await mkdtemp(join(tmpdir(), 'mailwright-bench-bundle-'));
  try {
    const inbound = await bundleLikeCdk({ file: 'lambdas/handlers/inbound.ts' }, join(dir, 'inbound'));
    const baseline = await bundleLikeCdk(
      {
        contents: "import { S3Client } from '@aws-sdk/client-s3';\nexport const client = new S3Client({});\n",
      },
      join(dir, 's3-only'),
    );
    const env = LAMBDA_BENCH_ENV;
    const sourceMaps = ['--enable-source-maps']; // the Lambda's NODE_OPTIONS
    const inboundMs = await coldImportMs(inbound.file, env, runs, sourceMaps);
    const baselineMs = await coldImportMs(baseline.file, env, runs, sourceMaps);
    const inboundNoMapsMs = await coldImportMs(inbound.file, env, runs);
    return {
      'inbound bundle bytes': inbound.bytes,
      'client-s3-only bundle bytes': baseline.bytes,
      'ratio bundle inbound / client-s3-only': round(inbound.bytes / baseline.bytes, 2),
      'inbound cold import ms (median, --enable-source-maps)': round(inboundMs),
      'client-s3-only cold import ms (median, --enable-source-maps)': round(baselineMs),
      'ratio cold import inbound / client-s3-only': round(inboundMs / baselineMs, 2),
      'inbound cold import ms (median, no source maps)': round(inboundNoMapsMs),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The real inbound pipeline (S3 raw source on s3rver, DynamoDB ledger and mailbox store on DynamoDB Local, KMS key
 * wrapper on the fake KMS, S3 blob store) for a 50 KB message with an attachment: CPU per delivered message against
 * a postal-mime parse of the same bytes, AWS requests per message (cold and warm), a 1,000-member group against
 * single-recipient delivery, and the inbound Lambda's bundle size and cold import against a client-s3-only bundle.
 * @param deps - sizes of the runs
 * @example
 * console.table(await benchInboundPipeline());
 */
export async function benchInboundPipeline(
  deps: InboundPipelineBenchDeps = {},
): Promise<Record<string, number>> {
  const messages = deps.messages ?? 40;
  const members = deps.groupMembers ?? 1000;
  const raw = await fiftyKilobyteMessage();
  const rig = await startRig(members);
  const figures: Record<string, number> = { 'message bytes': raw.length };
  try {
    await rig.provisionAll();
    const [coldId] = await stage(rig, raw, 1);
    const cold = await measure(rig, () => deliverAll(rig, [coldId!], ['solo@example.com']));
    await deliverAll(rig, await stage(rig, raw, 5), ['solo@example.com']); // JIT and connection warm-up
    const warmIds = await stage(rig, raw, messages);
    const warm = await measure(rig, () => deliverAll(rig, warmIds, ['solo@example.com']));
    for (let i = 0; i < 20; i++) await PostalMime.parse(raw);
    const parse = await measure(rig, async () => {
      for (let i = 0; i < messages; i++) await PostalMime.parse(raw);
    });
    const groupRun = async () => {
      const ids = await stage(rig, raw, 1);
      rig.seen.reads = rig.seen.decisions = 0;
      const run = await measure(rig, () => deliverAll(rig, ids, ['all@example.com']));
      return { ...run, reads: rig.seen.reads, decisions: rig.seen.decisions };
    };
    const groupCold = await groupRun(); // every member's key is loaded (one KMS Decrypt each)
    const group = await groupRun(); // keys cached (60 s) unless the first run took longer than that
    const singleCpu = warm.cpuMicros / messages;
    const singleWall = warm.wallMs / messages;
    Object.assign(figures, {
      'pipeline CPU µs / delivered message (warm)': Math.round(singleCpu),
      'postal-mime parse CPU µs / message': Math.round(parse.cpuMicros / messages),
      'ratio pipeline / postal-mime parse (CPU)': round(singleCpu / (parse.cpuMicros / messages), 2),
      'pipeline wall ms / delivered message (warm)': round(singleWall, 2),
      ...perMessage(cold.requests, 1, 'cold first message:'),
      ...perMessage(warm.requests, messages, 'warm:'),
      [`group of ${members}: first message wall ms`]: Math.round(groupCold.wallMs),
      [`group of ${members}: first message KMS requests`]: groupCold.requests.KMS!,
      [`group of ${members}: second message wall ms`]: Math.round(group.wallMs),
      [`group of ${members}: second message KMS requests`]: group.requests.KMS!,
      'group wall ms / delivery (second message)': round(group.wallMs / members, 2),
      'ratio group / single wall ms per delivery': round(group.wallMs / members / singleWall, 2),
      'group CPU µs / delivery (second message)': Math.round(group.cpuMicros / members),
      'ratio group / single CPU per delivery': round(group.cpuMicros / members / singleCpu, 2),
      ...perMessage(group.requests, members, 'group, per delivery:'),
      'group message: raw reads': group.reads,
      'group message: decider calls (one parse feeds it)': group.decisions,
    });
  } finally {
    await rig.stop();
  }
  Object.assign(figures, await bundleFigures(deps.coldImportRuns ?? 5));
  return figures;
}

if (process.argv[1]?.endsWith('inbound-pipeline.bench.ts')) {
  console.table(await benchInboundPipeline());
}
