import { SdkWorkMailApi } from '../../lambdas/adapters/aws/sdk-workmail-api';
import type { TestRuntime } from './local-runtime';

/** The source organization of the migration tests: its id and the password its users have. */
export interface SourceOrganization {
  readonly organizationId: string;
  /** User ids by name (u00 … u49). */
  readonly users: Readonly<Record<string, string>>;
}

/** The password every source user has. */
export const SOURCE_PASSWORD = 'Source-password1';
export const SOURCE_DOMAINS = ['northwind.example', 'northwind-labs.example'] as const;

/**
 * Builds a realistic organization on a runtime through the WorkMail API: two domains; 50 users (40 enabled, 30 on
 * the first domain and 10 on the second, 7 never registered, 3 deleted) with profiles, quotas and aliases; groups
 * nested three deep; a room and an equipment with booking options and delegates (a user and a group); mailbox
 * permissions; a retention policy; access control rules; an impersonation role; a mobile device rule and override;
 * availability configurations (Lambda and EWS); inbound DMARC; email monitoring; a tag.
 * @example
 * const source = await sourceOrganization(mw);
 */
export async function sourceOrganization(mw: TestRuntime, alias = 'northwind'): Promise<SourceOrganization> {
  const api = new SdkWorkMailApi(mw.workmail());
  const { OrganizationId } = (await api.call('CreateOrganization', { Alias: alias })) as {
    OrganizationId: string;
  };
  const org = { OrganizationId };
  for (const domain of SOURCE_DOMAINS) await api.call('RegisterMailDomain', { ...org, DomainName: domain });
  await api.call('UpdateDefaultMailDomain', { ...org, DomainName: SOURCE_DOMAINS[0] });
  const users: Record<string, string> = {};
  for (let i = 0; i < 50; i++) {
    const name = `u${String(i).padStart(2, '0')}`;
    const { UserId } = (await api.call('CreateUser', {
      ...org,
      Name: name,
      DisplayName: `User ${i}`,
      Password: SOURCE_PASSWORD,
      ...(i % 7 === 3 ? { HiddenFromGlobalAddressList: true } : {}),
    })) as { UserId: string };
    users[name] = UserId;
    if (i % 4 === 0)
      await api.call('UpdateUser', {
        ...org,
        UserId,
        FirstName: `First${i}`,
        LastName: `Last${i}`,
        JobTitle: i % 8 === 0 ? 'Engineer' : 'Seller',
        Department: 'Operations',
        City: 'Lisbon',
      });
    if (i >= 40 && i < 47) continue;
    const domain = i >= 30 && i < 40 ? SOURCE_DOMAINS[1] : SOURCE_DOMAINS[0];
    await api.call('RegisterToWorkMail', { ...org, EntityId: UserId, Email: `${name}@${domain}` });
    if (i >= 47) {
      await api.call('DeregisterFromWorkMail', { ...org, EntityId: UserId });
      await api.call('DeleteUser', { ...org, UserId });
      continue;
    }
    if (i % 5 === 0) await api.call('UpdateMailboxQuota', { ...org, UserId, MailboxQuota: 2_000 + i });
    if (i % 6 === 0)
      await api.call('CreateAlias', { ...org, EntityId: UserId, Alias: `${name}.alias@${domain}` });
  }
  await api.call('CreateAlias', { ...org, EntityId: users.u00, Alias: `ceo@${SOURCE_DOMAINS[0]}` });
  await api.call('CreateAlias', { ...org, EntityId: users.u00, Alias: `boss@${SOURCE_DOMAINS[1]}` });

  const group = async (name: string, members: readonly string[], extra: Record<string, unknown> = {}) => {
    const { GroupId } = (await api.call('CreateGroup', { ...org, Name: name })) as { GroupId: string };
    await api.call('RegisterToWorkMail', {
      ...org,
      EntityId: GroupId,
      Email: `${name}@${SOURCE_DOMAINS[0]}`,
    });
    if (Object.keys(extra).length > 0) await api.call('UpdateGroup', { ...org, GroupId, ...extra });
    for (const member of members)
      await api.call('AssociateMemberToGroup', { ...org, GroupId, MemberId: member });
    return GroupId;
  };
  const range = (from: number, to: number) =>
    Array.from({ length: to - from }, (_, k) => users[`u${String(from + k).padStart(2, '0')}`]!);
  const platform = await group('platform', range(20, 25));
  const engineering = await group('engineering', [...range(10, 20), platform], {
    HiddenFromGlobalAddressList: true,
  });
  const sales = await group('sales', range(0, 10));
  await api.call('CreateAlias', { ...org, EntityId: sales, Alias: `deals@${SOURCE_DOMAINS[0]}` });
  await group('all-staff', [sales, engineering, users.u30!]);

  const resource = async (name: string, type: string, delegates: readonly string[], options: object) => {
    const { ResourceId } = (await api.call('CreateResource', {
      ...org,
      Name: name,
      Type: type,
      Description: `The ${name}`,
    })) as { ResourceId: string };
    await api.call('RegisterToWorkMail', {
      ...org,
      EntityId: ResourceId,
      Email: `${name}@${SOURCE_DOMAINS[0]}`,
    });
    for (const delegate of delegates)
      await api.call('AssociateDelegateToResource', { ...org, ResourceId, EntityId: delegate });
    await api.call('UpdateResource', { ...org, ResourceId, BookingOptions: options });
    return ResourceId;
  };
  const atlas = await resource('atlas', 'ROOM', [users.u01!, sales], {
    AutoAcceptRequests: false,
    AutoDeclineRecurringRequests: true,
    AutoDeclineConflictingRequests: true,
  });
  await resource('projector', 'EQUIPMENT', [users.u02!], {
    AutoAcceptRequests: true,
    AutoDeclineRecurringRequests: false,
    AutoDeclineConflictingRequests: true,
  });

  const grant = (EntityId: string, GranteeId: string, PermissionValues: string[]) =>
    api.call('PutMailboxPermissions', { ...org, EntityId, GranteeId, PermissionValues });
  await grant(users.u00!, users.u01!, ['FULL_ACCESS']);
  await grant(users.u05!, sales, ['SEND_AS', 'SEND_ON_BEHALF']);
  await grant(atlas, users.u03!, ['FULL_ACCESS']);

  await api.call('PutRetentionPolicy', {
    ...org,
    Name: 'keep-a-year',
    Description: 'Trash after 30 days, junk after 14',
    FolderConfigurations: [
      { Name: 'DELETED_ITEMS', Action: 'PERMANENTLY_DELETE', Period: 30 },
      { Name: 'JUNK_EMAIL', Action: 'DELETE', Period: 14 },
    ],
  });
  const { ImpersonationRoleId } = (await api.call('CreateImpersonationRole', {
    ...org,
    Name: 'archiver',
    Type: 'READ_ONLY',
    Description: 'The archive service',
    Rules: [
      { ImpersonationRuleId: 'r1', Name: 'leaders', Effect: 'ALLOW', TargetUsers: [users.u00, users.u01] },
    ],
  })) as { ImpersonationRoleId: string };
  await api.call('PutAccessControlRule', {
    ...org,
    Name: 'office-imap',
    Effect: 'DENY',
    Description: 'IMAP only from the office',
    Actions: ['IMAP'],
    NotIpRanges: ['203.0.113.0/24'],
    UserIds: [users.u05, users.u06],
  });
  await api.call('PutAccessControlRule', {
    ...org,
    Name: 'archiver-office',
    Effect: 'ALLOW',
    Description: 'The archiver from its subnet',
    IpRanges: ['198.51.100.0/24'],
    ImpersonationRoleIds: [ImpersonationRoleId],
  });
  await api.call('CreateMobileDeviceAccessRule', {
    ...org,
    Name: 'no-old-android',
    Effect: 'DENY',
    Description: 'Old Android',
    DeviceOperatingSystems: ['Android 4.4'],
  });
  await api.call('PutMobileDeviceAccessOverride', {
    ...org,
    UserId: users.u02,
    DeviceId: 'PHONE0123456789',
    Effect: 'ALLOW',
    Description: 'The CEO phone',
  });
  await api.call('CreateAvailabilityConfiguration', {
    ...org,
    DomainName: 'partner.example',
    LambdaProvider: { LambdaArn: 'arn:aws:lambda:us-east-1:111122223333:function:partner-cap' },
  });
  await api.call('CreateAvailabilityConfiguration', {
    ...org,
    DomainName: 'legacy.example',
    EwsProvider: {
      EwsEndpoint: 'https://ews.legacy.example/EWS/Exchange.asmx',
      EwsUsername: 'svc',
      EwsPassword: 'x-Secret-1',
    },
  });
  await api.call('PutInboundDmarcSettings', { ...org, Enforced: true });
  await api.call('PutEmailMonitoringConfiguration', {
    ...org,
    LogGroupArn: `arn:aws:logs:us-east-1:111122223333:log-group:/aws/workmail/emailevents/${alias}:*`,
  });
  const { ARN } = (await api.call('DescribeOrganization', org)) as { ARN: string };
  await api.call('TagResource', { ResourceARN: ARN, Tags: [{ Key: 'cost-center', Value: '42' }] });
  return { organizationId: OrganizationId, users };
}
