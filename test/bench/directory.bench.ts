import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDbClientTokenStore } from '../../lambdas/adapters/aws/dynamodb-client-token-store';
import { newEntityItems, userCounterKey } from '../../lambdas/adapters/aws/dynamodb-entity-items';
import { DynamoDbEntityStore } from '../../lambdas/adapters/aws/dynamodb-entity-store';
import { DynamoDbOrganizationStore } from '../../lambdas/adapters/aws/dynamodb-organization-store';
import { DIRECTORY_TABLE, ensureTable } from '../../lambdas/adapters/aws/dynamodb-tables';
import { TrustingDomainVerifier } from '../../lambdas/adapters/local/trusting-domain-verifier';
import type { ApiDeps } from '../../lambdas/core/api/deps';
import { dispatch } from '../../lambdas/core/api/dispatch';
import type { Operation } from '../../lambdas/core/api/operation';
import { createUser, listUsers } from '../../lambdas/core/api/operations/entities';
import { createOrganization } from '../../lambdas/core/api/operations/organizations';
import { PageTokens } from '../../lambdas/core/api/pagination';
import { resolveQuotas } from '../../lambdas/core/config/quotas';
import { newEntityId } from '../../lambdas/core/directory/entities';
import type { Entity } from '../../lambdas/core/directory/types';
import { startDynamoDbLocal } from '../../lambdas/local/dynamodb-local';
import { ADMIN, RecordingMailboxes, TEST_SETTINGS } from '../support/api-deps';
import { DynamoDbAdminAuditLog } from '../../lambdas/adapters/aws/dynamodb-admin-audit-log';

const TABLE = 'bench-directory';
const LIST_RUNS = 25;
const CREATES = 200;
const CONCURRENCY = 8;

/** A user as CreateUser builds it (DISABLED, no password), for seeding through the adapter's own item shapes. */
function seededUser(organizationId: string, index: number): Entity {
  const name = `user-${String(index).padStart(5, '0')}`;
  return {
    organizationId,
    entityId: newEntityId('USER'),
    kind: 'USER',
    name,
    state: 'DISABLED',
    aliases: [],
    hiddenFromGlobalAddressList: false,
    createdAt: Date.now(),
    role: 'USER',
    displayName: name,
    profile: {},
    mailboxQuotaMegabytes: TEST_SETTINGS.quotas.defaultMailboxQuotaMegabytes,
  };
}

/** Writes `count` users with BatchWriteItem (25 items a request, 8 requests in flight) and sets the seat counter. */
async function seedUsers(
  documents: DynamoDBDocumentClient,
  organizationId: string,
  count: number,
): Promise<void> {
  const items = Array.from({ length: count }, (_, index) =>
    newEntityItems(seededUser(organizationId, index)),
  ).flat();
  const batches: Record<string, unknown>[][] = [];
  for (let start = 0; start < items.length; start += 25) batches.push(items.slice(start, start + 25));
  await pool(batches, CONCURRENCY, async (batch) => {
    let requests = batch.map((Item) => ({ PutRequest: { Item } }));
    while (requests.length > 0) {
      const { UnprocessedItems } = await documents.send(
        new BatchWriteCommand({ RequestItems: { [TABLE]: requests } }),
      );
      requests = (UnprocessedItems?.[TABLE] ?? []) as typeof requests;
    }
  });
  await documents.send(
    new PutCommand({ TableName: TABLE, Item: { ...userCounterKey(organizationId), total: count } }),
  );
}

/** Runs `work` over `inputs` with at most `width` calls in flight. */
async function pool<T>(
  inputs: readonly T[],
  width: number,
  work: (input: T) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < inputs.length) await work(inputs[next++]!);
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

/** Operations per second of `count` calls of `action`, `width` at a time. */
async function throughput(count: number, width: number, action: (index: number) => Promise<unknown>) {
  const indexes = Array.from({ length: count }, (_, index) => index);
  const elapsed = await millisecondsOf(() => pool(indexes, width, action));
  return (count * 1000) / elapsed;
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * ListUsers first-page latency in an organization of 100 and one of 10,000 users, and CreateUser throughput against
 * raw PutItem, all on one DynamoDB Local started for the run. The listing ratio stays near 1 (an index query whose
 * cost follows the page, not the organization); the CreateUser ratios show the cost of its transaction.
 * @example
 * const { listUsersRatio } = await benchDirectory(); // ≤ 1.5
 */
export async function benchDirectory(): Promise<Record<string, number>> {
  const engine = await startDynamoDbLocal({ inMemory: true });
  const client = new DynamoDBClient({
    endpoint: engine.endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    await ensureTable(client, TABLE, DIRECTORY_TABLE);
    const documents = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true },
    });
    // Only the ports ListUsers, CreateUser and CreateOrganization use.
    const ports: Partial<ApiDeps> = {
      organizations: new DynamoDbOrganizationStore(documents, TABLE),
      entities: new DynamoDbEntityStore(documents, TABLE),
      clientTokens: new DynamoDbClientTokenStore(documents, TABLE),
      domainVerifier: new TrustingDomainVerifier(),
      mailboxes: new RecordingMailboxes(),
      pageTokens: new PageTokens(randomBytes(32)),
      clock: () => new Date(),
      adminAudit: new DynamoDbAdminAuditLog(documents, TABLE),
      settings: { ...TEST_SETTINGS, quotas: resolveQuotas({ usersPerOrganization: 100_000 }) },
    };
    const deps = ports as ApiDeps;
    const call = <O>(operation: Operation, input: unknown) =>
      dispatch(operation, input, {
        deps,
        principal: ADMIN,
        requestId: randomBytes(8).toString('hex'),
      }) as Promise<O>;
    const organization = async (Alias: string) =>
      (await call<{ OrganizationId: string }>(createOrganization, { Alias })).OrganizationId;

    // 1. Seed: 100 and 10,000 users with the entity store's own item shapes.
    const small = await organization('bench-small');
    const large = await organization('bench-large');
    await seedUsers(documents, small, 100);
    await seedUsers(documents, large, 10_000);

    // 2. ListUsers first page (MaxResults 100), alternating the organizations so drift hits both alike.
    const firstPage = (OrganizationId: string) => () =>
      call<{ Users: unknown[] }>(listUsers, { OrganizationId, MaxResults: 100 }).then((page) => {
        if (page.Users.length !== 100) throw new Error(`Expected a full page, got ${page.Users.length}`);
      });
    for (let warm = 0; warm < 5; warm += 1) {
      await firstPage(small)();
      await firstPage(large)();
    }
    const smallRuns: number[] = [];
    const largeRuns: number[] = [];
    for (let run = 0; run < LIST_RUNS; run += 1) {
      smallRuns.push(await millisecondsOf(firstPage(small)));
      largeRuns.push(await millisecondsOf(firstPage(large)));
    }
    const list100 = median(smallRuns);
    const list10k = median(largeRuns);

    // 3. CreateUser through dispatch, sequential and 8 at a time, against PutItem of an item of the same size.
    const target = await organization('bench-create');
    let created = 0;
    const create = () =>
      call(createUser, { OrganizationId: target, Name: `new-${created++}`, DisplayName: 'Bench' });
    await create();
    const { UserId } = await call<{ UserId: string }>(createUser, {
      OrganizationId: target,
      Name: 'sample',
      DisplayName: 'Bench',
    });
    const { Item: sample } = await documents.send(
      new GetCommand({ TableName: TABLE, Key: { pk: `ORG#${target}`, sk: `ENTITY#${UserId}` } }),
    );
    const padding = 'x'.repeat(JSON.stringify(sample).length);
    const put = (index: number) =>
      documents.send(
        new PutCommand({ TableName: TABLE, Item: { pk: 'BENCH', sk: `PUT#${index}`, padding } }),
      );
    const createSequential = await throughput(CREATES, 1, create);
    const putSequential = await throughput(CREATES, 1, put);
    const createConcurrent = await throughput(CREATES * 2, CONCURRENCY, create);
    const putConcurrent = await throughput(CREATES * 2, CONCURRENCY, (index) => put(CREATES + index));

    return {
      listUsersMedianMs100: round(list100),
      listUsersMedianMs10k: round(list10k),
      listUsersRatio: round(list10k / list100),
      createUserPerSecondSequential: round(createSequential, 1),
      putItemPerSecondSequential: round(putSequential, 1),
      createUserToPutItemSequential: round(createSequential / putSequential),
      createUserPerSecondConcurrency8: round(createConcurrent, 1),
      putItemPerSecondConcurrency8: round(putConcurrent, 1),
      createUserToPutItemConcurrency8: round(createConcurrent / putConcurrent),
    };
  } finally {
    client.destroy();
    await engine.stop();
  }
}

/** The most a first ListUsers page in an organization of 10,000 users may cost, relative to one of 100. */
export const MAX_LIST_USERS_RATIO = 1.5;

if (process.argv[1]?.endsWith('directory.bench.ts')) {
  const figures = await benchDirectory();
  console.log(figures);
  if (figures.listUsersRatio! > MAX_LIST_USERS_RATIO) {
    console.error(`ListUsers ratio ${figures.listUsersRatio} exceeds ${MAX_LIST_USERS_RATIO}`);
    process.exitCode = 1;
  }
}
