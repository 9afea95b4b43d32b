import { MigrationSetupError } from './errors';
import type { DirectoryDeps, DirectoryRun } from './directory-context';
import type { Inventory } from './inventory-types';
import { allPages } from './pages';

/**
 * The target organization: the one an earlier run recorded, else an Active one with the source's alias, else a
 * new one (CreateOrganization with a client token derived from the source id, so a retried call creates one).
 * @example
 * const targetId = await targetOrganization(deps, inventory);
 */
export async function targetOrganization(deps: DirectoryDeps, inventory: Inventory): Promise<string> {
  const recorded = deps.state.get<string>('directory/organization');
  if (recorded) return recorded;
  const alias = inventory.organization.alias;
  const existing = (
    await allPages<{ OrganizationId: string; Alias?: string; State?: string }>(
      deps.target,
      'ListOrganizations',
      {},
      'OrganizationSummaries',
    )
  ).find((organization) => organization.Alias === alias && organization.State === 'Active');
  let id = existing?.OrganizationId;
  if (existing) deps.log(`using the target's existing organization ${alias} (${id})`);
  else {
    const created = await deps.target.call('CreateOrganization', {
      Alias: alias,
      ClientToken: `migration-${inventory.organization.id}`,
    });
    id = created.OrganizationId as string | undefined;
  }
  if (!id) throw new MigrationSetupError(`The target did not create the organization ${alias}.`);
  await deps.state.set('directory/organization', id);
  return id;
}

/**
 * Registers the source's own domains on the target (its test domain maps to the target's), then makes the
 * source's default domain the default. Returns the target organization's ARN, for tags.
 * @example
 * const arn = await moveDomains(run);
 */
export async function moveDomains(run: DirectoryRun): Promise<string | undefined> {
  const { target } = run.deps;
  const listed = await allPages<{ DomainName: string }>(target, 'ListMailDomains', run.org, 'MailDomains');
  const present = new Set(listed.map((domain) => domain.DomainName.toLowerCase()));
  const described = await target.call('DescribeOrganization', run.org);
  const targetTestDomain = await findTestDomain(run, listed);
  for (const domain of run.inventory.domains) {
    if (domain.isTest) {
      if (targetTestDomain) run.mapTestDomain(domain.name, targetTestDomain);
      continue;
    }
    if (!present.has(domain.name.toLowerCase()))
      await run.once(`directory/done/domain/${domain.name}`, `mail domain ${domain.name}`, () =>
        run.change('RegisterMailDomain', {
          ...run.org,
          DomainName: domain.name,
          ClientToken: `migration-${domain.name}`.slice(0, 128),
        }),
      );
    if (domain.isDefault && described.DefaultMailDomain !== domain.name)
      await run.once(`directory/done/default-domain/${domain.name}`, `default domain ${domain.name}`, () =>
        run.change('UpdateDefaultMailDomain', { ...run.org, DomainName: domain.name }),
      );
  }
  return described.ARN as string | undefined;
}

async function findTestDomain(
  run: DirectoryRun,
  listed: readonly { DomainName: string }[],
): Promise<string | undefined> {
  if (!run.inventory.domains.some((domain) => domain.isTest)) return undefined;
  for (const domain of listed) {
    const details = await run.deps.target.call('GetMailDomain', {
      ...run.org,
      DomainName: domain.DomainName,
    });
    if (details.IsTestDomain === true) return domain.DomainName;
  }
  return undefined;
}
