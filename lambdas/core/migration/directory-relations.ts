import type { DirectoryRun } from './directory-context';

/**
 * Recreates what links entities once they all exist: group members (users and nested groups), resource delegates
 * (then the booking options), and mailbox permissions, each with the source ids mapped to the target's. A link to an entity that did not move
 * is reported, not guessed.
 * @example
 * await moveRelations(run);
 */
export async function moveRelations(run: DirectoryRun): Promise<void> {
  const { inventory } = run;
  for (const group of inventory.groups) {
    const groupId = run.entityId(group.id);
    for (const member of group.members)
      await link(
        run,
        `directory/done/member/${group.id}/${member.Id}`,
        `member of group ${group.name}`,
        [groupId, run.entityId(member.Id)],
        ([GroupId, MemberId]) => run.change('AssociateMemberToGroup', { ...run.org, GroupId, MemberId }),
      );
  }
  for (const resource of inventory.resources) {
    const resourceId = run.entityId(resource.id);
    for (const delegate of resource.delegates)
      await link(
        run,
        `directory/done/delegate/${resource.id}/${delegate.Id}`,
        `delegate of resource ${resource.name}`,
        [resourceId, run.entityId(delegate.Id)],
        ([ResourceId, EntityId]) =>
          run.change('AssociateDelegateToResource', { ...run.org, ResourceId, EntityId }),
      );
    // After the delegates: a resource that does not accept requests itself needs one.
    if (resourceId && resource.bookingOptions && run.deps.state.get(`directory/done/register/${resourceId}`))
      await run.once(`directory/done/booking/${resource.id}`, `booking options of ${resource.name}`, () =>
        run.change('UpdateResource', {
          ...run.org,
          ResourceId: resourceId,
          BookingOptions: resource.bookingOptions,
        }),
      );
  }
  for (const mailbox of inventory.permissions) {
    const entityId = run.entityId(mailbox.entityId);
    for (const grant of mailbox.grants)
      await link(
        run,
        `directory/done/permission/${mailbox.entityId}/${grant.GranteeId}/${[...grant.PermissionValues].sort().join('+')}`,
        `mailbox permission of ${nameOf(run, mailbox.entityId)}`,
        [entityId, run.entityId(grant.GranteeId)],
        ([EntityId, GranteeId]) =>
          run.change('PutMailboxPermissions', {
            ...run.org,
            EntityId,
            GranteeId,
            PermissionValues: grant.PermissionValues,
          }),
      );
  }
}

/** Makes one link once both ends exist on the target; reports it when one of them does not. */
async function link(
  run: DirectoryRun,
  key: string,
  what: string,
  ends: [string | undefined, string | undefined],
  make: (ends: [string, string]) => Promise<unknown>,
): Promise<void> {
  const [from, to] = ends;
  if (!from || !to) {
    if (run.deps.state.get(key) === undefined)
      run.problems.push({ what, error: 'one of its entities is not on the target' });
    return;
  }
  await run.once(key, what, () => make([from, to]));
}

function nameOf(run: DirectoryRun, sourceId: string): string {
  const entity = [...run.inventory.users, ...run.inventory.resources].find((entry) => entry.id === sourceId);
  return entity?.name ?? sourceId;
}
