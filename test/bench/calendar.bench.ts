import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbMailboxStore } from '../../lambdas/adapters/aws/dynamodb-mailbox-store';
import { ensureTable, KEY_TABLE, MAILBOX_TABLE } from '../../lambdas/adapters/aws/dynamodb-tables';
import { MasterKeyWrapper } from '../../lambdas/adapters/local/master-key-wrapper';
import type { CalendarModel } from '../../lambdas/core/calendar/calendar-model';
import type { MailboxRef } from '../../lambdas/core/calendar/types';
import type { BlobStore } from '../../lambdas/core/mailbox/ports';
import { MailboxService } from '../../lambdas/core/mailbox/service';
import { calendarWiring } from '../../lambdas/handlers/wiring/calendar';
import { startDynamoDbLocal } from '../../lambdas/local/dynamodb-local';
import { AwsRequestCounter } from './aws-request-counter';
import { icalTime, seedCollection, yearOfEvents } from './calendar-seed';

const TABLES = { mailboxTable: 'bench-mailbox', keyTable: 'bench-keys' };
const ORG = 'm-ca1e0da7000000000000000000000000';
const DAY = 86_400_000;
const FROM = Date.UTC(2026, 0, 5);
const WINDOW = { start: FROM + 20 * 7 * DAY, end: FROM + 24 * 7 * DAY };
const MAILBOXES = 50;
const ROUNDS = 7;
/** Single-mailbox queries timed together as one baseline sample. */
const BLOCK = 10;

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}

async function millisecondsOf(action: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await action();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** The figures of the changes part: 10 changes after a sync point on a small and a large calendar. */
async function benchChanges(
  model: CalendarModel,
  small: MailboxRef,
  large: MailboxRef,
  counter: AwsRequestCounter,
) {
  const since = new Map<MailboxRef, number>();
  for (const owner of [small, large]) {
    since.set(owner, (await model.getCollection(owner, 'calendar'))!.syncSeq);
    for (let i = 0; i < 10; i++) {
      const start = FROM + i * DAY + 12 * 3_600_000;
      const ics = yearOfEvents(FROM, 1, 0)[0]!
        .replace('UID:bench-0', `UID:changed-${i}`)
        .replace(/DTSTART:\S+/, `DTSTART:${icalTime(start)}`)
        .replace(/DTEND:\S+/, `DTEND:${icalTime(start + 3_600_000)}`);
      const put = await model.putObject(owner, 'calendar', `changed-${i}.ics`, ics);
      if (!put.ok) throw new Error(JSON.stringify(put.refusal));
    }
  }
  const changes = async (owner: MailboxRef) => {
    const result = await model.changesSince(owner, 'calendar', since.get(owner)!, 1000);
    if (!result.ok || result.value.changes.length !== 10) throw new Error('expected 10 changes');
  };
  const smallMs: number[] = [];
  const largeMs: number[] = [];
  for (let run = 0; run < 3; run++) await Promise.all([changes(small), changes(large)]);
  for (let run = 0; run < ROUNDS * 3; run++) {
    smallMs.push(await millisecondsOf(() => changes(small)));
    largeMs.push(await millisecondsOf(() => changes(large)));
  }
  counter.reset();
  await changes(large);
  const requests = counter.snapshot(['DynamoDB']).DynamoDB;
  return {
    'changesSince, 10 changes on 100 events, ms': round(median(smallMs)),
    'changesSince, 10 changes on 10,000 events, ms': round(median(largeMs)),
    'ratio 10,000 / 100 events, changesSince': round(median(largeMs) / median(smallMs)),
    'DynamoDB requests per changesSince, 10,000 events': requests,
  };
}

/**
 * Free/busy over 4 weeks for 50 mailboxes (500 events each, 10 of them weekly series begun before the window)
 * against the same query for 1 mailbox, one mailbox after another, and `changesSince` with 10 changes on a
 * 10,000-event calendar against a 100-event one. Mailboxes are provisioned for real (keys wrapped by the master
 * key file); events are seeded as the adapter's items with the real time index (calendar-seed.ts); the 10 changes
 * go through `putObject`.
 * @example
 * const figures = await benchCalendar(); // per-mailbox ratio ≤ 1.2
 */
export async function benchCalendar(): Promise<Record<string, number>> {
  const engine = await startDynamoDbLocal({ inMemory: true });
  const client = new DynamoDBClient({
    endpoint: engine.endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const keyDir = await mkdtemp(join(tmpdir(), 'calendar-bench-'));
  try {
    await Promise.all([
      ensureTable(client, TABLES.mailboxTable, MAILBOX_TABLE),
      ensureTable(client, TABLES.keyTable, KEY_TABLE),
    ]);
    const documents = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true },
    });
    const keyWrapper = await MasterKeyWrapper.open(join(keyDir, 'master.key'));
    const mailboxStore = new DynamoDbMailboxStore(documents, TABLES);
    const organizationKey = async () => ({
      arn: `arn:aws:workmail:eu-west-1:111122223333:organization/${ORG}`,
    });
    const noBlobs: BlobStore = {
      putStream: async () => {},
      get: async () => undefined,
      delete: async () => {},
    };
    const mailboxes = new MailboxService({
      store: mailboxStore,
      blobs: noBlobs,
      keyWrapper,
      organizationKey,
    });
    const model = calendarWiring({
      documents,
      mailboxTable: TABLES.mailboxTable,
      mailboxStore,
      keyWrapper,
      organizationKey,
    });
    const counter = new AwsRequestCounter();
    counter.attach('DynamoDB', client);

    const owners: MailboxRef[] = Array.from({ length: MAILBOXES }, (_, m) => ({
      organizationId: ORG,
      mailboxId: `S-1-cal-${m}`,
    }));
    const small: MailboxRef = { organizationId: ORG, mailboxId: 'S-1-cal-small' };
    const large: MailboxRef = { organizationId: ORG, mailboxId: 'S-1-cal-large' };
    const seedMs = await millisecondsOf(async () => {
      for (const owner of [...owners, small, large]) await mailboxes.provision(ORG, owner.mailboxId);
      const year = yearOfEvents(FROM, 500, 10);
      await Promise.all(
        owners.map((owner) => seedCollection(documents, TABLES.mailboxTable, owner, 'calendar', year)),
      );
      await seedCollection(documents, TABLES.mailboxTable, small, 'calendar', yearOfEvents(FROM, 100, 2));
      await seedCollection(documents, TABLES.mailboxTable, large, 'calendar', yearOfEvents(FROM, 10_000, 20));
    });

    let next = 0;
    // The single-mailbox query rotates through mailboxes of the same shape: asking one mailbox again and again
    // would measure DynamoDB Local's caches (its hot partition) rather than the query.
    const one = () => model.busyPeriods(owners[next++ % MAILBOXES]!, WINDOW);
    const fifty = async () => {
      for (const owner of owners) await model.busyPeriods(owner, WINDOW);
    };
    const periods = (await one()).length;
    for (let warm = 0; warm < 3; warm++) await Promise.all([one(), fifty()]);
    // Each 50-mailbox run sits between baseline runs of the same length, so load changes on the shared machine
    // hit both alike; Node's CPU time (ical.js expansion, marshalling) is reported beside the wall-clock time.
    const oneMs: number[] = [];
    const fiftyMs: number[] = [];
    let oneCpu = 0;
    let fiftyCpu = 0;
    // A block's mean, not single queries' median: the 50-mailbox figure is a sum, so a median of single
    // queries (skewed: a few slow ones) would be biased low against it.
    const baseline = async () => {
      const cpu = process.cpuUsage();
      const ms = await millisecondsOf(async () => {
        for (let i = 0; i < BLOCK; i++) await one();
      });
      oneMs.push(ms / BLOCK);
      oneCpu += cpuMs(process.cpuUsage(cpu));
    };
    for (let run = 0; run < ROUNDS; run++) {
      await baseline();
      const cpu = process.cpuUsage();
      fiftyMs.push(await millisecondsOf(fifty));
      fiftyCpu += cpuMs(process.cpuUsage(cpu));
      await baseline();
    }
    counter.reset();
    await fifty();
    const fiftyRequests = counter.snapshot(['DynamoDB']).DynamoDB;
    const perMailbox = median(fiftyMs) / MAILBOXES;
    return {
      'seed (50 + 2 mailboxes, 35,100 events), ms': Math.round(seedMs),
      'busy periods per mailbox in the window': periods,
      'busyPeriods, 1 mailbox, ms': round(median(oneMs)),
      'busyPeriods, 50 mailboxes one after another, ms': round(median(fiftyMs)),
      'busyPeriods per mailbox of 50, ms': round(perMailbox),
      'ratio per mailbox, 50 / 1 (target ≤ 1.2)': round(perMailbox / median(oneMs)),
      'Node CPU per mailbox, 1 mailbox, ms': round(oneCpu / (oneMs.length * BLOCK)),
      'Node CPU per mailbox of 50, ms': round(fiftyCpu / (ROUNDS * MAILBOXES)),
      'ratio per mailbox, 50 / 1, Node CPU': round(
        fiftyCpu / (ROUNDS * MAILBOXES) / (oneCpu / (oneMs.length * BLOCK)),
      ),
      'DynamoDB requests per mailbox, 50 mailboxes': round(fiftyRequests / MAILBOXES),
      ...(await benchChanges(model, small, large, counter)),
    };
  } finally {
    client.destroy();
    await engine.stop();
    await rm(keyDir, { recursive: true, force: true });
  }
}
