import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CreateOrganizationCommand,
  PutMailboxPermissionsCommand,
  RegisterMailDomainCommand,
  type WorkMailClient,
} from '@aws-sdk/client-workmail';
import JamClient from 'jmap-jam';
import MailComposer from 'nodemailer/lib/mail-composer';
import { jmapUser } from '../support/jmap-users';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';

const DOMAIN = 'send.example.com';
const USING = ['urn:ietf:params:jmap:core', 'urn:ietf:params:jmap:mail', 'urn:ietf:params:jmap:submission'];

/** Parsed JSON as assertions navigate it. */
type Json = string & { readonly [key: string]: Json } & readonly Json[];
type User = { userId: string; token: string; email: string };

describe('E2E: sending mail over JMAP (Identity, EmailSubmission)', () => {
  let mw: TestRuntime;
  let workmail: WorkMailClient;
  let ana: User;
  let ben: User;
  let dan: User;
  let support: User;
  let organizationId: string;

  /** One JMAP request; the method responses as [name, arguments, id]. */
  const api = async (user: User, calls: [string, Record<string, unknown>][]) => {
    const response = await fetch(`${mw.endpoint}/jmap/api/`, {
      method: 'POST',
      headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        using: USING,
        methodCalls: calls.map(([name, args], i) => [name, args, `c${i}`]),
      }),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { methodResponses: [string, Json, string][] }).methodResponses;
  };
  const one = async (user: User, name: string, args: Record<string, unknown>) => {
    const [[responseName, result]] = await api(user, [[name, { accountId: user.userId, ...args }]]);
    if (responseName === 'error') throw new Error(`${name}: ${JSON.stringify(result)}`);
    return result;
  };
  /** Uploads a message and imports it into Drafts. */
  const draft = async (user: User, options: ConstructorParameters<typeof MailComposer>[0]) => {
    const node = new MailComposer(options).compile();
    node.keepBcc = true; // a draft keeps its Bcc; sending must strip it
    const raw = await node.build();
    const upload = await fetch(`${mw.endpoint}/jmap/upload/${user.userId}/`, {
      method: 'POST',
      headers: { authorization: `Bearer ${user.token}`, 'content-type': 'message/rfc822' },
      body: raw,
    });
    const { blobId } = (await upload.json()) as { blobId: string };
    const imported = await one(user, 'Email/import', {
      emails: { d: { blobId, mailboxIds: { DRAFTS: true }, keywords: { $draft: true, $seen: true } } },
    });
    return imported.created.d.id as string;
  };
  const identityOf = async (user: User, email: string) => {
    const { list } = await one(user, 'Identity/get', {});
    return list.find((identity) => identity.email === email)?.id as string;
  };
  const submit = async (user: User, emailId: string, from = user.email, extra = {}) =>
    api(user, [
      [
        'EmailSubmission/set',
        {
          accountId: user.userId,
          create: { s: { identityId: await identityOf(user, from), emailId } },
          ...extra,
        },
      ],
    ]);
  /** The messages of a folder, newest first, with the properties asked for. */
  const folder = async (user: User, mailbox: string, properties: string[]) => {
    const { ids } = await one(user, 'Email/query', { filter: { inMailbox: mailbox } });
    return (await one(user, 'Email/get', { ids, properties })).list;
  };

  async function user(organizationId: string, name: string): Promise<User> {
    return jmapUser(mw, organizationId, name, `${name}@${DOMAIN}`);
  }

  beforeAll(async () => {
    mw = await startTestRuntime();
    workmail = mw.workmail();
    const { OrganizationId } = await workmail.send(new CreateOrganizationCommand({ Alias: 'sending' }));
    organizationId = OrganizationId!;
    await workmail.send(new RegisterMailDomainCommand({ OrganizationId, DomainName: DOMAIN }));
    [ana, ben, dan, support] = await Promise.all(
      ['ana', 'ben', 'dan', 'support'].map((name) => user(OrganizationId!, name)),
    );
    const grant = (grantee: User, values: string[]) =>
      workmail.send(
        new PutMailboxPermissionsCommand({
          OrganizationId,
          EntityId: support.userId,
          GranteeId: grantee.userId,
          PermissionValues: values as never,
        }),
      );
    await grant(ana, ['SEND_AS']);
    await grant(ben, ['SEND_ON_BEHALF']);
  }, 90_000);

  afterAll(async () => {
    await mw?.stop();
  });

  it('advertises sending on the user’s own account and lists an identity per address they may send as', async () => {
    const session = (await (
      await fetch(`${mw.endpoint}/.well-known/jmap`, { headers: { authorization: `Bearer ${ana.token}` } })
    ).json()) as Json;
    const { list } = await one(ana, 'Identity/get', {});

    expect(session.primaryAccounts['urn:ietf:params:jmap:submission']).toBe(ana.userId);
    expect(session.accounts[ana.userId].accountCapabilities['urn:ietf:params:jmap:submission']).toEqual({
      maxDelayedSend: 0,
      submissionExtensions: {},
    });
    expect(list.map((identity) => [identity.email, identity.name, identity.mayDelete])).toEqual([
      [ana.email, 'ana', false],
      [support.email, 'support', false],
    ]);
  });

  it('sends a draft to a colleague and an outside address: delivered, in the outbox without Bcc, kept in Sent Items', async () => {
    const emailId = await draft(ana, {
      from: `Ana <${ana.email}>`,
      to: [ben.email, 'olga@outside.example.net'],
      bcc: 'carl@outside.example.net',
      subject: 'Quarterly plan',
      messageId: '<plan@send.example.com>',
      text: 'Here is the plan.',
    });

    const responses = await submit(ana, emailId, ana.email, { onSuccessDestroyEmail: ['#s'] });

    expect(responses.map(([name]) => name)).toEqual(['EmailSubmission/set', 'Email/set']);
    expect(responses[0][1].created.s).toMatchObject({ undoStatus: 'final' });
    expect(responses[1][1].destroyed).toEqual([emailId]);
    expect(await folder(ben, 'INBOX', ['subject', 'from', 'bcc'])).toEqual([
      expect.objectContaining({
        subject: 'Quarterly plan',
        from: [{ name: 'Ana', email: ana.email }],
        bcc: null,
      }),
    ]);
    const outbox = await Promise.all(
      (await readdir(mw.outboxDir)).map((name) => readFile(join(mw.outboxDir, name), 'utf8')),
    );
    const out = outbox.find((text) => text.includes('Quarterly plan'))!;
    expect(out).toMatch(
      /^X-Mailwright-Envelope-To: <olga@outside.example.net>, <carl@outside.example.net>\r$/m,
    );
    expect(out).not.toMatch(/^Bcc:/im);
    const sent = await folder(ana, 'SENT_ITEMS', ['subject', 'keywords', 'bcc']);
    expect(sent).toEqual([
      expect.objectContaining({
        subject: 'Quarterly plan',
        keywords: { $seen: true },
        bcc: [{ name: null, email: 'carl@outside.example.net' }],
      }),
    ]);
    const submissions = await one(ana, 'EmailSubmission/get', { ids: [responses[0][1].created.s.id] });
    expect(submissions.list[0]).toMatchObject({
      emailId,
      undoStatus: 'final',
      envelope: { mailFrom: { email: ana.email } },
      deliveryStatus: {
        [ben.email]: { delivered: 'yes' },
        'olga@outside.example.net': { delivered: 'unknown' },
      },
    });
  });

  it('threads a colleague’s reply with the sent original', async () => {
    const emailId = await draft(ben, {
      from: ben.email,
      to: ana.email,
      subject: 'Re: Quarterly plan',
      inReplyTo: '<plan@send.example.com>',
      references: '<plan@send.example.com>',
      text: 'Looks good.',
    });

    await submit(ben, emailId);

    const [reply] = await folder(ana, 'INBOX', ['subject', 'threadId']);
    const [original] = await folder(ana, 'SENT_ITEMS', ['threadId']);
    expect(reply).toMatchObject({ subject: 'Re: Quarterly plan', threadId: original.threadId });
  });

  it('sends as a shared mailbox with SEND_AS without showing the delegate', async () => {
    const emailId = await draft(ana, { from: support.email, to: dan.email, subject: 'From support' });

    const [[, result]] = await submit(ana, emailId, support.email);

    expect(result.created.s).toBeDefined();
    const [received] = await folder(dan, 'INBOX', ['from', 'sender', 'header:Sender']);
    expect(received).toMatchObject({ from: [{ name: null, email: support.email }], sender: null });
  });

  it('sends on behalf of a shared mailbox with the delegate in Sender:', async () => {
    const emailId = await draft(ben, { from: support.email, to: dan.email, subject: 'On behalf' });

    await submit(ben, emailId, support.email);

    const received = (await folder(dan, 'INBOX', ['subject', 'from', 'sender'])).find(
      (email) => email.subject === 'On behalf',
    );
    expect(received).toMatchObject({
      from: [{ name: null, email: support.email }],
      sender: [{ name: null, email: ben.email }],
    });
  });

  it('refuses a From: the user may not send as with forbiddenFrom', async () => {
    const emailId = await draft(dan, { from: support.email, to: ana.email, subject: 'Not allowed' });

    const [[, result]] = await api(dan, [
      [
        'EmailSubmission/set',
        { accountId: dan.userId, create: { s: { identityId: await identityOf(dan, dan.email), emailId } } },
      ],
    ]);
    const ownIdentity = await identityOf(dan, support.email);

    expect(ownIdentity).toBeUndefined();
    expect(result.notCreated.s).toMatchObject({ type: 'forbiddenFrom' });
    expect((await folder(ana, 'INBOX', ['subject'])).map((email) => email.subject)).not.toContain(
      'Not allowed',
    );
  });

  it('keeps a user’s identity settings, and refuses creating or destroying identities', async () => {
    const id = await identityOf(ben, ben.email);

    const set = await one(ben, 'Identity/set', {
      update: {
        [id]: { name: 'Ben B.', textSignature: '-- Ben', replyTo: [{ email: ben.email }] },
      },
      create: { x: { email: 'ben2@send.example.com' } },
      destroy: [id],
    });
    const { list } = await one(ben, 'Identity/get', { ids: [id] });

    expect(set).toMatchObject({
      updated: { [id]: null },
      notCreated: { x: { type: 'forbidden' } },
      notDestroyed: { [id]: { type: 'forbidden' } },
    });
    expect(list[0]).toMatchObject({
      name: 'Ben B.',
      textSignature: '-- Ben',
      replyTo: [{ name: null, email: ben.email }],
    });
  });

  it('lists a user’s submissions with /query and reports new ones with /changes', async () => {
    const before = await one(ana, 'EmailSubmission/get', { ids: [] });
    const emailId = await draft(ana, { from: ana.email, to: ben.email, subject: 'Later' });
    const [[, created]] = await submit(ana, emailId);

    const query = await one(ana, 'EmailSubmission/query', { filter: { emailIds: [emailId] } });
    const changes = await one(ana, 'EmailSubmission/changes', { sinceState: before.state });

    expect(query.ids).toEqual([created.created.s.id]);
    expect(changes).toMatchObject({ created: [created.created.s.id], hasMoreChanges: false });
    expect(changes.newState).toBe(created.newState);
  });

  it('refuses with the SetErrors of RFC 8621 §7.5 and sends nothing', async () => {
    const emailId = await draft(ana, { from: ana.email, to: ben.email, subject: 'Refused' });
    const identityId = await identityOf(ana, ana.email);
    const envelope = (mailFrom: string, rcptTo: string[]) => ({
      mailFrom: { email: mailFrom, parameters: null },
      rcptTo: rcptTo.map((email) => ({ email, parameters: null })),
    });
    const many = Array.from({ length: 501 }, (_, index) => `r${index}@outside.example.net`);

    const [[, result]] = await api(ana, [
      [
        'EmailSubmission/set',
        {
          accountId: ana.userId,
          create: {
            none: { identityId, emailId, envelope: envelope(ana.email, []) },
            invalid: { identityId, emailId, envelope: envelope(ana.email, ['no address']) },
            many: { identityId, emailId, envelope: envelope(ana.email, many) },
            mailFrom: { identityId, emailId, envelope: envelope(ben.email, [ben.email]) },
            identity: { identityId: 'Inope', emailId },
            email: { identityId, emailId: 'Mnope' },
          },
        },
      ],
    ]);

    expect(result.notCreated).toEqual({
      none: { type: 'noRecipients' },
      invalid: { type: 'invalidRecipients', invalidRecipients: ['no address'] },
      many: { type: 'tooManyRecipients', maxRecipients: 500 },
      mailFrom: expect.objectContaining({ type: 'forbiddenMailFrom' }),
      identity: expect.objectContaining({ type: 'invalidProperties', properties: ['identityId'] }),
      email: expect.objectContaining({ type: 'invalidProperties', properties: ['emailId'] }),
    });
    expect((await folder(ben, 'INBOX', ['subject'])).map((email) => email.subject)).not.toContain('Refused');
  });

  it('offers no sending on a mailbox shared with FULL_ACCESS', async () => {
    await workmail.send(
      new PutMailboxPermissionsCommand({
        OrganizationId: organizationId,
        EntityId: support.userId,
        GranteeId: dan.userId,
        PermissionValues: ['FULL_ACCESS'],
      }),
    );

    const [[name, result]] = await api(dan, [['Identity/get', { accountId: support.userId }]]);

    expect([name, result.type]).toEqual(['error', 'accountNotSupportedByMethod']);
  });

  it('composes a draft with Email/set create and sends it in the same request', async () => {
    const identityId = await identityOf(ana, ana.email);

    const responses = await api(ana, [
      [
        'Email/set',
        {
          accountId: ana.userId,
          create: {
            d: {
              mailboxIds: { DRAFTS: true },
              keywords: { $draft: true, $seen: true },
              from: [{ name: 'Ana', email: ana.email }],
              to: [{ name: 'Ben', email: ben.email }],
              subject: 'Composed over JMAP',
              textBody: [{ partId: '1', type: 'text/plain' }],
              bodyValues: { '1': { value: 'Written in the client, composed by the server.' } },
            },
          },
        },
      ],
      [
        'EmailSubmission/set',
        {
          accountId: ana.userId,
          create: { s: { identityId, emailId: '#d' } },
          onSuccessDestroyEmail: ['#s'],
        },
      ],
    ]);
    const [received] = await folder(ben, 'INBOX', ['subject', 'from', 'bodyValues', 'textBody']);

    expect(responses.map(([name]) => name)).toEqual(['Email/set', 'EmailSubmission/set', 'Email/set']);
    expect(responses[2][1].destroyed).toEqual([responses[0][1].created.d.id]);
    expect(received).toMatchObject({
      subject: 'Composed over JMAP',
      from: [{ name: 'Ana', email: ana.email }],
    });
  });

  it('lets jmap-jam compose a draft with an attachment and send it in one request, as a mail app does', async () => {
    const jam = new JamClient({ sessionUrl: `${mw.endpoint}/.well-known/jmap`, bearerToken: ana.token });
    const accountId = await jam.getPrimaryAccount();
    const { blobId } = await jam.uploadBlob(accountId, new Blob(['quarter,total\nQ1,10\n']));
    const identityId = await identityOf(ana, ana.email);

    const [results] = await jam.requestMany((b) => {
      const draft = b.Email.set({
        accountId,
        create: {
          jam: {
            mailboxIds: { DRAFTS: true },
            keywords: { $draft: true },
            from: [{ name: 'Ana', email: ana.email }],
            to: [{ name: 'Ben', email: ben.email }],
            subject: 'Figures from jmap-jam',
            textBody: [{ partId: 'body', type: 'text/plain' }],
            bodyValues: { body: { value: 'The figures are attached.' } },
            attachments: [{ blobId, type: 'text/csv', name: 'figures.csv' }],
          },
        },
      } as never);
      const send = b.EmailSubmission.set({
        accountId,
        create: { sent: { identityId, emailId: '#jam' } },
      } as never);
      return { draft, send };
    });
    const [received] = await folder(ben, 'INBOX', ['subject', 'attachments']);

    expect(Object.keys((results.draft as { created: object }).created)).toEqual(['jam']);
    expect(Object.keys((results.send as { created: object }).created)).toEqual(['sent']);
    expect(received).toMatchObject({
      subject: 'Figures from jmap-jam',
      attachments: [expect.objectContaining({ name: 'figures.csv', type: 'text/csv' })],
    });
  });
});
