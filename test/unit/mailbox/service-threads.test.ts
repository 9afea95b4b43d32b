import { ORG, MBX, setup } from './setup';

describe('MailboxService delivery: threads', () => {
  it('starts a successor thread when the thread is full, leaving the full one as it is', async () => {
    const { service, store, message } = setup();
    await service.provision(ORG, MBX);
    await service.deliver({ ...message('root'), threading: { messageId: '<root@x>' } });
    const threadId = (await store.getMessage(ORG, MBX, 'root'))!.threadId;
    const key = `${ORG}|${MBX}/${threadId}`;
    const full = store.threadRecords.get(key)!;
    const members = Array.from({ length: 500 }, (_, index) => ({
      ...full.members[0],
      messageId: `m${index}`,
    }));
    store.threadRecords.set(key, { ...full, members });

    await service.deliver({
      ...message('late-reply'),
      threading: { messageId: '<r@x>', references: '<root@x>' },
    });

    const reply = await store.getMessage(ORG, MBX, 'late-reply');
    expect(reply?.threadId).not.toBe(threadId);
    expect(reply?.threadId.startsWith(threadId)).toBe(true);
    expect(store.threadRecords.get(key)?.members).toHaveLength(500);
  });
});
