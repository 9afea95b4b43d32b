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
import { MailboxService } from '../../lambdas/core/mailbox/service';
import { calendarWiring } from '../../lambdas/handlers/wiring/calendar';
import { createDavApi } from '../../lambdas/http/dav/dav-api';
import { collectionPosition } from '../../lambdas/http/dav/dav-properties';
import type { HttpRequest } from '../../lambdas/http/types';
import { startDynamoDbLocal } from '../../lambdas/local/dynamodb-local';
import { AwsRequestCounter } from './aws-request-counter';

const TABLES = { mailboxTable: 'bench-mailbox', keyTable: 'bench-keys' };
const ORG = 'm-00000000000000000000000000000000';
const SMALL = 100;
const LARGE = 10_000;
const CHANGES = 10;
const RUNS = 20;
const CONCURRENCY = 1;

const event = (index: number, summary = 'Event') => {
  const day = String(1 + (index % 28)).padStart(2, '0');
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//bench//EN',
    'BEGIN:VEVENT',
    `UID:event-${index}@bench`,
    'DTSTAMP:20260101T000000Z',
    `DTSTART:202603${day}T090000Z`,
    `DTEND:202603${day}T100000Z`,
    `SUMMARY:${summary} ${index}`,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
};

async function fill(model: CalendarModel, owner: MailboxRef, count: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      const result = await model.putObject(owner, 'calendar', `event-${index}.ics`, event(index));
      if (!result.ok) throw new Error(`seeding failed: ${result.refusal.type}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * CalDAV sync-collection with 10 changes since the client's token, on a calendar of 10,000 events vs one of 100: the
 * DAV front end over the calendar model on DynamoDB Local, through the same `createDavApi` the runtimes serve. A
 * sync reads the change log from the token, so its time and requests should not grow with the calendar.
 */
export async function benchCaldavSync(): Promise<Record<string, number>> {
  const engine = await startDynamoDbLocal({ inMemory: true });
  const keyDir = await mkdtemp(join(tmpdir(), 'caldav-bench-'));
  const client = new DynamoDBClient({
    endpoint: engine.endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    await ensureTable(client, TABLES.mailboxTable, MAILBOX_TABLE);
    await ensureTable(client, TABLES.keyTable, KEY_TABLE);
    const documents = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true },
    });
    const counter = new AwsRequestCounter();
    counter.attach('DynamoDB', client);
    const keyWrapper = await MasterKeyWrapper.open(join(keyDir, 'master.key'));
    const mailboxStore = new DynamoDbMailboxStore(documents, TABLES);
    const organizationKey = async (organizationId: string) => ({
      arn: `arn:aws:workmail:us-east-1:111122223333:organization/${organizationId}`,
    });
    const mailboxes = new MailboxService({
      store: mailboxStore,
      blobs: { put: async () => {}, get: async () => undefined, delete: async () => {} } as never,
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
    const small: MailboxRef = { organizationId: ORG, mailboxId: 'small-user' };
    const large: MailboxRef = { organizationId: ORG, mailboxId: 'large-user' };
    await Promise.all([mailboxes.provision(ORG, small.mailboxId), mailboxes.provision(ORG, large.mailboxId)]);
    await Promise.all([fill(model, small, SMALL), fill(model, large, LARGE)]);

    let signedIn = small.mailboxId;
    const dav = createDavApi({
      baseUrl: 'http://bench.invalid/dav',
      authenticate: async () => ({
        ok: true,
        user: {
          organizationId: ORG,
          userId: signedIn,
          email: `${signedIn}@bench.invalid`,
          method: 'password',
        },
      }),
      calendars: model,
      sharedMailboxes: async () => [],
    });
    const report = (owner: MailboxRef, token: string): HttpRequest => ({
      method: 'REPORT',
      path: `/dav/calendars/${owner.mailboxId}/calendar/`,
      query: {},
      headers: { authorization: 'Basic x', 'content-type': 'application/xml' },
      body: Buffer.from(
        `<d:sync-collection xmlns:d="DAV:"><d:sync-token>${token}</d:sync-token><d:sync-level>1</d:sync-level>` +
          '<d:prop><d:getetag/></d:prop></d:sync-collection>',
      ),
    });
    /** The token before 10 changes, so each sync answers exactly those. */
    const prepare = async (owner: MailboxRef) => {
      const info = await model.getCollection(owner, 'calendar');
      for (let index = 0; index < CHANGES; index += 1) {
        await model.putObject(owner, 'calendar', `event-${index * 7}.ics`, event(index * 7, 'Changed'));
      }
      return `http://bench.invalid/dav/sync/${collectionPosition(info!, info!.syncSeq)}`;
    };
    const syncOnce = async (owner: MailboxRef, token: string) => {
      signedIn = owner.mailboxId;
      counter.reset();
      const start = performance.now();
      const response = await dav(report(owner, token));
      const ms = performance.now() - start;
      const responses = String(response?.body).split('<d:response>').length - 1;
      if (response?.statusCode !== 207 || responses !== CHANGES)
        throw new Error(`unexpected sync answer (${responses})`);
      return { ms, requests: counter.snapshot(['DynamoDB']).DynamoDB ?? 0 };
    };
    const tokens = { small: await prepare(small), large: await prepare(large) };
    for (let warm = 0; warm < 3; warm += 1) {
      await syncOnce(small, tokens.small);
      await syncOnce(large, tokens.large);
    }
    // Alternated, so DynamoDB Local's drift over the run weighs on both sizes alike.
    const runs = { small: [] as number[], large: [] as number[] };
    let requests = { small: 0, large: 0 };
    for (let run = 0; run < RUNS; run += 1) {
      const a = await syncOnce(small, tokens.small);
      const b = await syncOnce(large, tokens.large);
      runs.small.push(a.ms);
      runs.large.push(b.ms);
      requests = { small: a.requests, large: b.requests };
    }
    const smallRun = { ms: median(runs.small), requests: requests.small };
    const largeRun = { ms: median(runs.large), requests: requests.large };
    return {
      smallEvents: SMALL,
      largeEvents: LARGE,
      changes: CHANGES,
      smallSyncMsMedian: Math.round(smallRun.ms * 100) / 100,
      largeSyncMsMedian: Math.round(largeRun.ms * 100) / 100,
      largeToSmallRatio: Math.round((largeRun.ms / smallRun.ms) * 100) / 100,
      smallSyncDynamoDbRequests: smallRun.requests,
      largeSyncDynamoDbRequests: largeRun.requests,
    };
  } finally {
    client.destroy();
    await engine.stop();
    await rm(keyDir, { recursive: true, force: true });
  }
}
