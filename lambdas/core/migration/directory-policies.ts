import type { DirectoryRun } from './directory-context';
import type { WireObject } from './inventory-types';

/** Fields of a mobile device access rule that CreateMobileDeviceAccessRule takes back. */
const DEVICE_RULE_FIELDS = [
  'Name',
  'Description',
  'Effect',
  'DeviceTypes',
  'NotDeviceTypes',
  'DeviceModels',
  'NotDeviceModels',
  'DeviceOperatingSystems',
  'NotDeviceOperatingSystems',
  'DeviceUserAgents',
  'NotDeviceUserAgents',
];

/**
 * Recreates the organization's policies and settings, with user and role ids mapped to the target's:
 * impersonation roles (before the access control rules that name them), access control rules, mobile device
 * rules and overrides, the retention policy, availability configurations with a Lambda provider (an EWS
 * provider's password cannot be read: reported), email monitoring, inbound DMARC and the organization's tags.
 * @example
 * await movePolicies(run, 'arn:aws:workmail:us-east-1:111122223333:organization/m-…');
 */
export async function movePolicies(run: DirectoryRun, targetOrganizationArn?: string): Promise<void> {
  const { inventory, deps } = run;
  for (const role of inventory.impersonationRoles) {
    const key = `directory/role/${role.ImpersonationRoleId}`;
    if (deps.state.get(key) !== undefined) continue;
    const what = `impersonation role ${String(role.Name)}`;
    const rules = ((role.Rules as WireObject[] | undefined) ?? []).map((rule) =>
      mapped(run, rule, ['TargetUsers', 'NotTargetUsers']),
    );
    if (rules.some((rule) => !rule)) {
      run.problems.push({ what, error: 'it names users that are not on the target' });
      continue;
    }
    await run.attempt(what, async () => {
      const created = await run.change('CreateImpersonationRole', {
        ...run.org,
        ClientToken: `migration-${role.ImpersonationRoleId}`.slice(0, 128),
        Name: role.Name,
        Type: role.Type,
        ...(role.Description ? { Description: role.Description } : {}),
        Rules: ((role.Rules as WireObject[] | undefined) ?? []).map((rule, index) => ({
          ...pick(rule, ['ImpersonationRuleId', 'Name', 'Effect', 'Description']),
          ...rules[index],
        })),
      });
      await deps.state.set(key, created.ImpersonationRoleId);
    });
  }
  for (const rule of inventory.accessControlRules) {
    const what = `access control rule ${String(rule.Name)}`;
    const ids = mapped(run, rule, [
      'UserIds',
      'NotUserIds',
      'ImpersonationRoleIds',
      'NotImpersonationRoleIds',
    ]);
    // A rule that lost some of its users or roles would apply to others than on the source: left for the admin.
    if (!ids) run.problems.push({ what, error: 'it names users or roles that are not on the target' });
    else
      await run.once(`directory/done/access-control-rule/${String(rule.Name)}`, what, () =>
        run.change('PutAccessControlRule', {
          ...run.org,
          Description: rule.Description ?? '',
          ...pick(rule, [
            'Name',
            'Effect',
            'Description',
            'IpRanges',
            'NotIpRanges',
            'Actions',
            'NotActions',
          ]),
          ...ids,
        }),
      );
  }
  await moveDeviceRules(run);
  for (const override of inventory.mobileDeviceOverrides) {
    const userId = run.entityId(String(override.UserId));
    if (!userId) continue;
    await run.once(
      `directory/done/device-override/${String(override.UserId)}/${String(override.DeviceId)}`,
      `mobile device override for device ${String(override.DeviceId)}`,
      () =>
        run.change('PutMobileDeviceAccessOverride', {
          ...run.org,
          UserId: userId,
          ...pick(override, ['DeviceId', 'Effect', 'Description']),
        }),
    );
  }
  await moveSettings(run, targetOrganizationArn);
}

/** Mobile device rules are created, or update the target's rule of the same name (its default rule, say). */
async function moveDeviceRules(run: DirectoryRun): Promise<void> {
  const { inventory, deps } = run;
  const pending = inventory.mobileDeviceRules.filter(
    (rule) => deps.state.get(`directory/device-rule/${rule.MobileDeviceAccessRuleId}`) === undefined,
  );
  if (pending.length === 0) return;
  const existing = new Map(
    (
      ((await deps.target.call('ListMobileDeviceAccessRules', run.org)).Rules as WireObject[] | undefined) ??
      []
    ).map((rule) => [String(rule.Name), String(rule.MobileDeviceAccessRuleId)]),
  );
  for (const rule of pending)
    await run.attempt(`mobile device access rule ${String(rule.Name)}`, async () => {
      let id = existing.get(String(rule.Name));
      if (id)
        await run.change('UpdateMobileDeviceAccessRule', {
          ...run.org,
          MobileDeviceAccessRuleId: id,
          ...pick(rule, DEVICE_RULE_FIELDS),
        });
      else
        id = (
          await run.change('CreateMobileDeviceAccessRule', {
            ...run.org,
            ClientToken: `migration-${rule.MobileDeviceAccessRuleId}`.slice(0, 128),
            ...pick(rule, DEVICE_RULE_FIELDS),
          })
        ).MobileDeviceAccessRuleId as string;
      await deps.state.set(`directory/device-rule/${rule.MobileDeviceAccessRuleId}`, id);
    });
}

async function moveSettings(run: DirectoryRun, targetOrganizationArn?: string): Promise<void> {
  const { inventory } = run;
  const policy = inventory.retentionPolicy;
  if (policy)
    await run.once('directory/done/retention-policy', 'retention policy', () =>
      run.change('PutRetentionPolicy', {
        ...run.org,
        ...pick(policy, ['Name', 'Description', 'FolderConfigurations']),
      }),
    );
  for (const configuration of inventory.availabilityConfigurations.filter((entry) => entry.LambdaProvider))
    await run.once(
      `directory/done/availability/${String(configuration.DomainName)}`,
      `availability configuration for ${String(configuration.DomainName)}`,
      () =>
        run.change('CreateAvailabilityConfiguration', {
          ...run.org,
          ClientToken: `migration-${String(configuration.DomainName)}`.slice(0, 128),
          DomainName: configuration.DomainName,
          LambdaProvider: { LambdaArn: (configuration.LambdaProvider as WireObject).LambdaArn },
        }),
    );
  if (inventory.emailMonitoring)
    await run.once('directory/done/email-monitoring', 'email monitoring (event log group)', () =>
      run.change('PutEmailMonitoringConfiguration', {
        ...run.org,
        ...pick(inventory.emailMonitoring!, ['LogGroupArn', 'RoleArn']),
      }),
    );
  if (inventory.inboundDmarcEnforced !== undefined)
    await run.once('directory/done/inbound-dmarc', 'inbound DMARC settings', () =>
      run.change('PutInboundDmarcSettings', { ...run.org, Enforced: inventory.inboundDmarcEnforced }),
    );
  if (inventory.tags.length > 0 && targetOrganizationArn)
    await run.once(`directory/done/tags/${tagsKey(inventory.tags)}`, 'organization tags', () =>
      run.change('TagResource', { ResourceARN: targetOrganizationArn, Tags: inventory.tags }),
    );
}

/** The fields of `source` named in `fields` that it has. */
function pick(source: WireObject, fields: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(
    fields.filter((field) => source[field] !== undefined).map((field) => [field, source[field]]),
  );
}

/**
 * The id lists of `source` named in `fields`, with each source id mapped to its target id; undefined when one of
 * the ids has no target id (its entity or role did not move).
 */
function mapped(
  run: DirectoryRun,
  source: WireObject,
  fields: readonly string[],
): Record<string, string[]> | undefined {
  const lists = fields
    .filter((field) => source[field] !== undefined)
    .map((field) => [field, source[field] as string[], run.entityIds(source[field])] as const);
  if (lists.some(([, from, to]) => from.length !== to.length)) return undefined;
  return Object.fromEntries(lists.map(([field, , to]) => [field, to]));
}

function tagsKey(tags: readonly { Key: string; Value: string }[]): string {
  return tags
    .map((tag) => `${tag.Key}=${tag.Value}`)
    .sort()
    .join('&');
}
