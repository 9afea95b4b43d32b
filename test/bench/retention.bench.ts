import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ageIndexKeys, DynamoDbRetentionIndex } from '../../lambdas/adapters/aws/dynamodb-age-index';
import { DynamoDbMailboxStore } from '../../lambdas/adapters/aws/dynamodb-mailbox-store';
import {
  folderListingPk,
  folderSk,
  MAILBOX_SK,
  mailboxPk,
  messageSk,
  uidSk,
} from '../../lambdas/adapters/aws/dynamodb-model-items';
import {
  DIRECTORY_TABLE,
  ensureTable,
  KEY_TABLE,
  MAILBOX_TABLE,
} from '../../lambdas/adapters/aws/dynamodb-tables';
import { DynamoDbRetentionPolicyStore } from '../../lambdas/adapters/aws/dynamodb-retention-policy-store';
import { newFolder } from '../../lambdas/core/mailbox/folders';
import { MailboxModel } from '../../lambdas/core/mailbox/mailbox-model';
import type { BlobStore } from '../../lambdas/core/mailbox/ports';
import { sweepOrganization, type SweepDeps } from '../../lambdas/core/retention/sweep';
import { startDynamoDbLocal } from '../../lambdas/local/dynamodb-local';

const TABLES = { mailboxTable: 'bench-mailbox', keyTable: 'bench-keys', directoryTable: 'bench-directory' };
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 6, 1);
const MAILBOXES = 10;
const EXPIRED = 1_000;
const DRY_RUNS = 15;
const CONCURRENCY = 8;

/** A message index entry as the adapter stores it (summary and key empty: the sweep never reads them). */
function entryItem(organizationId: string, mailboxId: string, index: number, ageAt: number) {
  const partition = mailboxPk(organizationId, mailboxId);
  const messageId = `msg-${String(index).padStart(7, '0')}`;
  return {
    pk: partition,
    sk: messageSk(messageId),
    gsi1pk: folderListingPk(partition, 'INBOX'),
    gsi1sk: `${String(ageAt).padStart(15, '0')}#${messageId}`,
    gsi2pk: folderListingPk(partition, 'INBOX'),
    gsi2sk: uidSk(index + 1),
    ...ageIndexKeys(partition, 'INBOX', messageId, ageAt),
    messageId,
    folder: 'INBOX',
    receivedAt: ageAt,
    ageAt,
    sizeBytes: 2_000,
    blobKey: `${organizationId}/${mailboxId}/${messageId}`,
    keyVersion: 1,
    formatVersion: 1,
    wrappedMessageKey: Buffer.alloc(60),
    summary: {},
    keywords: ['$seen'],
    uid: index + 1,
    threadId: `T${messageId}`,
    modseq: 1,
    createdModseq: 1,
  };
}

/**
 * Seeds an organization straight through the adapter's item shapes (delivering 101,000 messages would take an
 * hour here): `perMailbox` messages in each of 10 Inboxes, of which 100 per mailbox have expired, with the expired
 * ones' ages interleaved across mailboxes the same way in every organization.
 */
async function seedOrganization(
  documents: DynamoDBDocumentClient,
  organizationId: string,
  perMailbox: number,
) {
  const items: Record<string, unknown>[] = [];
  const expiredPerMailbox = EXPIRED / MAILBOXES;
  for (let m = 0; m < MAILBOXES; m++) {
    const mailboxId = `S-1-bench-${m}`;
    const partition = mailboxPk(organizationId, mailboxId);
    items.push({
      pk: partition,
      sk: MAILBOX_SK,
      organizationId,
      mailboxId,
      state: 'ACTIVE',
      keyScheme: 'AES256_SYMMETRIC_V1',
      currentKeyVersion: 1,
      usedBytes: perMailbox * 2_000,
      messageCount: perMailbox,
      createdAt: NOW - 400 * DAY,
      modseq: 1,
    });
    const inbox = newFolder({ folderId: 'INBOX', name: 'Inbox', role: 'inbox' }, 1, NOW - 400 * DAY);
    items.push({
      pk: partition,
      sk: folderSk('INBOX'),
      ...inbox,
      totalEmails: perMailbox,
      uidNext: perMailbox + 1,
    });
    for (let i = 0; i < perMailbox; i++) {
      // Expired: 40–80 days old, interleaved across mailboxes; the rest changed within the last 10 days.
      const ageAt =
        i < expiredPerMailbox ? NOW - 80 * DAY + (i * MAILBOXES + m) * 60_000 : NOW - (i % 10) * DAY;
      items.push(entryItem(organizationId, mailboxId, i, ageAt));
    }
  }
  const batches: Record<string, unknown>[][] = [];
  for (let start = 0; start < items.length; start += 25) batches.push(items.slice(start, start + 25));
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < batches.length) {
        let requests = batches[next++]!.map((Item) => ({ PutRequest: { Item } }));
        while (requests.length > 0) {
          const { UnprocessedItems } = await documents.send(
            new BatchWriteCommand({ RequestItems: { [TABLES.mailboxTable]: requests } }),
          );
          requests = (UnprocessedItems?.[TABLES.mailboxTable] ?? []) as typeof requests;
        }
      }
    }),
  );
}

async function millisecondsOf(action: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await action();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * A retention sweep (INBOX, PERMANENTLY_DELETE after 30 days) over an organization of 100,000 stored messages of
 * which 1,000 have expired, against one of 1,000 stored messages that have all expired, on one DynamoDB Local. The
 * ratio stays near 1: the age index returns only the expired entries, so the work follows them, not the store.
 * Entries are seeded through the adapter's item shapes, not delivered; blobs are a no-op store (the sweep deletes
 * each expired blob once, the same number in both organizations).
 * @example
 * const { sweepRatio } = await benchRetention(); // ≤ 1.5
 */
export async function benchRetention(): Promise<Record<string, number>> {
  const engine = await startDynamoDbLocal({ inMemory: true });
  const client = new DynamoDBClient({
    endpoint: engine.endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    await Promise.all([
      ensureTable(client, TABLES.mailboxTable, MAILBOX_TABLE),
      ensureTable(client, TABLES.keyTable, KEY_TABLE),
      ensureTable(client, TABLES.directoryTable, DIRECTORY_TABLE),
    ]);
    const documents = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true },
    });
    // Two copies of each, swept small, large, large, small: the engine speeds up as it runs, and this order
    // cancels that drift from the ratio.
    const large = ['m-1a000000000000000000000000000000', 'm-1b000000000000000000000000000000'] as const;
    const small = ['m-5a000000000000000000000000000000', 'm-5b000000000000000000000000000000'] as const;
    const warmUp = 'm-3a000000000000000000000000000000';
    const seedMs = await millisecondsOf(async () => {
      for (const organizationId of large) await seedOrganization(documents, organizationId, 10_000);
      for (const organizationId of [...small, warmUp]) await seedOrganization(documents, organizationId, 100);
    });
    const policies = new DynamoDbRetentionPolicyStore(documents, TABLES.directoryTable);
    for (const organizationId of [...large, ...small, warmUp])
      await policies.put(organizationId, {
        id: 'bench',
        name: 'bench',
        folderConfigurations: [{ name: 'INBOX', action: 'PERMANENTLY_DELETE', periodDays: 30 }],
      });
    let blobDeletes = 0;
    const blobs: BlobStore = {
      putStream: async () => {},
      get: async () => undefined,
      delete: async () => void blobDeletes++,
    };
    const deps: SweepDeps = {
      policies,
      index: new DynamoDbRetentionIndex(documents, TABLES.mailboxTable),
      model: new MailboxModel({ store: new DynamoDbMailboxStore(documents, TABLES), blobs, now: () => NOW }),
      now: () => NOW,
      recoverableDays: 30,
    };
    const expiredIn = async (organizationId: string) =>
      (await sweepOrganization(deps, organizationId, { dryRun: true })).counts[0]?.messages ?? 0;

    // 1. Dry runs (the index queries alone), alternating so drift hits both alike.
    for (let warm = 0; warm < 3; warm++) await Promise.all([expiredIn(small[0]), expiredIn(large[0])]);
    const dryLarge: number[] = [];
    const drySmall: number[] = [];
    for (let run = 0; run < DRY_RUNS; run++) {
      drySmall.push(await millisecondsOf(() => expiredIn(small[0])));
      dryLarge.push(await millisecondsOf(() => expiredIn(large[0])));
    }
    for (const organizationId of [...large, ...small])
      if ((await expiredIn(organizationId)) !== EXPIRED)
        throw new Error('A seeded organization does not have 1,000 expired messages');

    // 2. The sweeps themselves (they destroy what they measure), after a warm-up sweep of another 1,000.
    await sweepOrganization(deps, warmUp);
    blobDeletes = 0;
    const sweep = async (organizationId: string) => {
      let changed = 0;
      const ms = await millisecondsOf(async () => {
        changed = (await sweepOrganization(deps, organizationId)).counts[0]?.messages ?? 0;
      });
      if (changed !== EXPIRED) throw new Error(`A sweep changed ${changed} messages, not ${EXPIRED}`);
      return ms;
    };
    const small1 = await sweep(small[0]);
    const large1 = await sweep(large[0]);
    const large2 = await sweep(large[1]);
    const small2 = await sweep(small[1]);
    if (blobDeletes !== 4 * EXPIRED) throw new Error(`The sweeps deleted ${blobDeletes} blobs`);
    const sweepSmall = (small1 + small2) / 2;
    const sweepLarge = (large1 + large2) / 2;

    return {
      seedSeconds: round(seedMs / 1000, 1),
      dryRunMedianMs1kStored: round(median(drySmall)),
      dryRunMedianMs100kStored: round(median(dryLarge)),
      dryRunRatio: round(median(dryLarge) / median(drySmall)),
      sweepMs1kStored: round(sweepSmall),
      sweepMs100kStored: round(sweepLarge),
      sweepRatio: round(sweepLarge / sweepSmall),
      expiredMessagesPerSecond100kStored: round((EXPIRED * 1000) / sweepLarge, 1),
    };
  } finally {
    client.destroy();
    await engine.stop();
  }
}

/** The most a sweep over 100,000 stored messages may cost, relative to one over 1,000, for the same 1,000 expired. */
export const MAX_SWEEP_RATIO = 1.5;

if (process.argv[1]?.endsWith('retention.bench.ts')) {
  const figures = await benchRetention();
  console.log(figures);
  if (figures.sweepRatio! > MAX_SWEEP_RATIO) {
    console.error(`Retention sweep ratio ${figures.sweepRatio} exceeds ${MAX_SWEEP_RATIO}`);
    process.exitCode = 1;
  }
}
