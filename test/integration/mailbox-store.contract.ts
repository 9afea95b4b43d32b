import type { MailboxStore } from '../../lambdas/core/mailbox/ports';
import type {
  MailboxRecord,
  MessageIndexEntry,
  PutMessageOptions,
  WrappedMailboxKey,
} from '../../lambdas/core/mailbox/types';
import { putPlanned } from './model-commits';

const ORG = 'm-00000000000000000000000000000001';

const record = (mailboxId: string): MailboxRecord => ({
  organizationId: ORG,
  mailboxId,
  state: 'ACTIVE',
  keyScheme: 'AES256_SYMMETRIC_V1',
  currentKeyVersion: 1,
  usedBytes: 0,
  messageCount: 0,
  createdAt: 1_800_000_000_000,
  modseq: 0,
});

const key = (version: number): WrappedMailboxKey => ({
  version,
  wrappedKey: Buffer.from([version, 0, 255, 7]),
  createdAt: 1_800_000_000_000 + version,
});

const entry = (
  messageId: string,
  receivedAt: number,
  folder = 'INBOX',
  sizeBytes = 100,
): MessageIndexEntry => ({
  messageId,
  folder,
  receivedAt,
  sizeBytes,
  blobKey: `${ORG}/S/${messageId}/b`,
  keyVersion: 1,
  formatVersion: 1,
  wrappedMessageKey: Buffer.alloc(60, 3),
  summary: { subject: Buffer.from([1, 2, 3]), to: Buffer.from([4, 5]) },
  keywords: [],
  uid: 0,
  threadId: `T-${messageId}`,
  modseq: 0,
  createdModseq: 0,
});

/**
 * The MailboxStore contract, run against every implementation (the DynamoDB adapter and the unit-test double).
 * @param create - a fresh, empty store per test
 */
export function mailboxStoreContract(name: string, create: () => Promise<MailboxStore>): void {
  describe(`MailboxStore contract: ${name}`, () => {
    let store: MailboxStore;

    beforeEach(async () => {
      store = await create();
    });

    const put = async (
      mailboxId: string,
      message: MessageIndexEntry,
      options: Omit<PutMessageOptions, 'commit'>,
    ) => (await putPlanned(store, ORG, mailboxId, message, options)).outcome;

    it('creates a mailbox with its first key once', async () => {
      expect(await store.createMailbox(record('S-1'), key(1))).toBe(true);
      expect(await store.createMailbox({ ...record('S-1'), createdAt: 5 }, key(1))).toBe(false);
      expect(await store.getMailbox(ORG, 'S-1')).toEqual(record('S-1'));
      expect(await store.getKey(ORG, 'S-1', 1)).toEqual(key(1));
      expect(await store.getKey(ORG, 'S-1', 2)).toBeUndefined();
      expect(await store.getMailbox(ORG, 'S-2')).toBeUndefined();
    });

    it('adds a key version only on top of the expected current version', async () => {
      await store.createMailbox(record('S-1'), key(1));
      expect(await store.addKeyVersion(ORG, 'S-1', key(2), 1)).toBe(true);
      expect(await store.addKeyVersion(ORG, 'S-1', key(3), 1)).toBe(false);
      expect(await store.getMailbox(ORG, 'S-1')).toMatchObject({ currentKeyVersion: 2 });
      expect(await store.getKey(ORG, 'S-1', 2)).toEqual(key(2));
      expect(await store.getKey(ORG, 'S-1', 3)).toBeUndefined();
    });

    it('puts a message once, counting its size, within the quota only', async () => {
      await store.createMailbox(record('S-1'), key(1));
      expect(await put('S-1', entry('a', 1, 'INBOX', 600), { quotaBytes: 1000 })).toBe('STORED');
      expect(await put('S-1', entry('a', 1, 'INBOX', 600), { quotaBytes: 1000 })).toBe('DUPLICATE');
      expect(await put('S-1', entry('b', 2, 'INBOX', 401), { quotaBytes: 1000 })).toBe('QUOTA_EXCEEDED');
      expect(await put('S-1', entry('c', 3, 'INBOX', 400), { quotaBytes: 1000 })).toBe('STORED');
      expect(await put('S-2', entry('d', 4), { quotaBytes: 1000 })).toBe('MAILBOX_NOT_FOUND');
      expect(await store.getMailbox(ORG, 'S-1')).toMatchObject({ usedBytes: 1000, messageCount: 2 });
      expect(await store.getMessage(ORG, 'S-1', 'a')).toEqual({
        ...entry('a', 1, 'INBOX', 600),
        uid: 1,
        modseq: 1,
        createdModseq: 1,
      });
      expect(await store.getMessage(ORG, 'S-1', 'b')).toBeUndefined();
    });

    it('refuses a message whose delivery receipt was committed before, writing nothing', async () => {
      await store.createMailbox(record('S-1'), key(1));
      const receipt = {
        messageId: 'ses-1',
        target: 'MBX#m-contract#S-1',
        record: { state: 'DELIVERED', recipient: 'a@example.com', mailboxId: 'S-1', folder: 'INBOX' },
        completesMessage: true,
      } as const;

      expect(await put('S-1', entry('a', 1, 'INBOX', 100), { quotaBytes: 1e9, receipt })).toBe('STORED');
      expect(await put('S-1', entry('b', 2, 'INBOX', 100), { quotaBytes: 1e9, receipt })).toBe('DUPLICATE');

      expect(await store.getMessage(ORG, 'S-1', 'b')).toBeUndefined();
      expect(await store.getMailbox(ORG, 'S-1')).toMatchObject({ usedBytes: 100, messageCount: 1 });
    });

    it('lists a folder newest first in pages, and every folder for destruction', async () => {
      await store.createMailbox(record('S-1'), key(1));
      for (const [id, at, folder] of [
        ['a', 1, 'INBOX'],
        ['b', 3, 'INBOX'],
        ['c', 2, 'INBOX'],
        ['j', 4, 'JUNK_EMAIL'],
      ] as const) {
        await put('S-1', entry(id, at, folder), { quotaBytes: 1e9 });
      }
      const first = await store.listMessages(ORG, 'S-1', 'INBOX', { limit: 2 });
      expect(first.items.map((item) => item.messageId)).toEqual(['b', 'c']);
      const second = await store.listMessages(ORG, 'S-1', 'INBOX', { limit: 2, cursor: first.cursor });
      expect(second.items.map((item) => item.messageId)).toEqual(['a']);
      expect(second.cursor).toBeUndefined();
      const all: string[] = [];
      let cursor = undefined;
      do {
        const page: Awaited<ReturnType<MailboxStore['listAllMessages']>> = await store.listAllMessages(
          ORG,
          'S-1',
          { limit: 3, cursor },
        );
        all.push(...page.items.map((item) => item.messageId));
        cursor = page.cursor;
      } while (cursor);
      expect(all.sort()).toEqual(['a', 'b', 'c', 'j']);
    });

    it('deletes a message and gives its size back; a missing one is a no-op', async () => {
      await store.createMailbox(record('S-1'), key(1));
      await put('S-1', entry('a', 1, 'INBOX', 300), { quotaBytes: 1e9 });
      await store.deleteMessage(ORG, 'S-1', 'a');
      await store.deleteMessage(ORG, 'S-1', 'a');
      expect(await store.getMessage(ORG, 'S-1', 'a')).toBeUndefined();
      expect(await store.getMailbox(ORG, 'S-1')).toMatchObject({ usedBytes: 0, messageCount: 0 });
    });

    it('shreds keys and refuses new mail once destroying, then deletes the record', async () => {
      await store.createMailbox(record('S-1'), key(1));
      await store.addKeyVersion(ORG, 'S-1', key(2), 1);
      await store.markDestroying(ORG, 'S-1');
      await store.markDestroying(ORG, 'S-9');
      expect(await put('S-1', entry('a', 1), { quotaBytes: 1e9 })).toBe('MAILBOX_NOT_FOUND');
      expect(await store.addKeyVersion(ORG, 'S-1', key(3), 2)).toBe(false);
      await store.deleteKeys(ORG, 'S-1');
      expect(await store.getKey(ORG, 'S-1', 1)).toBeUndefined();
      expect(await store.getKey(ORG, 'S-1', 2)).toBeUndefined();
      await store.deleteMailbox(ORG, 'S-1');
      expect(await store.getMailbox(ORG, 'S-1')).toBeUndefined();
      expect(await store.getMailbox(ORG, 'S-9')).toBeUndefined();
    });
  });
}
