import {
  AssumeImpersonationRoleCommand,
  CreateImpersonationRoleCommand,
  CreateOrganizationCommand,
  DeleteImpersonationRoleCommand,
  GetImpersonationRoleCommand,
  GetImpersonationRoleEffectCommand,
  ListImpersonationRolesCommand,
  UpdateImpersonationRoleCommand,
} from '@aws-sdk/client-workmail';
import { createTransport } from 'nodemailer';
import { ImapDialog } from '../support/imap-dialog';
import { connectJmap } from '../support/jmap-caller';
import { jmapUser } from '../support/jmap-users';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: Error) => error.name,
  );
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => 'succeeded',
    (error: Error) => error.message,
  );
const basic = (login: string, secret: string) =>
  `Basic ${Buffer.from(`${login}:${secret}`).toString('base64')}`;

describe('E2E: impersonation roles through @aws-sdk/client-workmail, used over IMAP and JMAP', () => {
  let mw: TestRuntime;
  let organizationId: string;
  let otherOrganizationId: string;
  let ana: { userId: string; email: string };
  let ben: { userId: string; email: string };

  beforeAll(async () => {
    mw = await startTestRuntime();
    const workmail = mw.workmail();
    const stamp = Date.now();
    organizationId = (await workmail.send(new CreateOrganizationCommand({ Alias: `imp-${stamp}` })))
      .OrganizationId!;
    otherOrganizationId = (
      await workmail.send(new CreateOrganizationCommand({ Alias: `imp-other-${stamp}` }))
    ).OrganizationId!;
    ana = await jmapUser(mw, organizationId, 'ana', `ana@imp-${stamp}.${mw.settings.testDomainSuffix}`);
    ben = await jmapUser(mw, organizationId, 'ben', `ben@imp-${stamp}.${mw.settings.testDomainSuffix}`);
  });
  afterAll(() => mw.stop());

  const createRole = async (Type: 'READ_ONLY' | 'FULL_ACCESS') =>
    (
      await mw.workmail().send(
        new CreateImpersonationRoleCommand({
          OrganizationId: organizationId,
          Name: `${Type.toLowerCase()}-archiver`,
          Type,
          Rules: [
            { ImpersonationRuleId: 'ana-only', Name: 'Ana only', Effect: 'ALLOW', TargetUsers: [ana.email] },
          ],
        }),
      )
    ).ImpersonationRoleId!;
  const assume = async (ImpersonationRoleId: string) =>
    (
      await mw
        .workmail()
        .send(new AssumeImpersonationRoleCommand({ OrganizationId: organizationId, ImpersonationRoleId }))
    ).Token!;

  it('creates, reads, lists, tests and updates roles as WorkMail does', async () => {
    const workmail = mw.workmail();
    const roleId = await createRole('READ_ONLY');

    const role = await workmail.send(
      new GetImpersonationRoleCommand({ OrganizationId: organizationId, ImpersonationRoleId: roleId }),
    );
    const listed = await workmail.send(new ListImpersonationRolesCommand({ OrganizationId: organizationId }));
    const effect = (TargetUser: string) =>
      workmail.send(
        new GetImpersonationRoleEffectCommand({
          OrganizationId: organizationId,
          ImpersonationRoleId: roleId,
          TargetUser,
        }),
      );

    expect(role).toMatchObject({
      ImpersonationRoleId: roleId,
      Type: 'READ_ONLY',
      Rules: [{ ImpersonationRuleId: 'ana-only', Effect: 'ALLOW', TargetUsers: [ana.email] }],
    });
    expect(listed.Roles!.map((summary) => summary.ImpersonationRoleId)).toContain(roleId);
    expect(await effect(ana.userId)).toMatchObject({
      Type: 'READ_ONLY',
      Effect: 'ALLOW',
      MatchedRules: [{ ImpersonationRuleId: 'ana-only', Name: 'Ana only' }],
    });
    expect(await effect('ben')).toMatchObject({ Effect: 'DENY', MatchedRules: [] });

    await workmail.send(
      new UpdateImpersonationRoleCommand({
        OrganizationId: organizationId,
        ImpersonationRoleId: roleId,
        Name: 'everyone-but-ben',
        Type: 'READ_ONLY',
        Rules: [{ ImpersonationRuleId: 'not-ben', Effect: 'ALLOW', NotTargetUsers: [ben.userId] }],
      }),
    );
    expect(await effect(ana.email)).toMatchObject({
      Effect: 'ALLOW',
      MatchedRules: [{ ImpersonationRuleId: 'not-ben' }],
    });
    expect((await effect(ben.email)).Effect).toBe('DENY');
  });

  it('lets a READ_ONLY token read a mailbox over IMAP and JMAP, and refuses every change and sending', async () => {
    const token = await assume(await createRole('READ_ONLY'));

    const imap = await ImapDialog.open(mw.imap.host, mw.imap.port);
    await imap.command(`LOGIN "${ana.email}" "${token}"`);
    const selected = await imap.command('SELECT INBOX');
    const storing = await failure(imap.command('STORE 1:* +FLAGS (\\Seen)'));
    const creating = await failure(imap.command('CREATE Archive'));
    await imap.close();

    const jmap = await connectJmap(
      new URL('/.well-known/jmap', mw.endpoint).toString(),
      basic(ana.email, token),
    );
    const mailboxes = await jmap.call('Mailbox/get', { ids: null });
    const setting = await failure(jmap.call('Mailbox/set', { create: { a: { name: 'Archive' } } }));

    const submission = createTransport({
      host: mw.submission.host,
      port: mw.submission.port,
      secure: false,
      requireTLS: true,
      tls: { rejectUnauthorized: false },
      auth: { user: ana.email, pass: token },
    });
    const sending = await failure(submission.verify());
    submission.close();

    expect(sending).toMatch(/535 5\.7\.8 A read-only impersonation role cannot send mail/);
    expect(selected).toMatch(/\[READ-ONLY\]/);
    expect(storing).toMatch(/NO \[NOPERM\]/);
    expect(creating).toMatch(/NO \[NOPERM\]/);
    expect(jmap.accountId).toBe(ana.userId);
    expect(mailboxes.list.length).toBeGreaterThan(0);
    expect(setting).toMatch(/forbidden/);
  });

  it('lets a FULL_ACCESS token change the mailbox, and never reaches a user outside the rules', async () => {
    const token = await assume(await createRole('FULL_ACCESS'));

    const jmap = await connectJmap(
      new URL('/.well-known/jmap', mw.endpoint).toString(),
      basic(ana.email, token),
    );
    const created = await jmap.call('Mailbox/set', { create: { a: { name: `Archive ${Date.now()}` } } });
    const imap = await ImapDialog.open(mw.imap.host, mw.imap.port);
    const asBen = await failure(imap.command(`LOGIN "${ben.email}" "${token}"`));

    expect(Object.keys(created.created)).toEqual(['a']);
    expect(asBen).toMatch(/NO \[AUTHORIZATIONFAILED\]/);
  });

  it('revokes the tokens of a deleted role at once', async () => {
    const roleId = await createRole('READ_ONLY');
    const token = await assume(roleId);
    await mw
      .workmail()
      .send(
        new DeleteImpersonationRoleCommand({ OrganizationId: organizationId, ImpersonationRoleId: roleId }),
      );

    const imap = await ImapDialog.open(mw.imap.host, mw.imap.port);
    expect(await failure(imap.command(`LOGIN "${ana.email}" "${token}"`))).toMatch(
      /NO \[AUTHENTICATIONFAILED\]/,
    );
  });

  it("never reaches another organization's roles or users", async () => {
    const workmail = mw.workmail();
    const roleId = await createRole('READ_ONLY');

    expect(
      await refusal(
        workmail.send(
          new AssumeImpersonationRoleCommand({
            OrganizationId: otherOrganizationId,
            ImpersonationRoleId: roleId,
          }),
        ),
      ),
    ).toBe('ResourceNotFoundException');
    expect(
      await refusal(
        workmail.send(
          new CreateImpersonationRoleCommand({
            OrganizationId: otherOrganizationId,
            Name: 'x',
            Type: 'READ_ONLY',
            Rules: [{ ImpersonationRuleId: 'r', Effect: 'ALLOW', TargetUsers: [ana.userId] }],
          }),
        ),
      ),
    ).toBe('EntityNotFoundException');
  });
});
