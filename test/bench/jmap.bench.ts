/**
 * JMAP over the real mailbox store (DynamoDB Local, s3rver in a child process): Email/query's first page, Email/get
 * of one message, a text search with 10 matches and Email/changes of 10 changes, in a mailbox of 1,000 and one of
 * 50,000 messages, side by side in one run, with the AWS requests each call makes; and what the search indexer
 * writes per message (items, requests, bytes) for messages of about 180 distinct words. The large mailbox is seeded
 * with index items written directly (a real delivery per message would take the whole run) and with search index
 * segments of random term keys; every message the calls read or find is a real delivery, indexed by the real
 * indexer. The folder's counters count only the real deliveries; no measured call depends on them.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DynamoDBDocumentClient,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { DynamoDbMailboxStore } from '../../lambdas/adapters/aws/dynamodb-mailbox-store';
import { DynamoDbSearchIndex } from '../../lambdas/adapters/aws/dynamodb-search-index';
import {
  changeSk,
  folderListingPk,
  MAILBOX_SK,
  mailboxPk,
  messageSk,
} from '../../lambdas/adapters/aws/dynamodb-model-items';
import { KEY_TABLE, MAILBOX_TABLE, ensureTable } from '../../lambdas/adapters/aws/dynamodb-tables';
import { S3BlobStore } from '../../lambdas/adapters/aws/s3-blob-store';
import { MasterKeyWrapper } from '../../lambdas/adapters/local/master-key-wrapper';
import { MailboxModel } from '../../lambdas/core/mailbox/mailbox-model';
import { MailboxService } from '../../lambdas/core/mailbox/service';
import { MessageSearch, SearchIndexer } from '../../lambdas/core/search';
import { createMailJmap } from '../../lambdas/http/jmap/mail/mail-api';
import { startDynamoDbLocal } from '../../lambdas/local/dynamodb-local';
import { s3LocalClient } from '../../lambdas/local/s3-local';
import { AwsRequestCounter } from './aws-request-counter';
import { bundleLikeCdk, coldImportMs, LAMBDA_BENCH_ENV } from './lambda-bundle';
import { startS3InChild } from './s3-child';

const ORG = 'm-00000000000000000000000000000b0c';
const CREDENTIALS = { accessKeyId: 'bench', secretAccessKey: 'bench' };
const SIZES = [1_000, 50_000] as const;
const RUNS = 15;

/** Writes `count` index items (and their change-log entries) into INBOX of a mailbox, older than any delivery. */
async function seed(documents: DynamoDBDocumentClient, mailboxId: string, count: number): Promise<void> {
  const partition = mailboxPk(ORG, mailboxId);
  const items = (index: number) => {
    const messageId = `seed-${String(index).padStart(6, '0')}`;
    return [
      {
        pk: partition,
        sk: messageSk(messageId),
        gsi1pk: folderListingPk(partition, 'INBOX'),
        gsi1sk: `${String(1_700_000_000_000 + index).padStart(15, '0')}#${messageId}`,
        messageId,
        folder: 'INBOX',
        receivedAt: 1_700_000_000_000 + index,
        sizeBytes: 2_000,
        blobKey: `seed/${messageId}`,
        keyVersion: 1,
        formatVersion: 1,
        wrappedMessageKey: Buffer.alloc(60),
        summary: {},
        keywords: ['$seen'],
        uid: index + 1,
        threadId: `Tseed${index}`,
        modseq: 0,
        createdModseq: 0,
      },
      { pk: partition, sk: changeSk('EMAIL', 0, messageId), id: messageId, modseq: 0, createdModseq: 0 },
    ];
  };
  // The seeded messages' search index: per segment of 50 messages, postings for 40 words (random term keys, as
  // MACs look), so the partition holds an index that grows with the mailbox.
  const segment = (group: number) =>
    Array.from({ length: 40 }, () => ({
      pk: partition,
      sk: `TERM#${randomBytes(16).toString('base64url').slice(0, 22)}#${String(group).padStart(15, '0')}`,
      refs: Array.from(
        { length: 50 },
        (_, index) => `32 seed-${String(group * 50 + index).padStart(6, '0')}`,
      ).join('\n'),
    }));
  const all = [
    ...Array.from({ length: count }, (_, index) => items(index)).flat(),
    ...Array.from({ length: Math.floor(count / 50) }, (_, group) => segment(group)).flat(),
  ];
  for (let start = 0; start < all.length; start += 25 * 8) {
    await Promise.all(
      Array.from({ length: 8 }, (_, batch) => all.slice(start + batch * 25, start + batch * 25 + 25))
        .filter((batch) => batch.length > 0)
        .map(async (batch) => {
          let requests = batch.map((Item) => ({ PutRequest: { Item } }));
          while (requests.length > 0) {
            const output = await documents.send(
              new BatchWriteCommand({ RequestItems: { [TABLE]: requests } }),
            );
            requests = (output.UnprocessedItems?.[TABLE] ?? []) as typeof requests;
          }
        }),
    );
  }
  await documents.send(
    new UpdateCommand({
      TableName: TABLE,
      Key: { pk: partition, sk: MAILBOX_SK },
      UpdateExpression: 'ADD messageCount :count, usedBytes :bytes',
      ExpressionAttributeValues: { ':count': count, ':bytes': count * 2_000 },
    }),
  );
}

const TABLE = 'bench-mailbox';

/** Words of the bench messages' bodies: a vocabulary the size of a person's everyday writing. */
const VOCABULARY = Array.from({ length: 3_000 }, (_, index) => `word${index.toString(36)}`);

/** A message of about 180 distinct body words (a typical e-mail); every sixth contains the word `needle`. */
function benchMessage(index: number): Buffer {
  const words = Array.from(
    { length: 200 },
    (_, position) => VOCABULARY[(index * 7919 + position * 104_729) % 3_000],
  );
  if (index % 6 === 0) words.push('needle');
  return Buffer.from(
    `Subject: bench ${index} status report\r\nFrom: Alice Example <alice@example.com>\r\nTo: bench@example.com\r\n\r\n${words.join(' ')}\r\n`,
  );
}

/** Bytes of the partition's search index items as DynamoDB counts them (attribute names and values). */
async function indexBytes(documents: DynamoDBDocumentClient, partition: string): Promise<number> {
  let bytes = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': partition, ':prefix': 'TERM#' },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? [])
      bytes += Object.entries(item).reduce(
        (sum, [name, value]) => sum + name.length + Buffer.byteLength(String(value)),
        0,
      );
    start = page.LastEvaluatedKey;
  } while (start);
  return bytes;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Bundle bytes and median cold import of the JMAP Lambda against a bundle of `@aws-sdk/client-s3` alone. */
async function bundleFigures(dir: string): Promise<Record<string, number>> {
  const jmap = await bundleLikeCdk({ file: 'lambdas/handlers/jmap.ts' }, join(dir, 'jmap'));
  const baseline = await bundleLikeCdk(
    { contents: "import { S3Client } from '@aws-sdk/client-s3';\nexport const client = new S3Client({});\n" },
    join(dir, 's3-only'),
  );
  const sourceMaps = ['--enable-source-maps']; // the Lambda's NODE_OPTIONS
  const jmapMs = await coldImportMs(jmap.file, LAMBDA_BENCH_ENV, 5, sourceMaps);
  const baselineMs = await coldImportMs(baseline.file, LAMBDA_BENCH_ENV, 5, sourceMaps);
  return {
    'JMAP function bundle bytes': jmap.bytes,
    'ratio bundle JMAP / client-s3-only': Number((jmap.bytes / baseline.bytes).toFixed(2)),
    'JMAP cold import ms (median of 5)': Number(jmapMs.toFixed(1)),
    'ratio cold import JMAP / client-s3-only': Number((jmapMs / baselineMs).toFixed(2)),
  };
}

/** The JMAP benchmark (see the file comment). */
export async function benchJmap(): Promise<Record<string, number>> {
  const dir = await mkdtemp(join(tmpdir(), 'mw-bench-jmap-'));
  const [s3, dynamo] = await Promise.all([startS3InChild(['store']), startDynamoDbLocal({ inMemory: true })]);
  const counter = new AwsRequestCounter();
  const dynamoClient = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: 'eu-west-1',
    credentials: CREDENTIALS,
  });
  const s3Client = s3LocalClient(s3.endpoint);
  counter.attach('DynamoDB', dynamoClient);
  counter.attach('S3', s3Client);
  try {
    await ensureTable(dynamoClient, TABLE, MAILBOX_TABLE);
    await ensureTable(dynamoClient, 'bench-keys', KEY_TABLE);
    const documents = DynamoDBDocumentClient.from(dynamoClient, {
      marshallOptions: { removeUndefinedValues: true },
    });
    const store = new DynamoDbMailboxStore(documents, { mailboxTable: TABLE, keyTable: 'bench-keys' });
    const blobs = new S3BlobStore(s3Client, 'store');
    const mailboxes = new MailboxService({
      store,
      blobs,
      keyWrapper: await MasterKeyWrapper.open(join(dir, 'master.key')),
      organizationKey: async () => ({ arn: `arn:aws:workmail:eu-west-1:111122223333:organization/${ORG}` }),
    });
    const model = new MailboxModel({ store, blobs });
    const searchIndex = new DynamoDbSearchIndex(documents, TABLE);
    const indexer = new SearchIndexer({ index: searchIndex, model: store, mailboxes });
    let account = '';
    const jmap = createMailJmap({
      baseUrl: 'http://127.0.0.1:1/jmap',
      authenticate: async () => ({
        ok: true,
        user: { organizationId: ORG, userId: account, email: 'bench@example.com', method: 'token' },
      }),
      deps: {
        model,
        store,
        mailboxes,
        search: new MessageSearch({ index: searchIndex, store, keys: mailboxes }),
        quotaBytes: async () => 1e12,
      },
    });
    const call = async (name: string, args: Record<string, unknown>) => {
      const response = await jmap({
        method: 'POST',
        path: '/jmap/api/',
        query: {},
        headers: { 'content-type': 'application/json', authorization: 'Bearer x' },
        body: Buffer.from(
          JSON.stringify({
            using: ['urn:ietf:params:jmap:mail'],
            methodCalls: [[name, { accountId: account, ...args }, 'c']],
          }),
        ),
      });
      return JSON.parse(String(response?.body)).methodResponses[0][1] as Record<string, unknown>;
    };
    const figures: Record<string, number> = {};
    const timed = async (label: string, run: () => Promise<unknown>) => {
      const samples: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        counter.reset();
        const start = performance.now();
        await run();
        samples.push(performance.now() - start);
      }
      figures[`${label} ms (median of ${RUNS})`] = Number(median(samples).toFixed(2));
      const requests = counter.snapshot(['DynamoDB', 'S3']);
      figures[`${label} AWS requests`] = requests.DynamoDB + requests.S3;
    };
    for (const size of SIZES) {
      account = `S-bench-${size}`;
      await mailboxes.provision(ORG, account);
      await seed(documents, account, size - 60);
      for (let index = 0; index < 60; index++) {
        await mailboxes.deliver({
          organizationId: ORG,
          mailboxId: account,
          messageId: `real-${index}`,
          folder: 'INBOX',
          raw: benchMessage(index),
          receivedAt: 1_800_000_000_000 + index,
          summary: {},
          quotaBytes: 1e12,
        });
      }
      const bytesBefore = size === SIZES[0] ? await indexBytes(documents, mailboxPk(ORG, account)) : 0;
      counter.reset();
      const run = await indexer.catchUp(ORG, account);
      const writes = counter.snapshot(['DynamoDB', 'S3']);
      if (size === SIZES[0]) {
        figures['search index items written per message'] = Number((run.items / run.messages).toFixed(1));
        figures['search index AWS requests per message (reads and writes)'] = Number(
          ((writes.DynamoDB + writes.S3) / run.messages).toFixed(1),
        );
        figures['search index bytes per message'] = Math.round(
          ((await indexBytes(documents, mailboxPk(ORG, account))) - bytesBefore) / run.messages,
        );
      }
      const before = (await call('Email/get', { ids: [] })).state;
      const changed = Array.from({ length: 10 }, (_, index) => `real-${index}`);
      await call('Email/set', {
        update: Object.fromEntries(changed.map((id) => [id, { 'keywords/$flagged': true }])),
      });
      const label = `${size.toLocaleString('en-US')} messages`;
      await timed(`Email/query first page (50), ${label}`, () =>
        call('Email/query', { filter: { inMailbox: 'INBOX' }, limit: 50, calculateTotal: true }),
      );
      await timed(`Email/get one message, ${label}`, () =>
        call('Email/get', {
          ids: ['real-59'],
          properties: ['subject', 'from', 'keywords', 'preview', 'bodyValues'],
        }),
      );
      await timed(`Email/query text search (10 matches), ${label}`, async () => {
        const { ids } = await call('Email/query', { filter: { text: 'needle' }, limit: 50 });
        if ((ids as string[]).length !== 10) throw new Error(`the search found ${String(ids)}`);
      });
      await timed(`Email/changes of 10 changes, ${label}`, () =>
        call('Email/changes', { sinceState: before }),
      );
      // The engine's own cost of the two queries Email/query makes, as a baseline: a query whose cost DynamoDB
      // Local lets grow with the partition (DynamoDB does not) shows here, outside Mailwright's code.
      await timed(`DynamoDB Local folder-index page (100), ${label}`, () =>
        store.listMessages(ORG, account, 'INBOX', { limit: 100 }),
      );
      await timed(`DynamoDB Local folder list (sort-key range), ${label}`, () =>
        store.listFolders(ORG, account),
      );
    }
    for (const kind of [
      'Email/query first page (50)',
      'Email/get one message',
      'Email/query text search (10 matches)',
      'Email/changes of 10 changes',
      'DynamoDB Local folder-index page (100)',
      'DynamoDB Local folder list (sort-key range)',
    ]) {
      const small = figures[`${kind}, 1,000 messages ms (median of ${RUNS})`];
      const large = figures[`${kind}, 50,000 messages ms (median of ${RUNS})`];
      figures[`${kind}: ratio 50,000 / 1,000`] = Number((large / small).toFixed(2));
    }
    return { ...figures, ...(await bundleFigures(dir)) };
  } finally {
    dynamoClient.destroy();
    s3Client.destroy();
    await Promise.all([s3.stop(), dynamo.stop()]);
    await rm(dir, { recursive: true, force: true });
  }
}
