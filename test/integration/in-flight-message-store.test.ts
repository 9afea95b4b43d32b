import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDbInFlightMessageStore } from '../../lambdas/adapters/aws/dynamodb-in-flight-message-store';
import type { InFlightMessage, InFlightMessageStore } from '../../lambdas/core/message-flow';
import { createTestTables } from '../support/dynamodb';
import { MemoryInFlightMessageStore } from '../unit/message-flow/memory-stores';

const ARN = 'arn:aws:lambda:eu-west-1:111122223333:function:f';
const ORG = 'm-0123456789abcdef0123456789abcdef';
const record = (messageId: string): InFlightMessage => ({
  messageId,
  organizationId: ORG,
  mailboxIds: ['S-1-a', 'S-1-b'],
  direction: 'OUTBOUND',
  original: { bucket: 'inbound', key: `raw/${messageId}` },
  state: 'IN_TRANSIT',
  ruleArns: [],
  createdAt: 1_700_000_000_000,
  expiresAt: 1_700_086_400_000,
});
let counter = 0;
const nextId = () => `0000000${(counter += 1)}-aaaa-bbbb-cccc-dddddddddddd`;

/** The InFlightMessageStore contract, run against every implementation. */
function contract(name: string, make: () => Promise<InFlightMessageStore>) {
  describe(`InFlightMessageStore contract: ${name}`, () => {
    let store: InFlightMessageStore;
    beforeAll(async () => {
      store = await make();
    });

    it('creates, reads back and refuses a duplicate id', async () => {
      const id = nextId();
      await store.create(record(id));

      expect(await store.get(id)).toEqual(record(id));
      await expect(store.create(record(id))).rejects.toThrow();
      expect(await store.get(nextId())).toBeUndefined();
    });

    it('makes content effective only while a synchronous rule is pending', async () => {
      const id = nextId();
      await store.create(record(id));

      expect(await store.putContent(id, { bucket: 's', key: 'one' })).toBe('STORED');
      await store.update(id, { state: 'PENDING_SYNC', pendingRuleArn: ARN, addRuleArn: ARN });
      expect(await store.putContent(id, { bucket: 's', key: 'two', objectVersion: 'v2' })).toBe('EFFECTIVE');
      const ended = await store.update(id, { state: 'IN_TRANSIT', pendingRuleArn: null });
      expect(await store.putContent(id, { bucket: 's', key: 'three' })).toBe('STORED');

      expect(ended).toMatchObject({
        state: 'IN_TRANSIT',
        ruleArns: [ARN],
        effective: { bucket: 's', key: 'two', objectVersion: 'v2' },
      });
      expect(ended?.pendingRuleArn).toBeUndefined();
      expect(await store.get(id)).toMatchObject({ latest: { key: 'three' }, effective: { key: 'two' } });
    });

    it('refuses content for redirected and unknown messages', async () => {
      const id = nextId();
      await store.create(record(id));
      await store.update(id, { state: 'REDIRECTED' });

      expect(await store.putContent(id, { bucket: 's', key: 'k' })).toBe('FROZEN');
      expect(await store.putContent(nextId(), { bucket: 's', key: 'k' })).toBe('NOT_FOUND');
      expect(await store.update(nextId(), { state: 'DELIVERED' })).toBeUndefined();
      expect((await store.get(id))?.latest).toBeUndefined();
    });

    it('appends rule bindings', async () => {
      const id = nextId();
      await store.create(record(id));
      await store.update(id, { addRuleArn: `${ARN}-a` });

      expect((await store.update(id, { addRuleArn: `${ARN}-b` }))?.ruleArns).toEqual([
        `${ARN}-a`,
        `${ARN}-b`,
      ]);
    });

    it('finds a record from each of its mailboxes, and forgets it everywhere once deleted', async () => {
      const id = nextId();
      const other = nextId();
      const [a, b] = [`S-1-a-${id}`, `S-1-b-${id}`];
      const mine = { ...record(id), mailboxIds: [a, b] };
      await store.create(mine);
      await store.create({ ...record(other), mailboxIds: [b] });

      expect(await store.listForMailbox(ORG, a)).toEqual([id]);
      expect([...(await store.listForMailbox(ORG, b))].sort()).toEqual([id, other].sort());
      expect(await store.listForMailbox('m-fedcba9876543210fedcba9876543210', a)).toEqual([]);

      await store.delete(mine);

      expect(await store.get(id)).toBeUndefined();
      expect(await store.listForMailbox(ORG, a)).toEqual([]);
      expect(await store.listForMailbox(ORG, b)).toEqual([other]);
    });
  });
}

contract('memory test double', async () => new MemoryInFlightMessageStore());

let tables: Awaited<ReturnType<typeof createTestTables>>;
contract('DynamoDB (mailbox table)', async () => {
  tables = await createTestTables();
  return new DynamoDbInFlightMessageStore(tables.documents, tables.mailboxTable);
});

describe('DynamoDbInFlightMessageStore', () => {
  it('stores the record on the mailbox table with a ttl at expiry', async () => {
    const store = new DynamoDbInFlightMessageStore(tables.documents, tables.mailboxTable);
    const id = nextId();
    await store.create(record(id));

    const { Item } = await tables.documents.send(
      new GetCommand({ TableName: tables.mailboxTable, Key: { pk: `INFLIGHT#${id}`, sk: 'MESSAGE' } }),
    );

    expect(Item?.ttl).toBe(1_700_086_400);
  });
});
