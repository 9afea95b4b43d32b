import {
  DescribeOrganizationCommand,
  ListOrganizationsCommand,
  OrganizationNotFoundException,
  WorkMailServiceException,
} from '@aws-sdk/client-workmail';
import { startTestRuntime, type Credentials, type TestRuntime } from '../support/local-runtime';

describe('E2E: admin API authentication', () => {
  let mw: TestRuntime;
  const wrong = (): Credentials => ({
    accessKeyId: mw.credentials.accessKeyId,
    secretAccessKey: 'x'.repeat(40),
  });

  beforeAll(async () => {
    mw = await startTestRuntime();
  });

  afterAll(async () => {
    await mw?.stop();
  });

  it('answers an unsigned request with 403 in the AWS error shape', async () => {
    const response = await mw.call({ target: 'WorkMailService.ListOrganizations', body: {}, sign: false });

    expect(response.status).toBe(403);
    expect(response.json).toEqual({ __type: 'IncompleteSignature', Message: expect.any(String) });
    expect(response.headers.get('x-amzn-errortype')).toBe('IncompleteSignature');
    expect(response.headers.get('x-amzn-requestid')).toBeTruthy();
  });

  it('refuses a wrong secret through the SDK with 403 SignatureDoesNotMatch', async () => {
    const failure = await mw
      .workmail(wrong())
      .send(new ListOrganizationsCommand({}))
      .catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(WorkMailServiceException);
    expect(failure).toMatchObject({ name: 'SignatureDoesNotMatch', $metadata: { httpStatusCode: 403 } });
  });

  it('refuses a wrong secret through the CLI', async () => {
    const result = await mw.cli(['list-organizations'], wrong());

    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('SignatureDoesNotMatch');
  });

  it('refuses an unknown access key with 403 InvalidClientTokenId', async () => {
    const result = await mw.cli(['list-organizations'], {
      accessKeyId: 'AKMWUNKNOWN000000000',
      secretAccessKey: 'x'.repeat(40),
    });

    expect(result.stderr).toContain('InvalidClientTokenId');
  });

  it('refuses a request signed 20 minutes ago with 403 RequestExpired', async () => {
    const date = new Date(Date.now() - 20 * 60_000);

    const response = await mw.call({ target: 'WorkMailService.ListOrganizations', body: {}, date });

    expect(response.status).toBe(403);
    expect(response.json.__type).toBe('RequestExpired');
  });

  it('answers a skewed SDK with RequestExpired and a Date header the SDK corrects its clock from', async () => {
    const client = mw.workmail();
    client.config.systemClockOffset = -20 * 60_000;

    const first = await client.send(new ListOrganizationsCommand({})).catch((error: unknown) => error);
    const second = await client.send(new ListOrganizationsCommand({}));

    expect(first).toMatchObject({ name: 'RequestExpired', $metadata: { httpStatusCode: 403 } });
    expect(second.OrganizationSummaries).toBeDefined();
  });

  it('answers an unknown X-Amz-Target with InvalidAction', async () => {
    const response = await mw.call({ target: 'WorkMailService.LaunchRocket', body: {} });

    expect(response.status).toBe(400);
    expect(response.json.__type).toBe('InvalidAction');
  });

  it('answers a body that is not JSON with SerializationException', async () => {
    const response = await mw.call({ target: 'WorkMailService.ListOrganizations', body: '{"MaxResults":' });

    expect(response.json.__type).toBe('SerializationException');
  });

  it('accepts execute-api signatures', async () => {
    const response = await mw.call({
      target: 'WorkMailService.ListOrganizations',
      body: {},
      service: 'execute-api',
    });

    expect(response.status).toBe(200);
  });

  describe('admin keys', () => {
    let orgA: string;
    let orgB: string;
    let scoped: Credentials;

    beforeAll(async () => {
      const admin = mw.workmail();
      const { CreateOrganizationCommand } = await import('@aws-sdk/client-workmail');
      orgA = (await admin.send(new CreateOrganizationCommand({ Alias: `scope-a-${Date.now()}` })))
        .OrganizationId!;
      orgB = (await admin.send(new CreateOrganizationCommand({ Alias: `scope-b-${Date.now()}` })))
        .OrganizationId!;
      const created = await mw.call({
        target: 'MailwrightService.CreateAdminKey',
        body: { OrganizationIds: [orgA], Description: 'team a' },
      });
      expect(created.status).toBe(200);
      scoped = {
        accessKeyId: created.json.AccessKeyId as string,
        secretAccessKey: created.json.SecretAccessKey as string,
      };
    });

    it('lets a scoped key see its own organization', async () => {
      const described = await mw
        .workmail(scoped)
        .send(new DescribeOrganizationCommand({ OrganizationId: orgA }));

      expect(described.OrganizationId).toBe(orgA);
    });

    it('hides another organization from a scoped key', async () => {
      const failure = await mw
        .workmail(scoped)
        .send(new DescribeOrganizationCommand({ OrganizationId: orgB }))
        .catch((e: unknown) => e);

      expect(failure).toBeInstanceOf(OrganizationNotFoundException);
    });

    it('lists only the scoped organizations to a scoped key (CLI)', async () => {
      const result = await mw.cli(['list-organizations'], scoped);

      const ids = (result.json?.OrganizationSummaries as Array<{ OrganizationId: string }>).map(
        (o) => o.OrganizationId,
      );
      expect(ids).toEqual([orgA]);
    });

    it('refuses key management to a scoped key with AccessDeniedException', async () => {
      const response = await mw.call({
        target: 'MailwrightService.CreateAdminKey',
        body: { AllOrganizations: true },
        credentials: scoped,
      });

      expect(response.status).toBe(403);
      expect(response.json.__type).toBe('AccessDeniedException');
    });

    it('lists keys without secrets', async () => {
      const response = await mw.call({ target: 'MailwrightService.ListAdminKeys', body: {} });

      expect(response.json.AdminKeys).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            AccessKeyId: scoped.accessKeyId,
            OrganizationIds: [orgA],
            State: 'ACTIVE',
          }),
        ]),
      );
      expect(JSON.stringify(response.json)).not.toContain(scoped.secretAccessKey);
      expect(JSON.stringify(response.json)).not.toContain(mw.credentials.secretAccessKey);
    });

    it('widens a key scope, then revokes the key so it stops working', async () => {
      const widened = await mw.call({
        target: 'MailwrightService.UpdateAdminKeyScope',
        body: { AccessKeyId: scoped.accessKeyId, AllOrganizations: true },
      });
      expect(widened.status).toBe(200);
      await expect(
        mw.workmail(scoped).send(new DescribeOrganizationCommand({ OrganizationId: orgB })),
      ).resolves.toBeDefined();

      const revoked = await mw.call({
        target: 'MailwrightService.RevokeAdminKey',
        body: { AccessKeyId: scoped.accessKeyId },
      });

      expect(revoked.status).toBe(200);
      const failure = await mw
        .workmail(scoped)
        .send(new ListOrganizationsCommand({}))
        .catch((e: unknown) => e);
      expect(failure).toMatchObject({ name: 'InvalidClientTokenId', $metadata: { httpStatusCode: 403 } });
    });
  });
});
