import { eventStream } from '../../../../../lambdas/http/jmap/mail/event-source';

describe('JMAP event source', () => {
  /** A store whose modseq the test moves, and a sleep that only advances a counter. */
  function rig() {
    const modseq = { value: 3 };
    const store = { getMailbox: async () => ({ modseq: modseq.value }) } as never;
    let slept = 0;
    const sleep = async (ms: number) => {
      slept += ms;
    };
    return { modseq, store, sleep, slept: () => slept };
  }
  const accounts = { A: { organizationId: 'm-1', mailboxId: 'A' } };

  it('pings at the asked interval (at least 5 s) while idle, and names the interval', async () => {
    const { store, sleep, slept } = rig();
    const events = eventStream(
      { store, now: () => 0 },
      accounts,
      { types: '*', closeafter: 'no', ping: '1' },
      sleep,
    );

    const first = await events.next();

    expect(first.value).toBe('event: ping\ndata: {"interval":5}\n\n');
    expect(slept()).toBe(5000);
    await events.return(undefined);
  });

  it('sends one state event per change with the asked types only, and can close after it', async () => {
    const { modseq, store, sleep } = rig();
    const events = eventStream(
      { store, now: () => 0 },
      accounts,
      { types: 'Mailbox,Nonsense', closeafter: 'state', ping: '0' },
      sleep,
    );
    const pending = events.next();
    modseq.value = 4;

    const event = (await pending).value as string;

    expect(JSON.parse(event.split('data: ')[1])).toEqual({
      '@type': 'StateChange',
      changed: { A: { Mailbox: 's4.0' } },
    });
    expect((await events.next()).done).toBe(true);
  });
});
