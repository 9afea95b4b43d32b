import { MailboxWatcher } from '../../../lambdas/imap/mailbox-watcher';

describe('MailboxWatcher', () => {
  it('reads each watched mailbox once per poll however many sessions watch it, and wakes those behind', async () => {
    let modseq = 5;
    const reads: string[] = [];
    const watcher = new MailboxWatcher(
      {
        getMailbox: async (organizationId, mailboxId) => {
          reads.push(`${organizationId}/${mailboxId}`);
          return { modseq } as never;
        },
      },
      5,
    );
    const woken: string[] = [];
    const stopA = watcher.watch('o', 'm', 5, () => woken.push('a'));
    const stopB = watcher.watch('o', 'm', 4, () => woken.push('b'));
    await new Promise((resolve) => setTimeout(resolve, 30));
    const readsWhileQuiet = reads.length;
    modseq = 6;
    await new Promise((resolve) => setTimeout(resolve, 30));
    stopA();
    stopB();
    const readsAtStop = reads.length;
    await new Promise((resolve) => setTimeout(resolve, 30));

    expect(new Set(reads)).toEqual(new Set(['o/m']));
    expect(readsWhileQuiet).toBeGreaterThan(0);
    expect(woken.sort()).toEqual(['a', 'b', 'b'].sort());
    expect(reads.length).toBe(readsAtStop);
  });
});
