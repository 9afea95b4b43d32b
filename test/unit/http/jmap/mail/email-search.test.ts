import { mailFixture } from './fixture';

const message = (from: string, subject: string, body: string) =>
  `From: ${from}\r\nTo: ana@example.com\r\nSubject: ${subject}\r\n\r\n${body}\r\n`;

describe('JMAP Email/query with text, address and keyword filters, and SearchSnippet/get', () => {
  async function mailbox() {
    const fixture = await mailFixture();
    await fixture.deliver(
      'm1',
      undefined,
      message('Alice <alice@example.com>', 'Budget 2027', 'Please review.'),
    );
    await fixture.deliver(
      'm2',
      undefined,
      message('Bob <bob@example.com>', 'Lunch', 'Alice liked the budget.'),
    );
    await fixture.deliver(
      'm3',
      undefined,
      message('Carol <carol@example.com>', 'Budget draft', 'See attached.'),
    );
    await fixture.deliver('m4', undefined, message('Dan <dan@example.com>', 'Unrelated', 'Nothing here.'));
    await fixture.indexNow();
    return fixture;
  }

  it('answers text, from and subject conditions from the index, newest first, with the total', async () => {
    const { call } = await mailbox();

    const [, text] = await call('Email/query', { filter: { text: 'budget' }, calculateTotal: true });
    const [, from] = await call('Email/query', { filter: { from: 'alice@example.com' } });
    const [, subject] = await call('Email/query', { filter: { inMailbox: 'INBOX', subject: 'budget' } });
    const [, body] = await call('Email/query', { filter: { body: 'budget' } });

    expect(text).toMatchObject({ ids: ['m3', 'm2', 'm1'], total: 3, position: 0 });
    expect(from.ids).toEqual(['m1']);
    expect(subject.ids).toEqual(['m3', 'm1']);
    expect(body.ids).toEqual(['m2']);
  });

  it('pages search results with position, anchor and limit', async () => {
    const { call } = await mailbox();

    const [, page] = await call('Email/query', { filter: { text: 'budget' }, position: 1, limit: 1 });
    const [, anchored] = await call('Email/query', { filter: { text: 'budget' }, anchor: 'm2', limit: 5 });

    expect(page).toMatchObject({ ids: ['m2'], position: 1 });
    expect(anchored).toMatchObject({ ids: ['m2', 'm1'], position: 1 });
  });

  it('combines conditions with operators and keywords', async () => {
    const { call } = await mailbox();
    await call('Email/set', { update: { m1: { 'keywords/$flagged': true } } });

    const [, or] = await call('Email/query', {
      filter: {
        operator: 'AND',
        conditions: [
          { inMailbox: 'INBOX' },
          { operator: 'OR', conditions: [{ from: 'bob' }, { from: 'carol' }] },
        ],
      },
    });
    const [, flagged] = await call('Email/query', { filter: { inMailbox: 'INBOX', hasKeyword: '$flagged' } });
    const [, not] = await call('Email/query', {
      filter: {
        operator: 'AND',
        conditions: [{ text: 'budget' }, { operator: 'NOT', conditions: [{ from: 'bob' }] }],
      },
    });

    expect(or.ids).toEqual(['m3', 'm2']);
    expect(flagged.ids).toEqual(['m1']);
    expect(not.ids).toEqual(['m3', 'm1']);
  });

  it('marks the matching words in subject and preview, and reports unknown ids', async () => {
    const { call } = await mailbox();

    const [name, snippets] = await call('SearchSnippet/get', {
      filter: { text: 'budget' },
      emailIds: ['m2', 'm3', 'nope', 'm4'],
    });

    expect(name).toBe('SearchSnippet/get');
    expect(snippets.list).toEqual([
      { emailId: 'm2', subject: null, preview: 'Alice liked the <mark>budget</mark>.' },
      { emailId: 'm3', subject: '<mark>Budget</mark> draft', preview: null },
      { emailId: 'm4', subject: null, preview: null },
    ]);
    expect(snippets.notFound).toEqual(['nope']);
  });

  it('refuses SearchSnippet/get without emailIds or with too many', async () => {
    const { call } = await mailbox();

    const [, missing] = await call('SearchSnippet/get', { filter: { text: 'x' } });
    const [, many] = await call('SearchSnippet/get', {
      filter: { text: 'x' },
      emailIds: Array.from({ length: 101 }, (_, index) => `m${index}`),
    });

    expect([missing.type, many.type]).toEqual(['invalidArguments', 'requestTooLarge']);
  });
});
