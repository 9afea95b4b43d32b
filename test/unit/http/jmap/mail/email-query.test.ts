import { mailFixture } from './fixture';

describe('JMAP Email/query', () => {
  async function inbox(count: number) {
    const fixture = await mailFixture();
    for (let index = 1; index <= count; index++) await fixture.deliver(`m${index}`);
    return fixture;
  }

  it('lists a mailbox newest first, from a position, with the total from its counters', async () => {
    const { call } = await inbox(5);

    const [, first] = await call('Email/query', {
      filter: { inMailbox: 'INBOX' },
      limit: 2,
      calculateTotal: true,
    });
    const [, later] = await call('Email/query', { filter: { inMailbox: 'INBOX' }, position: 3 });
    const [, fromEnd] = await call('Email/query', { filter: { inMailbox: 'INBOX' }, position: -2 });

    expect(first).toMatchObject({ ids: ['m5', 'm4'], position: 0, total: 5, canCalculateChanges: false });
    expect(later).toMatchObject({ ids: ['m2', 'm1'], position: 3 });
    expect(later.total).toBeUndefined();
    expect(fromEnd).toMatchObject({ ids: ['m2', 'm1'], position: 3 });
  });

  it('starts at an anchor, also before it, and refuses an anchor it does not find', async () => {
    const { call } = await inbox(5);

    const [, at] = await call('Email/query', { filter: { inMailbox: 'INBOX' }, anchor: 'm3', limit: 2 });
    const [, before] = await call('Email/query', {
      filter: { inMailbox: 'INBOX' },
      anchor: 'm3',
      anchorOffset: -1,
      limit: 2,
    });
    const [name, missing] = await call('Email/query', { filter: { inMailbox: 'INBOX' }, anchor: 'zzz' });

    expect(at).toMatchObject({ ids: ['m3', 'm2'], position: 2 });
    expect(before).toMatchObject({ ids: ['m4', 'm3'], position: 1 });
    expect([name, missing.type]).toEqual(['error', 'anchorNotFound']);
  });

  it('collapses threads to their newest message and counts threads as the total', async () => {
    const { call, deliver } = await mailFixture();
    await deliver('a1', { messageId: '<a@x>' });
    await deliver('b1', { messageId: '<b@x>' });
    await deliver('a2', { messageId: '<a2@x>', references: '<a@x>' });

    const [, collapsed] = await call('Email/query', {
      filter: { inMailbox: 'INBOX' },
      collapseThreads: true,
      calculateTotal: true,
    });

    expect(collapsed).toMatchObject({ ids: ['a2', 'b1'], total: 2 });
  });

  it('caps the limit at 256 and says so', async () => {
    const { call } = await inbox(1);

    const [, capped] = await call('Email/query', { filter: { inMailbox: 'INBOX' }, limit: 1000 });

    expect(capped).toMatchObject({ ids: ['m1'], limit: 256 });
  });

  it.each([
    [{ filter: { hasKeyword: '$seen' } }, 'unsupportedFilter'],
    [{}, 'unsupportedFilter'],
    [{ filter: null }, 'unsupportedFilter'],
    [{ filter: { operator: 'OR', conditions: [] } }, 'unsupportedFilter'],
    [{ filter: { inMailbox: 'INBOX', header: ['X-Spam'] } }, 'unsupportedFilter'],
    [{ filter: { inMailbox: 'INBOX', hasAttachment: true } }, 'unsupportedFilter'],
    [{ filter: { inMailbox: 'INBOX', colour: 'red' } }, 'unsupportedFilter'],
    [{ filter: { text: 5 } }, 'invalidArguments'],
    [{ filter: { inMailbox: 'INBOX', hasKeyword: 'a b' } }, 'invalidArguments'],
    [{ filter: { inMailbox: 'INBOX', before: 'yesterday' } }, 'invalidArguments'],
    [{ filter: { inMailbox: 'INBOX', minSize: -1 } }, 'invalidArguments'],
    [{ filter: { operator: 'XOR', conditions: [] } }, 'invalidArguments'],
    [{ filter: 'INBOX' }, 'invalidArguments'],
    [{ filter: { inMailbox: 'INBOX' }, sort: [{ property: 'subject' }] }, 'unsupportedSort'],
    [
      { filter: { inMailbox: 'INBOX' }, sort: [{ property: 'receivedAt', isAscending: true }] },
      'unsupportedSort',
    ],
    [{ filter: { inMailbox: 'INBOX' }, limit: -1 }, 'invalidArguments'],
  ])('refuses %j with %s', async (args, type) => {
    const { call } = await inbox(1);

    const [name, error] = await call('Email/query', args);

    expect([name, error.type]).toEqual(['error', type]);
  });

  it('finds nothing in a mailbox that does not exist', async () => {
    const { call } = await inbox(1);

    const [, result] = await call('Email/query', { filter: { inMailbox: 'nope' }, calculateTotal: true });

    expect(result).toMatchObject({ ids: [], total: 0 });
  });
});
