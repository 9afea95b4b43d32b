import { CreateOrganizationCommand, CreateUserCommand, DeleteUserCommand } from '@aws-sdk/client-workmail';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';

describe('E2E: the audit trail of admin calls', () => {
  let mw: TestRuntime;
  let organizationId: string;

  beforeAll(async () => {
    mw = await startTestRuntime();
    organizationId = (
      await mw.workmail().send(new CreateOrganizationCommand({ Alias: `audit-${Date.now()}` }))
    ).OrganizationId!;
  });
  afterAll(() => mw.stop());

  const events = async (body: Record<string, unknown>) =>
    (await mw.call({ target: 'MailwrightService.ListAdminAuditEvents', body })).json as {
      Events?: Array<Record<string, unknown>>;
      NextToken?: string;
      __type?: string;
    };

  it('records who changed what, when, from where and how it ended, newest first, and never a password', async () => {
    const workmail = mw.workmail();
    const { UserId } = await workmail.send(
      new CreateUserCommand({
        OrganizationId: organizationId,
        Name: 'ana',
        DisplayName: 'Ana',
        Password: 'Correct-horse1',
      }),
    );
    await workmail
      .send(
        new DeleteUserCommand({
          OrganizationId: organizationId,
          UserId: 'S-1-1-11-1111111111-2222222222-3333333333-3333',
        }),
      )
      .catch(() => undefined);
    await workmail.send(new DeleteUserCommand({ OrganizationId: organizationId, UserId }));

    const { Events } = await events({ OrganizationId: organizationId });

    expect(Events!.map((event) => [event.Action, event.Outcome])).toEqual([
      ['WorkMailService.DeleteUser', 'Success'],
      ['WorkMailService.DeleteUser', 'EntityNotFoundException'],
      ['WorkMailService.CreateUser', 'Success'],
    ]);
    expect(Events![2]).toMatchObject({
      AccessKeyId: mw.credentials.accessKeyId,
      OrganizationId: organizationId,
      Resources: { Name: 'ana', DisplayName: 'Ana' },
      SourceIp: expect.stringMatching(/127\.0\.0\.1/),
    });
    expect(JSON.stringify(Events)).not.toContain('Correct-horse1');
  });

  it('keeps account-level calls apart, and pages through the events', async () => {
    const account = await events({});
    const firstPage = await events({ OrganizationId: organizationId, MaxResults: 2 });
    const secondPage = await events({
      OrganizationId: organizationId,
      MaxResults: 2,
      NextToken: firstPage.NextToken,
    });

    expect(account.Events!.map((event) => event.Action)).toContain('WorkMailService.CreateOrganization');
    expect(firstPage).toMatchObject({ Events: [{}, {}] });
    expect(secondPage.Events!.length).toBeGreaterThanOrEqual(1);
  });

  it('does not record reads', async () => {
    await mw.call({ target: 'WorkMailService.ListUsers', body: { OrganizationId: organizationId } });

    const { Events } = await events({ OrganizationId: organizationId });
    expect(Events!.map((event) => event.Action)).not.toContain('WorkMailService.ListUsers');
  });
});
