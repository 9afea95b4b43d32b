import { randomInt } from 'node:crypto';
import { isCallError } from './errors';
import type { DirectoryRun } from './directory-context';
import { isMovableUser } from './inventory';
import type { InventoryGroup, InventoryResource, InventoryUser } from './inventory-types';
import { allPages } from './pages';
import type { MailboxMove } from './types';

/** The target's users, groups and resources by kind and name: what an earlier, interrupted run already created. */
export type TargetNames = ReadonlyMap<string, string>;

/**
 * Reads the names of the target organization's live entities, so that an entity created by a run that stopped
 * before recording it is adopted instead of created twice.
 * @example
 * const names = await targetNames(run);
 */
export async function targetNames(run: DirectoryRun): Promise<TargetNames> {
  const names = new Map<string, string>();
  for (const [kind, action, key] of [
    ['user', 'ListUsers', 'Users'],
    ['group', 'ListGroups', 'Groups'],
    ['resource', 'ListResources', 'Resources'],
  ] as const) {
    const listed = await allPages<{ Id: string; Name: string; State: string }>(
      run.deps.target,
      action,
      run.org,
      key,
    );
    for (const entity of listed.filter((entity) => entity.State !== 'DELETED'))
      names.set(`${kind}/${entity.Name.toLowerCase()}`, entity.Id);
  }
  return names;
}

/**
 * Recreates the users (profile, state, quota, aliases), then the groups and resources, each with the same name,
 * primary address and aliases; a refused entity or address is reported and the others continue. Booking options
 * wait for the delegates (see `moveRelations`).
 * @example
 * await moveEntities(run, await targetNames(run));
 */
export async function moveEntities(run: DirectoryRun, names: TargetNames): Promise<void> {
  for (const user of run.inventory.users.filter(isMovableUser)) await moveUser(run, names, user);
  for (const group of run.inventory.groups) await moveGroup(run, names, group);
  for (const resource of run.inventory.resources) await moveResource(run, names, resource);
}

async function moveUser(run: DirectoryRun, names: TargetNames, user: InventoryUser): Promise<void> {
  const id = await ensureEntity(run, names, 'user', user, async () => {
    const password = run.deps.passwords && user.state === 'ENABLED' ? newPassword(run) : undefined;
    if (password && user.email)
      await run.deps.passwords!.record({ address: run.address(user.email), name: user.name, password });
    const created = await run.change('CreateUser', {
      ...run.org,
      Name: user.name,
      DisplayName: user.displayName || user.name,
      ...(user.role !== 'USER' ? { Role: user.role } : {}),
      ...(user.hiddenFromGlobalAddressList ? { HiddenFromGlobalAddressList: true } : {}),
      ...(password ? { Password: password } : {}),
    });
    return created.UserId as string;
  });
  if (!id) return;
  if (Object.keys(user.profile).length > 0)
    await run.once(`directory/done/profile/${user.id}`, `profile of user ${user.name}`, () =>
      run.change('UpdateUser', { ...run.org, UserId: id, ...user.profile }),
    );
  if (user.state !== 'ENABLED' || !user.email) return;
  if (!(await register(run, id, user.name, user.email))) return;
  if (user.mailboxQuotaMegabytes !== undefined)
    await run.once(`directory/done/quota/${user.id}`, `mailbox quota of ${user.name}`, () =>
      run.change('UpdateMailboxQuota', { ...run.org, UserId: id, MailboxQuota: user.mailboxQuotaMegabytes }),
    );
  await moveAliases(run, user.id, id, user.aliases);
}

async function moveGroup(run: DirectoryRun, names: TargetNames, group: InventoryGroup): Promise<void> {
  const id = await ensureEntity(run, names, 'group', group, async () => {
    const created = await run.change('CreateGroup', { ...run.org, Name: group.name });
    return created.GroupId as string;
  });
  if (!id || group.state !== 'ENABLED' || !group.email) return;
  if (!(await register(run, id, group.name, group.email))) return;
  if (group.hiddenFromGlobalAddressList)
    await run.once(`directory/done/hidden/${group.id}`, `visibility of group ${group.name}`, () =>
      run.change('UpdateGroup', { ...run.org, GroupId: id, HiddenFromGlobalAddressList: true }),
    );
  await moveAliases(run, group.id, id, group.aliases);
}

async function moveResource(
  run: DirectoryRun,
  names: TargetNames,
  resource: InventoryResource,
): Promise<void> {
  const id = await ensureEntity(run, names, 'resource', resource, async () => {
    const created = await run.change('CreateResource', {
      ...run.org,
      Name: resource.name,
      Type: resource.type,
      ...(resource.description ? { Description: resource.description } : {}),
      ...(resource.hiddenFromGlobalAddressList ? { HiddenFromGlobalAddressList: true } : {}),
    });
    return created.ResourceId as string;
  });
  if (!id || resource.state !== 'ENABLED' || !resource.email) return;
  if (!(await register(run, id, resource.name, resource.email))) return;
  await moveAliases(run, resource.id, id, resource.aliases);
}

/**
 * The target id of a source entity: recorded by an earlier run, adopted from an entity of the same name already on
 * the target, or created by `create`; undefined when the target refused it.
 */
async function ensureEntity(
  run: DirectoryRun,
  names: TargetNames,
  kind: 'user' | 'group' | 'resource',
  entity: { id: string; name: string },
  create: () => Promise<string>,
): Promise<string | undefined> {
  const known = run.entityId(entity.id);
  if (known) return known;
  let id = names.get(`${kind}/${entity.name.toLowerCase()}`);
  if (id) {
    run.adopted.push(`${kind} ${entity.name}`);
    run.deps.log(`adopted the target's existing ${kind} ${entity.name}`);
  } else if (!(await run.attempt(`create ${kind} ${entity.name}`, async () => (id = await create())))) {
    return undefined;
  }
  await run.deps.state.set(`directory/entity/${entity.id}`, id);
  return id;
}

/** Gives the entity its mailbox and primary address; true once it has them. */
function register(run: DirectoryRun, id: string, name: string, email: string): Promise<boolean> {
  const address = run.address(email);
  return run.once(`directory/done/register/${id}`, `register ${name} as ${address}`, async () => {
    try {
      await run.change('RegisterToWorkMail', { ...run.org, EntityId: id, Email: address });
    } catch (error) {
      // An earlier run may have registered it and stopped before recording so: then it has this very address.
      if (!isCallError(error) || !(await hasAddress(run, id, address))) throw error;
    }
  });
}

async function moveAliases(
  run: DirectoryRun,
  sourceId: string,
  id: string,
  aliases: readonly string[],
): Promise<void> {
  for (const alias of aliases.map((alias) => run.address(alias)))
    await run.once(`directory/done/alias/${sourceId}/${alias.toLowerCase()}`, `alias ${alias}`, async () => {
      try {
        await run.change('CreateAlias', { ...run.org, EntityId: id, Alias: alias });
      } catch (error) {
        if (!isCallError(error, 'EmailAddressInUseException') || !(await hasAlias(run, id, alias)))
          throw error;
      }
    });
}

async function hasAddress(run: DirectoryRun, id: string, address: string): Promise<boolean> {
  const entity = await run.deps.target.call('DescribeEntity', { ...run.org, Email: address });
  return entity.EntityId === id;
}

async function hasAlias(run: DirectoryRun, id: string, alias: string): Promise<boolean> {
  const aliases = await allPages<string>(
    run.deps.target,
    'ListAliases',
    { ...run.org, EntityId: id },
    'Aliases',
  );
  return aliases.some((existing) => existing.toLowerCase() === alias.toLowerCase());
}

/**
 * The mailboxes the mailbox step moves: every enabled user and resource that now has its mailbox on the target.
 * @example
 * const moves = mailboxMoves(run);
 */
export function mailboxMoves(run: DirectoryRun): MailboxMove[] {
  const { inventory, deps } = run;
  return [...inventory.users.filter(isMovableUser), ...inventory.resources]
    .filter((entity) => entity.state === 'ENABLED' && entity.email)
    .flatMap((entity) => {
      const targetEntityId = run.entityId(entity.id);
      if (!targetEntityId || deps.state.get(`directory/done/register/${targetEntityId}`) === undefined)
        return [];
      return [
        {
          sourceOrganizationId: inventory.organization.id,
          sourceEntityId: entity.id,
          targetOrganizationId: run.targetOrganizationId,
          targetEntityId,
          address: run.address(entity.email!),
        },
      ];
    });
}

/** 20 characters with a lower-case and an upper-case letter, a digit and a symbol, the rest from all four. */
function newPassword(run: DirectoryRun): string {
  if (run.deps.newPassword) return run.deps.newPassword();
  const classes = ['abcdefghijkmnopqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '!#%+-=?@^_'];
  const all = classes.join('');
  const pick = (from: string) => from[randomInt(from.length)]!;
  const characters = [...classes.map(pick), ...Array.from({ length: 16 }, () => pick(all))];
  for (let i = characters.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [characters[i], characters[j]] = [characters[j]!, characters[i]!];
  }
  return characters.join('');
}
