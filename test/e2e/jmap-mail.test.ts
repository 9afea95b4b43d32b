import {
  CreateOrganizationCommand,
  DeleteUserCommand,
  DeleteMailboxPermissionsCommand,
  DeregisterFromWorkMailCommand,
  PutMailboxPermissionsCommand,
  RegisterMailDomainCommand,
  type WorkMailClient,
} from '@aws-sdk/client-workmail';
import JamClient from 'jmap-jam';
import { createTransport } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import { jmapUser } from '../support/jmap-users';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';

const DOMAIN = 'jmap.example.com';

/** Parsed JSON as assertions navigate it: any property, any index, no casts. */
type Json = string & { readonly [key: string]: Json } & readonly Json[];

/** One JMAP call's result (jmap-jam throws method errors; this returns them). */
type Outcome = { data?: Record<string, unknown>; error?: { type: string } };

describe('E2E: reading and managing mail over JMAP with jmap-jam', () => {
  let mw: TestRuntime;
  let workmail: WorkMailClient;
  let ana: { userId: string; token: string; jam: JamClient };
  let carl: { userId: string; token: string; jam: JamClient };
  let ben: { userId: string; token: string; jam: JamClient };
  let organizationId: string;
  const raws: Record<string, Buffer> = {};

  const compose = (options: ConstructorParameters<typeof MailComposer>[0]) =>
    new MailComposer({ from: 'Olga <olga@outside.example.net>', ...options }).compile().build();
  const send = (raw: Buffer, to: string) =>
    createTransport({ host: mw.smtp.host, port: mw.smtp.port, secure: false, ignoreTLS: true }).sendMail({
      envelope: { from: 'olga@outside.example.net', to: [to] },
      raw,
    });
  const call = async (jam: JamClient, name: string, args: Record<string, unknown>): Promise<Outcome> => {
    try {
      const [data] = await jam.request([name, args] as never);
      return { data: data as Record<string, unknown> };
    } catch (error) {
      return { error: error as { type: string } };
    }
  };
  const get = async (jam: JamClient, name: string, args: Record<string, unknown>) => {
    const outcome = await call(jam, name, args);
    if (!outcome.data) throw new Error(`${name} failed: ${JSON.stringify(outcome.error)}`);
    return outcome.data as Json;
  };

  async function user(organizationId: string, name: string, email: string) {
    const { userId, token } = await jmapUser(mw, organizationId, name, email);
    return {
      userId,
      token,
      jam: new JamClient({ sessionUrl: `${mw.endpoint}/.well-known/jmap`, bearerToken: token }),
    };
  }

  beforeAll(async () => {
    mw = await startTestRuntime();
    workmail = mw.workmail();
    const { OrganizationId } = await workmail.send(new CreateOrganizationCommand({ Alias: 'jmapmail' }));
    await workmail.send(new RegisterMailDomainCommand({ OrganizationId, DomainName: DOMAIN }));
    organizationId = OrganizationId!;
    ana = await user(organizationId, 'ana', `ana@${DOMAIN}`);
    ben = await user(organizationId, 'ben', `ben@${DOMAIN}`);
    const other = await workmail.send(new CreateOrganizationCommand({ Alias: 'jmapother' }));
    carl = await user(other.OrganizationId!, 'carl', 'carl@jmapother.mailwright.localhost');
    raws.original = await compose({
      to: `ana@${DOMAIN}`,
      subject: 'Budget 2027',
      messageId: '<budget@outside.example.net>',
      text: 'Can you check the figures?',
      attachments: [{ filename: 'figures.csv', content: 'a,b\n1,2\n' }],
    });
    raws.other = await compose({ to: `ana@${DOMAIN}`, subject: 'Lunch?', text: 'Noon?' });
    raws.reply = await compose({
      to: `ana@${DOMAIN}`,
      subject: 'Re: Budget 2027',
      messageId: '<budget-reply@outside.example.net>',
      inReplyTo: '<budget@outside.example.net>',
      references: '<budget@outside.example.net>',
      text: 'Figures attached again.',
    });
    for (const name of ['original', 'other', 'reply']) await send(raws[name], `ana@${DOMAIN}`);
  }, 60_000);

  afterAll(async () => {
    await mw?.stop();
  });

  it('serves a session with absolute URLs and the user’s own mail account', async () => {
    const session = await ana.jam.session;

    expect(session.apiUrl).toBe(`${mw.endpoint}/jmap/api/`);
    expect(session.primaryAccounts['urn:ietf:params:jmap:mail']).toBe(ana.userId);
    expect(session.accounts[ana.userId]).toMatchObject({ name: `ana@${DOMAIN}`, isPersonal: true });
  });

  it('lists the system mailboxes with the delivered mail counted', async () => {
    const { list } = await get(ana.jam, 'Mailbox/get', { accountId: ana.userId });

    const inbox = list.find((mailbox) => mailbox.role === 'inbox');
    expect(list.map((mailbox) => mailbox.name)).toEqual([
      'Inbox',
      'Drafts',
      'Sent Items',
      'Deleted Items',
      'Junk Email',
      'Outbox',
    ]);
    expect(inbox).toMatchObject({
      id: 'INBOX',
      totalEmails: 3,
      unreadEmails: 3,
      totalThreads: 2,
      unreadThreads: 2,
    });
  });

  it('queries the inbox newest first and threads the reply with its original', async () => {
    const { ids, total } = await get(ana.jam, 'Email/query', {
      accountId: ana.userId,
      filter: { inMailbox: 'INBOX' },
      calculateTotal: true,
    });
    const { list } = await get(ana.jam, 'Email/get', {
      accountId: ana.userId,
      ids,
      properties: ['threadId', 'mailboxIds', 'keywords', 'size', 'subject'],
    });

    expect(total).toBe(3);
    expect(list.map((email) => email.subject)).toEqual(['Re: Budget 2027', 'Lunch?', 'Budget 2027']);
    expect(list[0].threadId).toBe(list[2].threadId);
    expect(list[1].threadId).not.toBe(list[0].threadId);
    expect(list[2]).toMatchObject({ mailboxIds: { INBOX: true }, keywords: {}, size: raws.original.length });
    const threads = await get(ana.jam, 'Thread/get', { accountId: ana.userId, ids: [list[0].threadId] });
    expect(threads.list[0].emailIds).toEqual([ids[2], ids[0]]);
  });

  it('searches by text, sender, subject and attachment name within seconds, with snippets', async () => {
    const search = (filter: Record<string, unknown>) =>
      get(ana.jam, 'Email/query', { accountId: ana.userId, filter, calculateTotal: true });
    // Indexing runs right after delivery, off its path: poll until the three messages are searchable.
    const started = Date.now();
    while (Number((await search({ text: 'noon' })).total) === 0 && Date.now() - started < 10_000)
      await new Promise((resolve) => setTimeout(resolve, 100));
    const { ids: inbox } = await search({ inMailbox: 'INBOX' });
    const [reply, lunch, original] = inbox;

    expect((await search({ text: 'figures' })).ids).toEqual([reply, original]);
    expect((await search({ from: 'olga@outside.example.net' })).total).toBe(3);
    expect((await search({ from: 'nobody' })).ids).toEqual([]);
    expect((await search({ subject: 'lunch' })).ids).toEqual([lunch]);
    expect((await search({ text: 'figures.csv' })).ids).toEqual([original]);
    expect((await search({ inMailbox: 'INBOX', body: 'again' })).ids).toEqual([reply]);
    const snippets = await get(ana.jam, 'SearchSnippet/get', {
      accountId: ana.userId,
      filter: { text: 'figures' },
      emailIds: [original],
    });
    expect(snippets.list[0]).toEqual({
      emailId: original,
      subject: null,
      preview: 'Can you check the <mark>figures</mark>?',
    });
    const foreign = await get(carl.jam, 'Email/query', {
      accountId: carl.userId,
      filter: { text: 'figures' },
    });
    expect(foreign.ids).toEqual([]);
  });

  it('reads a message with its body and attachment, and downloads the attachment', async () => {
    const { ids } = await get(ana.jam, 'Email/query', {
      accountId: ana.userId,
      filter: { inMailbox: 'INBOX' },
    });
    const { list } = await get(ana.jam, 'Email/get', {
      accountId: ana.userId,
      ids: [ids[2]],
      properties: ['from', 'subject', 'preview', 'hasAttachment', 'textBody', 'attachments', 'bodyValues'],
      fetchTextBodyValues: true,
    });
    const email = list[0];

    expect(email).toMatchObject({
      from: [{ name: 'Olga', email: 'olga@outside.example.net' }],
      subject: 'Budget 2027',
      preview: 'Can you check the figures?',
      hasAttachment: true,
    });
    expect(email.bodyValues[email.textBody[0].partId].value).toBe('Can you check the figures?');
    expect(email.attachments.map((part: Json) => [part.name, part.type])).toEqual([
      ['figures.csv', 'text/csv'],
    ]);
    const response = await ana.jam.downloadBlob({
      accountId: ana.userId,
      blobId: email.attachments[0].blobId,
      mimeType: 'text/csv',
      fileName: 'figures.csv',
    });
    expect(await response.text()).toBe('a,b\n1,2\n');
  });

  it('downloads a message exactly as it was sent', async () => {
    const { ids } = await get(ana.jam, 'Email/query', {
      accountId: ana.userId,
      filter: { inMailbox: 'INBOX' },
    });
    const { list } = await get(ana.jam, 'Email/get', {
      accountId: ana.userId,
      ids: [ids[2]],
      properties: ['blobId'],
    });

    const response = await ana.jam.downloadBlob({
      accountId: ana.userId,
      blobId: list[0].blobId,
      mimeType: 'message/rfc822',
      fileName: 'budget.eml',
    });

    expect(Buffer.from(await response.arrayBuffer()).equals(raws.original)).toBe(true);
  });

  it('flags, moves and deletes mail, and /changes reports exactly that', async () => {
    const { ids } = await get(ana.jam, 'Email/query', {
      accountId: ana.userId,
      filter: { inMailbox: 'INBOX' },
    });
    const [reply, lunch, original] = ids;
    const before = (await get(ana.jam, 'Email/get', { accountId: ana.userId, ids: [], properties: ['id'] }))
      .state;
    const created = await get(ana.jam, 'Mailbox/set', {
      accountId: ana.userId,
      create: { a: { name: 'Archive' } },
    });
    const archive = created.created.a.id;

    const set = await get(ana.jam, 'Email/set', {
      accountId: ana.userId,
      update: {
        [original]: { 'keywords/$seen': true, 'keywords/$flagged': true },
        [lunch]: { [`mailboxIds/${archive}`]: true, 'mailboxIds/INBOX': null },
      },
      destroy: [reply],
    });
    const changes = await get(ana.jam, 'Email/changes', { accountId: ana.userId, sinceState: before });

    expect(set).toMatchObject({ updated: { [original]: null, [lunch]: null }, destroyed: [reply] });
    expect(changes).toMatchObject({ created: [], destroyed: [reply], hasMoreChanges: false });
    expect([...changes.updated].sort()).toEqual([original, lunch].sort());
    const { list } = await get(ana.jam, 'Email/get', {
      accountId: ana.userId,
      ids: [original, lunch, reply],
      properties: ['keywords', 'mailboxIds'],
    });
    expect(list).toEqual([
      { id: original, keywords: { $flagged: true, $seen: true }, mailboxIds: { INBOX: true } },
      { id: lunch, keywords: {}, mailboxIds: { [archive]: true } },
    ]);
    const mailboxes = await get(ana.jam, 'Mailbox/get', { accountId: ana.userId, ids: ['INBOX', archive] });
    expect(mailboxes.list.map((m) => [m.totalEmails, m.unreadEmails])).toEqual([
      [1, 0],
      [1, 1],
    ]);
  });

  it('refuses what the RFC refuses, in its error shapes', async () => {
    const query = await call(ana.jam, 'Email/query', {
      accountId: ana.userId,
      filter: { hasKeyword: '$seen' },
    });
    const twoMailboxes = await get(ana.jam, 'Email/set', {
      accountId: ana.userId,
      update: { nosuch: { keywords: { $seen: true } } },
    });
    const stale = await call(ana.jam, 'Email/changes', { accountId: ana.userId, sinceState: 'garbage' });
    const response = await fetch(`${mw.endpoint}/jmap/api/`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ana.token}`, 'content-type': 'application/json' },
      body: '{"using": [',
    });

    expect(query.error?.type).toBe('unsupportedFilter');
    expect(twoMailboxes.notUpdated.nosuch).toEqual({ type: 'notFound' });
    expect(stale.error?.type).toBe('cannotCalculateChanges');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ type: 'urn:ietf:params:jmap:error:notJSON' });
  });

  it("answers another organization's user with accountNotFound and notFound, never a hint", async () => {
    const { ids } = await get(ana.jam, 'Email/query', {
      accountId: ana.userId,
      filter: { inMailbox: 'INBOX' },
    });

    const foreignAccount = await call(carl.jam, 'Mailbox/get', { accountId: ana.userId });
    const foreignIds = await get(carl.jam, 'Email/get', { accountId: carl.userId, ids, properties: ['id'] });
    const download = await fetch(`${mw.endpoint}/jmap/download/${ana.userId}/M${ids[0]}/x.eml`, {
      headers: { authorization: `Bearer ${carl.token}` },
    });

    expect(foreignAccount.error?.type).toBe('accountNotFound');
    expect(foreignIds).toMatchObject({ list: [], notFound: ids });
    expect(download.status).toBe(404);
  });

  it('pushes a state change over the event source when mail arrives, then closes as asked', async () => {
    const session = await ana.jam.session;
    const url = session.eventSourceUrl
      .replace('{types}', 'Email')
      .replace('{closeafter}', 'state')
      .replace('{ping}', '0');
    const response = await fetch(url, { headers: { authorization: `Bearer ${ana.token}` } });
    const text = response.text();

    await send(
      await compose({ to: `ana@${DOMAIN}`, subject: 'Ping', text: 'Are you there?' }),
      `ana@${DOMAIN}`,
    );
    const events = await text;

    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const [, data] = /^event: state\ndata: (.*)\n\n$/.exec(events) ?? [];
    expect(JSON.parse(data)).toEqual({
      '@type': 'StateChange',
      changed: { [ana.userId]: { Email: expect.stringMatching(/^s/) } },
    });
  });

  it('shows a mailbox shared with FULL_ACCESS as an account, until the permission is removed', async () => {
    const grant = { OrganizationId: organizationId, EntityId: ana.userId, GranteeId: ben.userId };
    await workmail.send(new PutMailboxPermissionsCommand({ ...grant, PermissionValues: ['FULL_ACCESS'] }));

    const session = await fetch(`${mw.endpoint}/.well-known/jmap`, {
      headers: { authorization: `Bearer ${ben.token}` },
    }).then(async (response) => (await response.json()) as Json);
    const shared = await call(ben.jam, 'Mailbox/get', {
      accountId: ana.userId,
      ids: ['INBOX'],
      properties: ['name'],
    });
    await workmail.send(new DeleteMailboxPermissionsCommand(grant));
    const revoked = await call(ben.jam, 'Mailbox/get', { accountId: ana.userId });

    expect(session.accounts[ana.userId]).toMatchObject({ name: `ana@${DOMAIN}`, isPersonal: false });
    expect(session.primaryAccounts['urn:ietf:params:jmap:mail']).toBe(ben.userId);
    expect(shared.data?.list).toEqual([{ id: 'INBOX', name: 'Inbox' }]);
    expect(revoked.error?.type).toBe('accountNotFound');
  });

  it('copies an Email and a blob from a shared mailbox into the delegate’s own, and moves one with the original destroyed', async () => {
    const grant = { OrganizationId: organizationId, EntityId: ana.userId, GranteeId: ben.userId };
    await workmail.send(new PutMailboxPermissionsCommand({ ...grant, PermissionValues: ['FULL_ACCESS'] }));
    const { ids } = await get(ana.jam, 'Email/query', {
      accountId: ana.userId,
      filter: { inMailbox: 'INBOX' },
    });
    const [newest, second] = ids;
    const { list: originals } = await get(ana.jam, 'Email/get', {
      accountId: ana.userId,
      ids: [newest, second],
      properties: ['receivedAt', 'keywords', 'size', 'attachments'],
    });

    const copy = await get(ben.jam, 'Email/copy', {
      fromAccountId: ana.userId,
      accountId: ben.userId,
      create: { c1: { id: newest, mailboxIds: { INBOX: true } } },
    });
    const blobs = await get(ben.jam, 'Blob/copy', {
      fromAccountId: ana.userId,
      accountId: ben.userId,
      blobIds: [`M${newest}`, 'Mnosuch'],
    });
    const moved = await get(ben.jam, 'Email/copy', {
      fromAccountId: ana.userId,
      accountId: ben.userId,
      create: { c2: { id: second, mailboxIds: { DRAFTS: true }, keywords: { $seen: true } } },
      onSuccessDestroyOriginal: true,
    });
    const { list: copies } = await get(ben.jam, 'Email/get', {
      accountId: ben.userId,
      ids: [copy.created.c1.id],
      properties: ['receivedAt', 'size', 'mailboxIds'],
    });
    const stillThere = await get(ana.jam, 'Email/get', {
      accountId: ana.userId,
      ids: [second],
      properties: ['id'],
    });
    const outsider = await call(carl.jam, 'Email/copy', {
      fromAccountId: ana.userId,
      accountId: carl.userId,
      create: { c3: { id: newest, mailboxIds: { INBOX: true } } },
    });
    await workmail.send(new DeleteMailboxPermissionsCommand(grant));

    expect(copies[0]).toMatchObject({
      receivedAt: originals[0].receivedAt,
      size: originals[0].size,
      mailboxIds: { INBOX: true },
    });
    expect(Object.keys(blobs.copied)).toEqual([`M${newest}`]);
    expect(blobs.notCopied).toEqual({ Mnosuch: { type: 'notFound' } });
    expect(Object.keys(moved.created)).toEqual(['c2']);
    expect(stillThere.notFound).toEqual([second]);
    expect(outsider.error?.type).toBe('fromAccountNotFound');
  });

  it("refuses a deleted user's token on the next request", async () => {
    const organizationId = (await workmail.send(new CreateOrganizationCommand({ Alias: 'jmapgone' })))
      .OrganizationId!;
    const dora = await user(organizationId, 'dora', 'dora@jmapgone.mailwright.localhost');
    expect((await call(dora.jam, 'Mailbox/get', { accountId: dora.userId })).data).toBeDefined();

    await workmail.send(
      new DeregisterFromWorkMailCommand({ OrganizationId: organizationId, EntityId: dora.userId }),
    );
    await workmail.send(new DeleteUserCommand({ OrganizationId: organizationId, UserId: dora.userId }));
    const response = await fetch(`${mw.endpoint}/jmap/api/`, {
      method: 'POST',
      headers: { authorization: `Bearer ${dora.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ using: ['urn:ietf:params:jmap:core'], methodCalls: [['Core/echo', {}, 'c']] }),
    });

    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('Bearer');
  });
});
