import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDbMailboxStore } from '../../lambdas/adapters/aws/dynamodb-mailbox-store';
import { DynamoDbSearchIndex } from '../../lambdas/adapters/aws/dynamodb-search-index';
import { MailboxService } from '../../lambdas/core/mailbox/service';
import { ANY_FIELD, MessageSearch, SearchIndexer } from '../../lambdas/core/search';
import { createTestTables } from '../support/dynamodb';
import { CountingKeyWrapper, InMemoryBlobStore } from '../unit/mailbox/doubles';

const ORG = 'm-0123456789abcdef0123456789abcdef';
const MBX = 'S-1-5-9';

describe('DynamoDbSearchIndex (DynamoDB Local)', () => {
  async function setup() {
    const tables = await createTestTables();
    const index = new DynamoDbSearchIndex(tables.documents, tables.mailboxTable);
    const store = new DynamoDbMailboxStore(tables.documents, tables);
    const mailboxes = new MailboxService({
      store,
      blobs: new InMemoryBlobStore(),
      keyWrapper: new CountingKeyWrapper(),
      organizationKey: async () => ({ arn: `arn:aws:workmail:eu-west-1:111122223333:organization/${ORG}` }),
    });
    await mailboxes.provision(ORG, MBX);
    const partitionItems = async () =>
      (
        await tables.documents.send(
          new QueryCommand({
            TableName: tables.mailboxTable,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': `MBX#${ORG}#${MBX}` },
          }),
        )
      ).Items ?? [];
    return { tables, index, store, mailboxes, partitionItems };
  }

  it('writes a segment of any size in batches and reads a term back across segments', async () => {
    const { index } = await setup();
    const postings = new Map(
      Array.from(
        { length: 60 },
        (_, term) => [`key${term}`, [{ messageId: `m${term}`, fields: 32 }]] as const,
      ),
    );

    expect(await index.putSegment(ORG, MBX, 7, postings)).toBe(60);
    await index.putSegment(ORG, MBX, 9, new Map([['key1', [{ messageId: 'later', fields: 3 }]]]));

    expect(await index.postings(ORG, MBX, 'key1')).toEqual([
      { messageId: 'm1', fields: 32 },
      { messageId: 'later', fields: 3 },
    ]);
    expect(await index.postings(ORG, MBX, 'key')).toEqual([]);
    expect(await index.postings(ORG, 'S-other', 'key1')).toEqual([]);
  });

  it('moves the progress only from the value it was', async () => {
    const { index } = await setup();
    const at = (base: number, cursor: number) => ({ base, cursor });

    expect(await index.progress(ORG, MBX)).toEqual(at(0, 0));
    expect(await index.advance(ORG, MBX, at(3, 3), at(5, 5))).toBe(false);
    expect(await index.advance(ORG, MBX, at(0, 0), at(0, 4))).toBe(true);
    expect(await index.advance(ORG, MBX, at(0, 0), at(6, 6))).toBe(false);
    expect(await index.advance(ORG, MBX, at(4, 4), at(6, 6))).toBe(false);
    expect(await index.advance(ORG, MBX, at(0, 4), at(6, 6))).toBe(true);
    expect(await index.progress(ORG, MBX)).toEqual(at(6, 6));
  });

  it('indexes delivered mail, answers from it, and goes with the mailbox when it is destroyed', async () => {
    const { index, store, mailboxes, partitionItems } = await setup();
    await mailboxes.deliver({
      organizationId: ORG,
      mailboxId: MBX,
      messageId: 'ses-1',
      folder: 'INBOX',
      raw: Buffer.from(
        'From: alice@example.com\r\nSubject: Quarterly numbers\r\n\r\nSee the spreadsheet.\r\n',
      ),
      receivedAt: 1_800_000_000_000,
      summary: {},
      quotaBytes: 1e9,
    });
    await new SearchIndexer({ index, model: store, mailboxes }).catchUp(ORG, MBX);
    const search = new MessageSearch({ index, store, keys: mailboxes });

    const found = await search.search(ORG, MBX, { kind: 'words', text: 'spreadsheet', fields: ANY_FIELD });
    expect(found.ok && found.matches.map((entry) => entry.messageId)).toEqual(['ses-1']);
    const stored = JSON.stringify(await partitionItems());
    for (const word of ['quarterly', 'numbers', 'spreadsheet'])
      expect(stored.toLowerCase()).not.toContain(word);

    await mailboxes.destroy(ORG, MBX);
    expect(await partitionItems()).toEqual([]);
  });
});
