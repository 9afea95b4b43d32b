import { mapLimit } from '../delivery/settle';
import { USER_PROFILE_FIELDS } from '../directory/types';
import { isCallError } from './errors';
import type {
  EntityReference,
  Inventory,
  InventoryDomain,
  InventoryGroup,
  InventoryMailboxPermissions,
  InventoryResource,
  InventoryUser,
  WireObject,
} from './inventory-types';
import { notMovedItems } from './not-moved';
import { allPages } from './pages';
import type { WorkMailApi } from './ports';

/** Roles no API creates: WorkMail's own system user, and the user side of a resource. */
const NOT_CREATABLE_ROLES: ReadonlySet<string> = new Set(['SYSTEM_USER', 'RESOURCE']);

/**
 * True for a user the migration recreates on the target (not a system user).
 * @example
 * const moving = inventory.users.filter(isMovableUser);
 */
export function isMovableUser(user: InventoryUser): boolean {
  return !NOT_CREATABLE_ROLES.has(user.role);
}

/** Calls in flight at once while reading the source: low, since WorkMail throttles per account. */
const READ_CONCURRENCY = 4;

/** A directory entry as ListUsers, ListGroups and ListResources return it. */
interface Listed {
  readonly Id: string;
  readonly Name: string;
  readonly Email?: string;
  readonly State: string;
  readonly DisplayName?: string;
  readonly UserRole?: string;
  readonly Type?: string;
  readonly Description?: string;
}

/**
 * Reads everything of one organization the migration moves, through the WorkMail API only (read-only: List,
 * Describe and Get actions). Costs one call per entity and setting, plus the pages of each list.
 * Primary course:
 * 1. The organization and its mail domains (with the records GetMailDomain gives).
 * 2. Users (with DescribeUser's profile and GetMailboxDetails' quota and size), groups with their members,
 *    resources with booking options and delegates, each with its aliases; DELETED entities are left out.
 * 3. Mailbox permissions of every user and resource with a mailbox.
 * 4. Policies and settings: impersonation roles, access control rules, mobile device rules and overrides, the
 *    retention policy, availability configurations, inbound DMARC, tags, email monitoring (event logs).
 * @example
 * const inventory = await readInventory(source, 'm-0123456789abcdef0123456789abcdef');
 */
export async function readInventory(source: WorkMailApi, organizationId: string): Promise<Inventory> {
  const org = { OrganizationId: organizationId };
  const described = await source.call('DescribeOrganization', org);
  const domains = await readDomains(source, organizationId);
  const listedUsers = await allPages<Listed>(source, 'ListUsers', org, 'Users');
  const listedGroups = await allPages<Listed>(source, 'ListGroups', org, 'Groups');
  const listedResources = await allPages<Listed>(source, 'ListResources', org, 'Resources');
  const live = (entity: Listed) => entity.State !== 'DELETED';
  const users = await mapLimit(listedUsers.filter(live), READ_CONCURRENCY, (user) =>
    readUser(source, organizationId, user),
  );
  const groups = await mapLimit(listedGroups.filter(live), READ_CONCURRENCY, (group) =>
    readGroup(source, organizationId, group),
  );
  const resources = await mapLimit(listedResources.filter(live), READ_CONCURRENCY, (resource) =>
    readResource(source, organizationId, resource),
  );
  const mailboxes = [...users, ...resources].filter((entity) => entity.state === 'ENABLED');
  const permissions = await mapLimit(mailboxes, READ_CONCURRENCY, async (entity) => ({
    entityId: entity.id,
    grants: await allPages<InventoryMailboxPermissions['grants'][number]>(
      source,
      'ListMailboxPermissions',
      { ...org, EntityId: entity.id },
      'Permissions',
    ),
  }));
  const roles = await allPages<{ ImpersonationRoleId: string }>(
    source,
    'ListImpersonationRoles',
    org,
    'Roles',
  );
  const arn = described.ARN as string | undefined;
  const monitoring = await optional(source.call('DescribeEmailMonitoringConfiguration', org));
  const inventory: Omit<Inventory, 'notMoved'> = {
    organization: { id: organizationId, alias: described.Alias as string, arn },
    domains,
    users,
    groups,
    resources,
    permissions: permissions.filter((entry) => entry.grants.length > 0),
    impersonationRoles: await mapLimit(roles, READ_CONCURRENCY, async (role) => ({
      ...(await source.call('GetImpersonationRole', {
        ...org,
        ImpersonationRoleId: role.ImpersonationRoleId,
      })),
      ImpersonationRoleId: role.ImpersonationRoleId,
    })),
    accessControlRules:
      ((await source.call('ListAccessControlRules', org)).Rules as WireObject[] | undefined) ?? [],
    mobileDeviceRules:
      ((await source.call('ListMobileDeviceAccessRules', org)).Rules as
        Inventory['mobileDeviceRules'] | undefined) ?? [],
    mobileDeviceOverrides: await allPages<WireObject>(
      source,
      'ListMobileDeviceAccessOverrides',
      org,
      'Overrides',
    ),
    retentionPolicy: await optional(source.call('GetDefaultRetentionPolicy', org)),
    availabilityConfigurations: await allPages<WireObject>(
      source,
      'ListAvailabilityConfigurations',
      org,
      'AvailabilityConfigurations',
    ),
    inboundDmarcEnforced: (await source.call('DescribeInboundDmarcSettings', org)).Enforced as
      boolean | undefined,
    emailMonitoring: monitoring?.LogGroupArn
      ? Object.fromEntries(
          ['LogGroupArn', 'RoleArn'].filter((key) => monitoring[key]).map((key) => [key, monitoring[key]]),
        )
      : undefined,
    tags: arn
      ? (((await source.call('ListTagsForResource', { ResourceARN: arn })).Tags as Inventory['tags']) ?? [])
      : [],
  };
  return {
    ...inventory,
    notMoved: notMovedItems(inventory, { listedUsers, listedGroups, listedResources }),
  };
}

async function readDomains(source: WorkMailApi, organizationId: string): Promise<InventoryDomain[]> {
  const listed = await allPages<{ DomainName: string; DefaultDomain?: boolean }>(
    source,
    'ListMailDomains',
    { OrganizationId: organizationId },
    'MailDomains',
  );
  return mapLimit(listed, READ_CONCURRENCY, async (domain) => {
    const details = await source.call('GetMailDomain', {
      OrganizationId: organizationId,
      DomainName: domain.DomainName,
    });
    return {
      name: domain.DomainName,
      isDefault: domain.DefaultDomain === true || details.IsDefault === true,
      isTest: details.IsTestDomain === true,
      records: (details.Records as InventoryDomain['records'] | undefined) ?? [],
    };
  });
}

async function readUser(source: WorkMailApi, organizationId: string, user: Listed): Promise<InventoryUser> {
  const ids = { OrganizationId: organizationId, UserId: user.Id };
  const details = await source.call('DescribeUser', ids);
  const mailbox = user.State === 'ENABLED' ? await source.call('GetMailboxDetails', ids) : {};
  return {
    id: user.Id,
    name: user.Name,
    email: user.Email,
    state: user.State,
    role: (details.UserRole as string | undefined) ?? user.UserRole ?? 'USER',
    displayName: (details.DisplayName as string | undefined) ?? user.DisplayName,
    profile: Object.fromEntries(
      USER_PROFILE_FIELDS.filter((field) => details[field] !== undefined).map((field) => [
        field,
        details[field],
      ]),
    ),
    hiddenFromGlobalAddressList: details.HiddenFromGlobalAddressList === true,
    mailboxQuotaMegabytes: mailbox.MailboxQuota as number | undefined,
    mailboxSizeMegabytes: mailbox.MailboxSize as number | undefined,
    aliases: await aliasesOf(source, organizationId, user),
  };
}

async function readGroup(
  source: WorkMailApi,
  organizationId: string,
  group: Listed,
): Promise<InventoryGroup> {
  const ids = { OrganizationId: organizationId, GroupId: group.Id };
  const details = await source.call('DescribeGroup', ids);
  const members = await allPages<EntityReference & { State?: string }>(
    source,
    'ListGroupMembers',
    ids,
    'Members',
  );
  return {
    id: group.Id,
    name: group.Name,
    email: group.Email,
    state: group.State,
    hiddenFromGlobalAddressList: details.HiddenFromGlobalAddressList === true,
    aliases: await aliasesOf(source, organizationId, group),
    members: members
      .filter((member) => member.State !== 'DELETED')
      .map((member) => ({ Id: member.Id, Type: member.Type })),
  };
}

async function readResource(
  source: WorkMailApi,
  organizationId: string,
  resource: Listed,
): Promise<InventoryResource> {
  const ids = { OrganizationId: organizationId, ResourceId: resource.Id };
  const details = await source.call('DescribeResource', ids);
  const delegates = await allPages<EntityReference>(source, 'ListResourceDelegates', ids, 'Delegates');
  return {
    id: resource.Id,
    name: resource.Name,
    email: resource.Email,
    state: resource.State,
    type: (details.Type as string | undefined) ?? resource.Type ?? 'ROOM',
    description: (details.Description as string | undefined) ?? resource.Description,
    hiddenFromGlobalAddressList: details.HiddenFromGlobalAddressList === true,
    bookingOptions: details.BookingOptions as WireObject | undefined,
    aliases: await aliasesOf(source, organizationId, resource),
    delegates: delegates.map((delegate) => ({ Id: delegate.Id, Type: delegate.Type })),
  };
}

/** The entity's addresses other than its primary one (ListAliases returns both on WorkMail). */
async function aliasesOf(source: WorkMailApi, organizationId: string, entity: Listed): Promise<string[]> {
  if (entity.State !== 'ENABLED') return [];
  const aliases = await allPages<string>(
    source,
    'ListAliases',
    { OrganizationId: organizationId, EntityId: entity.Id },
    'Aliases',
  );
  const primary = entity.Email?.toLowerCase();
  return aliases.filter((alias) => alias.toLowerCase() !== primary);
}

/** The output of a Get or Describe call, or undefined when the source has none (or no such action). */
async function optional(call: Promise<WireObject>): Promise<WireObject | undefined> {
  try {
    return await call;
  } catch (error) {
    if (
      isCallError(
        error,
        'ResourceNotFoundException',
        'EntityNotFoundException',
        'UnsupportedOperationException',
      )
    )
      return undefined;
    throw error;
  }
}
