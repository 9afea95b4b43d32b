import {
  CreateOrganizationCommand,
  DeleteRetentionPolicyCommand,
  GetDefaultRetentionPolicyCommand,
  PutRetentionPolicyCommand,
} from '@aws-sdk/client-workmail';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: Error) => error.name,
  );

describe('E2E: retention policy through @aws-sdk/client-workmail and StartRetentionSweep', () => {
  let mw: TestRuntime;
  let organizationId: string;

  beforeAll(async () => {
    mw = await startTestRuntime();
    const created = await mw
      .workmail()
      .send(new CreateOrganizationCommand({ Alias: `retention-e2e-${Date.now()}` }));
    organizationId = created.OrganizationId as string;
  });
  afterAll(() => mw.stop());

  it('puts, gets and deletes the policy as WorkMail does', async () => {
    const workmail = mw.workmail();
    expect(
      await refusal(workmail.send(new GetDefaultRetentionPolicyCommand({ OrganizationId: organizationId }))),
    ).toBe('EntityNotFoundException');

    await workmail.send(
      new PutRetentionPolicyCommand({
        OrganizationId: organizationId,
        Id: 'compliance',
        Name: 'compliance',
        Description: 'Junk after 30 days, deleted items after 90',
        FolderConfigurations: [
          { Name: 'JUNK_EMAIL', Action: 'PERMANENTLY_DELETE', Period: 30 },
          { Name: 'DELETED_ITEMS', Action: 'DELETE', Period: 90 },
          { Name: 'INBOX', Action: 'NONE' },
        ],
      }),
    );
    const policy = await workmail.send(
      new GetDefaultRetentionPolicyCommand({ OrganizationId: organizationId }),
    );

    expect(policy).toMatchObject({
      Id: 'compliance',
      Name: 'compliance',
      Description: 'Junk after 30 days, deleted items after 90',
      FolderConfigurations: [
        { Name: 'JUNK_EMAIL', Action: 'PERMANENTLY_DELETE', Period: 30 },
        { Name: 'DELETED_ITEMS', Action: 'DELETE', Period: 90 },
        { Name: 'INBOX', Action: 'NONE' },
      ],
    });

    await workmail.send(
      new DeleteRetentionPolicyCommand({ OrganizationId: organizationId, Id: 'compliance' }),
    );
    expect(
      await refusal(workmail.send(new GetDefaultRetentionPolicyCommand({ OrganizationId: organizationId }))),
    ).toBe('EntityNotFoundException');
  });

  it('refuses a period above 730 days and a DELETE without a period with InvalidParameterException', async () => {
    const put = (Period?: number) =>
      mw.workmail().send(
        new PutRetentionPolicyCommand({
          OrganizationId: organizationId,
          Name: 'too-long',
          FolderConfigurations: [
            { Name: 'INBOX', Action: 'DELETE', ...(Period === undefined ? {} : { Period }) },
          ],
        }),
      );

    expect(await refusal(put(2555))).toBe('InvalidParameterException');
    expect(await refusal(put())).toBe('InvalidParameterException');
  });

  it('answers the signed MailwrightService.StartRetentionSweep with counts per folder and action; an unknown organization is not found', async () => {
    await mw.workmail().send(
      new PutRetentionPolicyCommand({
        OrganizationId: organizationId,
        Name: 'junk',
        FolderConfigurations: [{ Name: 'JUNK_EMAIL', Action: 'PERMANENTLY_DELETE', Period: 1 }],
      }),
    );

    const dry = await mw.call({
      target: 'MailwrightService.StartRetentionSweep',
      body: { OrganizationId: organizationId, DryRun: true },
    });
    const unknown = await mw.call({
      target: 'MailwrightService.StartRetentionSweep',
      body: { OrganizationId: 'm-0123456789abcdef0123456789abcdef' },
    });

    expect(dry.status).toBe(200);
    expect(dry.json).toEqual({
      Counts: [
        { Folder: 'JUNK_EMAIL', Action: 'PERMANENTLY_DELETE', Messages: 0 },
        { Folder: 'RECOVERABLE_ITEMS', Action: 'PERMANENTLY_DELETE', Messages: 0 },
      ],
      Complete: true,
    });
    expect(unknown.json.__type).toBe('OrganizationNotFoundException');
  });
});
