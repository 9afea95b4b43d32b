/** A WorkMail object as the API returned it: its wire fields, passed on to the target as they are. */
export type WireObject = Readonly<Record<string, unknown>>;

/** A user, group or resource member or delegate: its id and kind (`USER`, `GROUP`). */
export interface EntityReference {
  readonly Id: string;
  readonly Type: string;
}

/** One user of the source organization. */
export interface InventoryUser {
  readonly id: string;
  readonly name: string;
  /** Primary address; absent for a user that never had a mailbox. */
  readonly email?: string;
  /** `ENABLED`, `DISABLED` (no mailbox), `DELETED`. */
  readonly state: string;
  readonly role: string;
  readonly displayName?: string;
  /** DescribeUser's profile fields that UpdateUser takes back (FirstName, Telephone, …), those present. */
  readonly profile: WireObject;
  readonly hiddenFromGlobalAddressList: boolean;
  readonly mailboxQuotaMegabytes?: number;
  readonly mailboxSizeMegabytes?: number;
  /** Addresses besides the primary one. */
  readonly aliases: readonly string[];
}

/** One group of the source organization, with its direct members (users and groups). */
export interface InventoryGroup {
  readonly id: string;
  readonly name: string;
  readonly email?: string;
  readonly state: string;
  readonly hiddenFromGlobalAddressList: boolean;
  readonly aliases: readonly string[];
  readonly members: readonly EntityReference[];
}

/** One room or equipment resource, with its booking options and delegates. */
export interface InventoryResource {
  readonly id: string;
  readonly name: string;
  readonly email?: string;
  readonly state: string;
  readonly type: string;
  readonly description?: string;
  readonly hiddenFromGlobalAddressList: boolean;
  readonly bookingOptions?: WireObject;
  readonly aliases: readonly string[];
  readonly delegates: readonly EntityReference[];
}

/** The grants on one mailbox (ListMailboxPermissions). */
export interface InventoryMailboxPermissions {
  readonly entityId: string;
  readonly grants: readonly { GranteeId: string; GranteeType: string; PermissionValues: string[] }[];
}

/** One mail domain and what the source says about it. */
export interface InventoryDomain {
  readonly name: string;
  readonly isDefault: boolean;
  readonly isTest: boolean;
  /** GetMailDomain's records, for the cut-over. */
  readonly records: readonly { Type: string; Hostname: string; Value: string }[];
}

/** Something the source holds that the migration does not move, and what the admin does instead. */
export interface NotMoved {
  readonly what: string;
  readonly why: string;
  readonly how: string;
}

/** Everything the migration read from the source organization, in the order it recreates it. */
export interface Inventory {
  readonly organization: { readonly id: string; readonly alias: string; readonly arn?: string };
  readonly domains: readonly InventoryDomain[];
  readonly users: readonly InventoryUser[];
  readonly groups: readonly InventoryGroup[];
  readonly resources: readonly InventoryResource[];
  readonly permissions: readonly InventoryMailboxPermissions[];
  /** GetImpersonationRole of each role: Name, Type, Description, Rules (user ids of the source). */
  readonly impersonationRoles: readonly (WireObject & { ImpersonationRoleId: string })[];
  /** ListAccessControlRules' rules (user and role ids of the source). */
  readonly accessControlRules: readonly WireObject[];
  readonly mobileDeviceRules: readonly (WireObject & { MobileDeviceAccessRuleId: string })[];
  readonly mobileDeviceOverrides: readonly WireObject[];
  /** GetDefaultRetentionPolicy, when the organization has one. */
  readonly retentionPolicy?: WireObject;
  readonly availabilityConfigurations: readonly WireObject[];
  readonly inboundDmarcEnforced?: boolean;
  /** DescribeEmailMonitoringConfiguration's LogGroupArn and RoleArn, when email event logging is on. */
  readonly emailMonitoring?: WireObject;
  readonly tags: readonly { Key: string; Value: string }[];
  /** What stays behind, with the reason and the way to recreate it. */
  readonly notMoved: readonly NotMoved[];
}
