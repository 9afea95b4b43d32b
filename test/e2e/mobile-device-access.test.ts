import {
  CreateMobileDeviceAccessRuleCommand,
  CreateOrganizationCommand,
  CreateUserCommand,
  DeleteMobileDeviceAccessOverrideCommand,
  DeleteMobileDeviceAccessRuleCommand,
  GetMobileDeviceAccessEffectCommand,
  GetMobileDeviceAccessOverrideCommand,
  ListMobileDeviceAccessOverridesCommand,
  ListMobileDeviceAccessRulesCommand,
  PutMobileDeviceAccessOverrideCommand,
  UpdateMobileDeviceAccessRuleCommand,
} from '@aws-sdk/client-workmail';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: Error) => error.name,
  );

describe('E2E: mobile device access rules and overrides through @aws-sdk/client-workmail', () => {
  let mw: TestRuntime;
  let organizationId: string;
  let otherOrganizationId: string;
  let ana: string;
  let ben: string;

  beforeAll(async () => {
    mw = await startTestRuntime();
    const workmail = mw.workmail();
    const organization = async (alias: string) =>
      (await workmail.send(new CreateOrganizationCommand({ Alias: `${alias}-${Date.now()}` })))
        .OrganizationId!;
    organizationId = await organization('devices');
    otherOrganizationId = await organization('devices-other');
    const user = async (Name: string) =>
      (
        await workmail.send(
          new CreateUserCommand({
            OrganizationId: organizationId,
            Name,
            DisplayName: Name,
            Password: 'Correct-horse1',
          }),
        )
      ).UserId!;
    ana = await user('ana');
    ben = await user('ben');
  });
  afterAll(() => mw.stop());

  const effect = (device: {
    DeviceType?: string;
    DeviceOperatingSystem?: string;
    DeviceUserAgent?: string;
  }) =>
    mw.workmail().send(new GetMobileDeviceAccessEffectCommand({ OrganizationId: organizationId, ...device }));

  it("starts with an allow-all rule, and follows the guide's CLI examples", async () => {
    const workmail = mw.workmail();
    const { Rules } = await workmail.send(
      new ListMobileDeviceAccessRulesCommand({ OrganizationId: organizationId }),
    );
    expect(Rules).toEqual([
      expect.objectContaining({ MobileDeviceAccessRuleId: 'default', Effect: 'ALLOW' }),
    ]);
    expect((await effect({ DeviceType: 'Android' })).Effect).toBe('ALLOW');

    const { MobileDeviceAccessRuleId: blockAndroid } = await workmail.send(
      new CreateMobileDeviceAccessRuleCommand({
        OrganizationId: organizationId,
        Name: 'BlockAllAndroid',
        Effect: 'DENY',
        DeviceTypes: ['android'],
      }),
    );
    expect(await effect({ DeviceType: 'Android' })).toMatchObject({
      Effect: 'DENY',
      MatchedRules: [{ MobileDeviceAccessRuleId: blockAndroid, Name: 'BlockAllAndroid' }],
    });
    expect((await effect({ DeviceType: 'iPhone' })).Effect).toBe('ALLOW');

    // AllowLatestiOS only works once the default allow-all rule is gone.
    await workmail.send(
      new CreateMobileDeviceAccessRuleCommand({
        OrganizationId: organizationId,
        Name: 'AllowLatestiOS',
        Effect: 'ALLOW',
        DeviceOperatingSystems: ['iOS 14.3'],
      }),
    );
    await workmail.send(
      new DeleteMobileDeviceAccessRuleCommand({
        OrganizationId: organizationId,
        MobileDeviceAccessRuleId: 'default',
      }),
    );
    expect((await effect({ DeviceType: 'iPhone', DeviceOperatingSystem: 'iOS 14.3 18C66' })).Effect).toBe(
      'ALLOW',
    );
    expect((await effect({ DeviceType: 'iPhone', DeviceOperatingSystem: 'iOS 12.3.1 16F203' })).Effect).toBe(
      'DENY',
    );

    await workmail.send(
      new UpdateMobileDeviceAccessRuleCommand({
        OrganizationId: organizationId,
        MobileDeviceAccessRuleId: blockAndroid,
        Name: 'BlockOldAndroid',
        Effect: 'DENY',
        DeviceOperatingSystems: ['Android 8'],
      }),
    );
    const after = (
      await workmail.send(new ListMobileDeviceAccessRulesCommand({ OrganizationId: organizationId }))
    ).Rules!;
    expect(after.map((rule) => rule.Name).sort()).toEqual(['AllowLatestiOS', 'BlockOldAndroid']);
    expect(after.find((rule) => rule.Name === 'BlockOldAndroid')).not.toHaveProperty('DeviceTypes');
  });

  it('refuses an eleventh rule, an unknown rule to update, and deletes a missing one quietly', async () => {
    const workmail = mw.workmail();
    for (let i = 0; i < 8; i += 1)
      await workmail.send(
        new CreateMobileDeviceAccessRuleCommand({
          OrganizationId: organizationId,
          Name: `r${i}`,
          Effect: 'ALLOW',
        }),
      );

    expect(
      await refusal(
        workmail.send(
          new CreateMobileDeviceAccessRuleCommand({
            OrganizationId: organizationId,
            Name: 'r10',
            Effect: 'ALLOW',
          }),
        ),
      ),
    ).toBe('LimitExceededException');
    expect(
      await refusal(
        workmail.send(
          new UpdateMobileDeviceAccessRuleCommand({
            OrganizationId: organizationId,
            MobileDeviceAccessRuleId: 'no-such-rule',
            Name: 'x',
            Effect: 'DENY',
          }),
        ),
      ),
    ).toBe('EntityNotFoundException');
    await workmail.send(
      new DeleteMobileDeviceAccessRuleCommand({
        OrganizationId: organizationId,
        MobileDeviceAccessRuleId: 'no-such-rule',
      }),
    );
  });

  it('puts, reads, lists and deletes overrides per user and device, device ids ignoring case', async () => {
    const workmail = mw.workmail();
    const put = (UserId: string, DeviceId: string, Effect: 'ALLOW' | 'DENY') =>
      workmail.send(
        new PutMobileDeviceAccessOverrideCommand({
          OrganizationId: organizationId,
          UserId,
          DeviceId,
          Effect,
        }),
      );
    await put(ana, '6APMEKPHCP2ND42VIJ4BR8ECDO', 'ALLOW');
    await put('ana', 'SECONDDEVICE', 'DENY');
    await put(ben, '6apmekphcp2nd42vij4br8ecdo', 'DENY');

    const one = await workmail.send(
      new GetMobileDeviceAccessOverrideCommand({
        OrganizationId: organizationId,
        UserId: ana,
        DeviceId: '6apmekphcp2nd42vij4br8ecdo',
      }),
    );
    expect(one).toMatchObject({ UserId: ana, DeviceId: '6APMEKPHCP2ND42VIJ4BR8ECDO', Effect: 'ALLOW' });
    const list = async (filter: { UserId?: string; DeviceId?: string }) =>
      (
        await workmail.send(
          new ListMobileDeviceAccessOverridesCommand({ OrganizationId: organizationId, ...filter }),
        )
      )
        .Overrides!.map(
          (override) => `${override.UserId === ana ? 'ana' : 'ben'}:${override.DeviceId}:${override.Effect}`,
        )
        .sort();
    expect(await list({ UserId: ana })).toEqual([
      'ana:6APMEKPHCP2ND42VIJ4BR8ECDO:ALLOW',
      'ana:SECONDDEVICE:DENY',
    ]);
    expect(await list({ DeviceId: '6APMEKPHCP2ND42VIJ4BR8ECDO' })).toEqual([
      'ana:6APMEKPHCP2ND42VIJ4BR8ECDO:ALLOW',
      'ben:6APMEKPHCP2ND42VIJ4BR8ECDO:DENY',
    ]);
    const firstPage = await workmail.send(
      new ListMobileDeviceAccessOverridesCommand({ OrganizationId: organizationId, MaxResults: 2 }),
    );
    const secondPage = await workmail.send(
      new ListMobileDeviceAccessOverridesCommand({
        OrganizationId: organizationId,
        MaxResults: 2,
        NextToken: firstPage.NextToken,
      }),
    );
    expect(firstPage.Overrides!.length + secondPage.Overrides!.length).toBe(3);

    await workmail.send(
      new DeleteMobileDeviceAccessOverrideCommand({
        OrganizationId: organizationId,
        UserId: ana,
        DeviceId: 'seconddevice',
      }),
    );
    await workmail.send(
      new DeleteMobileDeviceAccessOverrideCommand({
        OrganizationId: organizationId,
        UserId: ana,
        DeviceId: 'seconddevice',
      }),
    );
    expect(
      await refusal(
        workmail.send(
          new GetMobileDeviceAccessOverrideCommand({
            OrganizationId: organizationId,
            UserId: ana,
            DeviceId: 'SECONDDEVICE',
          }),
        ),
      ),
    ).toBe('ResourceNotFoundException');
  });

  it("never reaches another organization's users, rules or overrides", async () => {
    const workmail = mw.workmail();
    const foreign = refusal(
      workmail.send(
        new PutMobileDeviceAccessOverrideCommand({
          OrganizationId: otherOrganizationId,
          UserId: ana,
          DeviceId: 'DEVICE1',
          Effect: 'ALLOW',
        }),
      ),
    );
    const { Rules } = await workmail.send(
      new ListMobileDeviceAccessRulesCommand({ OrganizationId: otherOrganizationId }),
    );
    const { Overrides } = await workmail.send(
      new ListMobileDeviceAccessOverridesCommand({ OrganizationId: otherOrganizationId }),
    );

    expect(await foreign).toBe('EntityNotFoundException');
    expect(Rules!.map((rule) => rule.MobileDeviceAccessRuleId)).toEqual(['default']);
    expect(Overrides).toEqual([]);
  });

  it('keeps the organization device policy (a Mailwright extension), nothing required until set', async () => {
    const policy = (body: Record<string, unknown>) =>
      mw.call({
        target: `MailwrightService.${body.RequireDeviceEncryption === undefined ? 'Get' : 'Put'}MobileDevicePolicy`,
        body: { OrganizationId: organizationId, ...body },
      });

    const initial = await policy({});
    const put = await policy({
      RequireDeviceEncryption: true,
      RequireStorageCardEncryption: false,
      PasswordRequired: true,
      AllowSimplePassword: false,
      MinPasswordLength: 8,
      RequireAlphanumericPassword: true,
      MaxFailedAttempts: 10,
      ScreenLockSeconds: 300,
    });
    const after = await policy({});
    const outOfRange = await policy({
      RequireDeviceEncryption: true,
      RequireStorageCardEncryption: false,
      PasswordRequired: true,
      AllowSimplePassword: false,
      RequireAlphanumericPassword: true,
      MaxFailedAttempts: 2,
    });

    expect(initial.json).toEqual({
      RequireDeviceEncryption: false,
      RequireStorageCardEncryption: false,
      PasswordRequired: false,
      AllowSimplePassword: true,
      RequireAlphanumericPassword: false,
    });
    expect(put.status).toBe(200);
    expect(after.json).toMatchObject({
      RequireDeviceEncryption: true,
      MinPasswordLength: 8,
      MaxFailedAttempts: 10,
      ScreenLockSeconds: 300,
    });
    expect(after.json).not.toHaveProperty('PasswordHistory');
    expect(outOfRange.json.__type).toBe('InvalidParameterException');
  });
});
