import {
  CreateIdentityCenterApplicationCommand,
  CreateOrganizationCommand,
  DeleteIdentityCenterApplicationCommand,
  DeleteOrganizationCommand,
  DeleteIdentityProviderConfigurationCommand,
  DescribeIdentityProviderConfigurationCommand,
  PutIdentityProviderConfigurationCommand,
  type WorkMailClient,
} from '@aws-sdk/client-workmail';
import { startTestRuntime, type Credentials, type TestRuntime } from '../support/local-runtime';

const INSTANCE_ARN = 'arn:aws:sso:::instance/ssoins-1111222233334444';
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => 'succeeded',
    (error: Error) => error.name,
  );

describe('E2E: identity provider configuration through @aws-sdk/client-workmail', () => {
  let mw: TestRuntime;
  let workmail: WorkMailClient;
  let organizationId: string;
  let otherOrganizationId: string;
  let scoped: Credentials;

  beforeAll(async () => {
    mw = await startTestRuntime();
    workmail = mw.workmail();
    const stamp = Date.now();
    organizationId = (await workmail.send(new CreateOrganizationCommand({ Alias: `idp-${stamp}` })))
      .OrganizationId!;
    otherOrganizationId = (
      await workmail.send(new CreateOrganizationCommand({ Alias: `idp-other-${stamp}` }))
    ).OrganizationId!;
    const created = await mw.call({
      target: 'MailwrightService.CreateAdminKey',
      body: { OrganizationIds: [organizationId], Description: 'idp team' },
    });
    scoped = {
      accessKeyId: created.json.AccessKeyId as string,
      secretAccessKey: created.json.SecretAccessKey as string,
    };
  });
  afterAll(() => mw.stop());

  const createApplication = async (Name = 'mailwright') =>
    (await workmail.send(new CreateIdentityCenterApplicationCommand({ Name, InstanceArn: INSTANCE_ARN })))
      .ApplicationArn!;
  const put = (ApplicationArn: string, client = workmail, OrganizationId = organizationId) =>
    client.send(
      new PutIdentityProviderConfigurationCommand({
        OrganizationId,
        AuthenticationMode: 'IDENTITY_PROVIDER_ONLY',
        IdentityCenterConfiguration: { InstanceArn: INSTANCE_ARN, ApplicationArn },
        PersonalAccessTokenConfiguration: { Status: 'ACTIVE', LifetimeInDays: 30 },
      }),
    );

  it('creates an application in the instance, idempotently by ClientToken', async () => {
    const first = await workmail.send(
      new CreateIdentityCenterApplicationCommand({
        Name: 'webmail',
        InstanceArn: INSTANCE_ARN,
        ClientToken: 'idc-app-1',
      }),
    );
    const again = await workmail.send(
      new CreateIdentityCenterApplicationCommand({
        Name: 'webmail',
        InstanceArn: INSTANCE_ARN,
        ClientToken: 'idc-app-1',
      }),
    );

    expect(first.ApplicationArn).toMatch(
      new RegExp(
        `^arn:aws:sso::${mw.settings.accountId}:application/ssoins-1111222233334444/apl-[a-z0-9]{16}$`,
      ),
    );
    expect(again.ApplicationArn).toBe(first.ApplicationArn);
  });

  it('puts, describes and deletes the configuration as WorkMail does', async () => {
    const applicationArn = await createApplication();

    await put(applicationArn);
    const described = await workmail.send(
      new DescribeIdentityProviderConfigurationCommand({ OrganizationId: organizationId }),
    );
    await workmail.send(new DeleteIdentityProviderConfigurationCommand({ OrganizationId: organizationId }));
    const afterDelete = await refusal(
      workmail.send(new DescribeIdentityProviderConfigurationCommand({ OrganizationId: organizationId })),
    );
    const deleteAgain = await refusal(
      workmail.send(new DeleteIdentityProviderConfigurationCommand({ OrganizationId: organizationId })),
    );

    expect(described).toMatchObject({
      AuthenticationMode: 'IDENTITY_PROVIDER_ONLY',
      IdentityCenterConfiguration: { InstanceArn: INSTANCE_ARN, ApplicationArn: applicationArn },
      PersonalAccessTokenConfiguration: { Status: 'ACTIVE', LifetimeInDays: 30 },
    });
    expect(afterDelete).toBe('ResourceNotFoundException');
    expect(deleteAgain).toBe('succeeded');
  });

  it('refuses bad input with InvalidParameterException and unknown applications with ResourceNotFoundException', async () => {
    const applicationArn = await createApplication();
    const unknown = applicationArn.replace(/apl-[a-z0-9]{16}$/, 'apl-0000000000000000');
    const otherInstance = 'arn:aws:sso:::instance/ssoins-9999888877776666';

    const outcomes = await Promise.all([
      refusal(put(unknown)),
      refusal(
        workmail.send(
          new PutIdentityProviderConfigurationCommand({
            OrganizationId: organizationId,
            AuthenticationMode: 'IDENTITY_PROVIDER_AND_DIRECTORY',
            IdentityCenterConfiguration: { InstanceArn: otherInstance, ApplicationArn: applicationArn },
            PersonalAccessTokenConfiguration: { Status: 'ACTIVE' },
          }),
        ),
      ),
      refusal(
        workmail.send(
          new PutIdentityProviderConfigurationCommand({
            OrganizationId: organizationId,
            AuthenticationMode: 'PASSWORDS' as never,
            IdentityCenterConfiguration: { InstanceArn: INSTANCE_ARN, ApplicationArn: applicationArn },
            PersonalAccessTokenConfiguration: { Status: 'ACTIVE', LifetimeInDays: 3654 },
          }),
        ),
      ),
      refusal(
        workmail.send(
          new CreateIdentityCenterApplicationCommand({
            Name: 'x',
            InstanceArn: 'arn:aws:sso:::instance/nope',
          }),
        ),
      ),
      refusal(workmail.send(new DeleteIdentityCenterApplicationCommand({ ApplicationArn: 'arn:nope' }))),
      refusal(workmail.send(new DescribeIdentityProviderConfigurationCommand({ OrganizationId: 'm-1' }))),
    ]);

    expect(outcomes).toEqual([
      'ResourceNotFoundException',
      'InvalidParameterException',
      'InvalidParameterException',
      'InvalidParameterException',
      'InvalidParameterException',
      'InvalidParameterException',
    ]);
  });

  it('keeps an application while an organization uses it, then deletes it (idempotently)', async () => {
    const applicationArn = await createApplication('in-use');
    await put(applicationArn, workmail, otherOrganizationId);

    const whileUsed = await refusal(
      workmail.send(new DeleteIdentityCenterApplicationCommand({ ApplicationArn: applicationArn })),
    );
    await workmail.send(
      new DeleteIdentityProviderConfigurationCommand({ OrganizationId: otherOrganizationId }),
    );
    const deleted = await refusal(
      workmail.send(new DeleteIdentityCenterApplicationCommand({ ApplicationArn: applicationArn })),
    );
    const again = await refusal(
      workmail.send(new DeleteIdentityCenterApplicationCommand({ ApplicationArn: applicationArn })),
    );
    const putOnDeleted = await refusal(put(applicationArn));

    expect([whileUsed, deleted, again, putOnDeleted]).toEqual([
      'OrganizationStateException',
      'succeeded',
      'succeeded',
      'ResourceNotFoundException',
    ]);
  });

  it("moves an organization's count when its configuration names another application", async () => {
    const [first, second] = [await createApplication('first'), await createApplication('second')];
    await put(first);
    await put(second);

    const firstDeleted = await refusal(
      workmail.send(new DeleteIdentityCenterApplicationCommand({ ApplicationArn: first })),
    );
    const secondDeleted = await refusal(
      workmail.send(new DeleteIdentityCenterApplicationCommand({ ApplicationArn: second })),
    );
    await workmail.send(new DeleteIdentityProviderConfigurationCommand({ OrganizationId: organizationId }));

    expect([firstDeleted, secondDeleted]).toEqual(['succeeded', 'OrganizationStateException']);
  });

  it("answers another organization's id to a scoped key as not found, on all three configuration calls", async () => {
    const applicationArn = await createApplication('isolation');
    await put(applicationArn, workmail, otherOrganizationId);
    const client = mw.workmail(scoped);

    const outcomes = await Promise.all([
      refusal(put(applicationArn, client, otherOrganizationId)),
      refusal(
        client.send(
          new DescribeIdentityProviderConfigurationCommand({ OrganizationId: otherOrganizationId }),
        ),
      ),
      refusal(
        client.send(new DeleteIdentityProviderConfigurationCommand({ OrganizationId: otherOrganizationId })),
      ),
    ]);
    const stillThere = await workmail.send(
      new DescribeIdentityProviderConfigurationCommand({ OrganizationId: otherOrganizationId }),
    );
    const own = await refusal(put(applicationArn, client, organizationId));
    await workmail.send(new DeleteIdentityProviderConfigurationCommand({ OrganizationId: organizationId }));
    await workmail.send(
      new DeleteIdentityProviderConfigurationCommand({ OrganizationId: otherOrganizationId }),
    );

    expect(outcomes).toEqual([
      'OrganizationNotFoundException',
      'OrganizationNotFoundException',
      'OrganizationNotFoundException',
    ]);
    expect(stillThere.AuthenticationMode).toBe('IDENTITY_PROVIDER_ONLY');
    expect(own).toBe('succeeded');
  });

  it('lets only an account-wide key manage the account-wide applications', async () => {
    const applicationArn = await createApplication('account-wide');
    const client = mw.workmail(scoped);

    const outcomes = await Promise.all([
      refusal(
        client.send(new CreateIdentityCenterApplicationCommand({ Name: 'x', InstanceArn: INSTANCE_ARN })),
      ),
      refusal(client.send(new DeleteIdentityCenterApplicationCommand({ ApplicationArn: applicationArn }))),
      mw
        .call({
          target: 'MailwrightService.DescribeIdentityCenterApplication',
          body: { ApplicationArn: applicationArn },
          credentials: scoped,
        })
        .then((response) => response.json.__type),
    ]);

    expect(outcomes).toEqual(['AccessDeniedException', 'AccessDeniedException', 'AccessDeniedException']);
  });

  it('frees the application when its organization is deleted, and deletes it with DeleteIdentityCenterApplication', async () => {
    const stamp = Date.now();
    const [kept, removed] = [await createApplication('kept'), await createApplication('removed')];
    const newOrganization = async (suffix: string) =>
      (await workmail.send(new CreateOrganizationCommand({ Alias: `idp-del-${suffix}-${stamp}` })))
        .OrganizationId!;
    const [first, second] = [await newOrganization('a'), await newOrganization('b')];
    await put(kept, workmail, first);
    await put(removed, workmail, second);

    await workmail.send(new DeleteOrganizationCommand({ OrganizationId: first, DeleteDirectory: true }));
    await workmail.send(
      new DeleteOrganizationCommand({
        OrganizationId: second,
        DeleteDirectory: true,
        DeleteIdentityCenterApplication: true,
      }),
    );
    const describe = (ApplicationArn: string) =>
      mw
        .call({ target: 'MailwrightService.DescribeIdentityCenterApplication', body: { ApplicationArn } })
        .then((response) => response.json);

    expect(await describe(kept)).toMatchObject({ OrganizationCount: 0 });
    expect(await describe(removed)).toMatchObject({ __type: 'ResourceNotFoundException' });
  });

  it('serves the REST view of the operations, with the application ARN as a path parameter', async () => {
    const applicationArn = await createApplication('rest');
    const path = `/identity-center-applications/${encodeURIComponent(applicationArn)}`;

    const described = await mw.call({ method: 'GET', path });
    const deleted = await mw.call({ method: 'DELETE', path });
    const gone = await mw.call({ method: 'GET', path });

    expect(described.json).toMatchObject({ ApplicationArn: applicationArn, Name: 'rest' });
    expect(deleted.status).toBe(200);
    expect(gone.json.__type).toBe('ResourceNotFoundException');
  });

  it('records the issuer of an application and never returns its client secret', async () => {
    const applicationArn = await createApplication('issuer');

    const put = await mw.call({
      target: 'MailwrightService.PutIdentityCenterApplicationIssuer',
      body: {
        ApplicationArn: applicationArn,
        Issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Example',
        ClientId: 'mailwright-web',
        ClientSecret: 'a-client-secret-value',
      },
    });
    const described = await mw.call({
      target: 'MailwrightService.DescribeIdentityCenterApplication',
      body: { ApplicationArn: applicationArn },
    });
    const insecure = await mw.call({
      target: 'MailwrightService.PutIdentityCenterApplicationIssuer',
      body: { ApplicationArn: applicationArn, Issuer: 'http://idp.example.com', ClientId: 'x' },
    });

    expect(put.status).toBe(200);
    expect(described.json).toMatchObject({
      ApplicationArn: applicationArn,
      Name: 'issuer',
      InstanceArn: INSTANCE_ARN,
      Issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Example',
      ClientId: 'mailwright-web',
      ClientSecretConfigured: true,
      OrganizationCount: 0,
    });
    expect(JSON.stringify(described.json)).not.toContain('a-client-secret-value');
    expect(insecure.json).toMatchObject({ __type: 'InvalidParameterException' });
  });
});
