/**
 * Every action of the WorkMail API (2017-10-01, api-operations.md §4). The catalog serves a growing part of
 * them; the rest are recognised, so a client hears that Mailwright does not implement one yet rather than that
 * it does not exist.
 */
export const WORKMAIL_ACTIONS: ReadonlySet<string> = new Set([
  'CreateOrganization', 'DeleteOrganization', 'DescribeOrganization', 'ListOrganizations',
  'TagResource', 'UntagResource', 'ListTagsForResource',
  'RegisterMailDomain', 'DeregisterMailDomain', 'GetMailDomain', 'ListMailDomains', 'UpdateDefaultMailDomain',
  'PutInboundDmarcSettings', 'DescribeInboundDmarcSettings',
  'RegisterToWorkMail', 'DeregisterFromWorkMail', 'DescribeEntity', 'UpdatePrimaryEmailAddress',
  'CreateAlias', 'DeleteAlias', 'ListAliases',
  'CreateUser', 'DeleteUser', 'DescribeUser', 'ListUsers', 'UpdateUser', 'ResetPassword',
  'GetMailboxDetails', 'UpdateMailboxQuota',
  'CreateGroup', 'DeleteGroup', 'DescribeGroup', 'ListGroups', 'UpdateGroup', 'AssociateMemberToGroup',
  'DisassociateMemberFromGroup', 'ListGroupMembers', 'ListGroupsForEntity',
  'CreateResource', 'DeleteResource', 'DescribeResource', 'ListResources', 'UpdateResource',
  'AssociateDelegateToResource', 'DisassociateDelegateFromResource', 'ListResourceDelegates',
  'PutMailboxPermissions', 'DeleteMailboxPermissions', 'ListMailboxPermissions',
  'PutAccessControlRule', 'DeleteAccessControlRule', 'ListAccessControlRules', 'GetAccessControlEffect',
  'PutRetentionPolicy', 'DeleteRetentionPolicy', 'GetDefaultRetentionPolicy',
  'CreateMobileDeviceAccessRule', 'UpdateMobileDeviceAccessRule', 'DeleteMobileDeviceAccessRule',
  'ListMobileDeviceAccessRules', 'GetMobileDeviceAccessEffect', 'PutMobileDeviceAccessOverride',
  'GetMobileDeviceAccessOverride', 'DeleteMobileDeviceAccessOverride', 'ListMobileDeviceAccessOverrides',
  'CreateImpersonationRole', 'UpdateImpersonationRole', 'DeleteImpersonationRole', 'GetImpersonationRole',
  'ListImpersonationRoles', 'GetImpersonationRoleEffect', 'AssumeImpersonationRole',
  'StartMailboxExportJob', 'CancelMailboxExportJob', 'DescribeMailboxExportJob', 'ListMailboxExportJobs',
  'CreateAvailabilityConfiguration', 'UpdateAvailabilityConfiguration', 'DeleteAvailabilityConfiguration',
  'ListAvailabilityConfigurations', 'TestAvailabilityConfiguration',
  'PutEmailMonitoringConfiguration', 'DescribeEmailMonitoringConfiguration', 'DeleteEmailMonitoringConfiguration',
  'CreateIdentityCenterApplication', 'DeleteIdentityCenterApplication', 'PutIdentityProviderConfiguration',
  'DescribeIdentityProviderConfiguration', 'DeleteIdentityProviderConfiguration', 'ListPersonalAccessTokens',
  'GetPersonalAccessTokenMetadata', 'DeletePersonalAccessToken',
]);
