import { LocalIndexFeed } from '../../../lambdas/local/search-feed';

describe('LocalIndexFeed', () => {
  it('runs a mailbox again until its run says it is caught up', async () => {
    const runs: string[] = [];
    const outcomes = [false, false, true];
    const feed = new LocalIndexFeed(
      async (organizationId, mailboxId) => {
        runs.push(`${organizationId}/${mailboxId}`);
        return { caughtUp: outcomes.shift() ?? true };
      },
      () => {},
    );

    feed.notify('o', 'm');
    await feed.idle();

    expect(runs).toEqual(['o/m', 'o/m', 'o/m']);
  });

  it('logs a failed run and goes on with the other mailboxes', async () => {
    const errors: string[] = [];
    const runs: string[] = [];
    const feed = new LocalIndexFeed(
      async (_organizationId, mailboxId) => {
        runs.push(mailboxId);
        if (mailboxId === 'bad') throw new Error('store down');
        return { caughtUp: true };
      },
      (error) => errors.push(error.message),
    );

    feed.notify('o', 'bad');
    feed.notify('o', 'good');
    await feed.idle();

    expect(runs).toEqual(['bad', 'good']);
    expect(errors).toEqual(['store down']);
  });
});
