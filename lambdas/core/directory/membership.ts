import type { ApiDeps } from '../api/deps';
import { InvalidParameterException } from '../api/errors';

/**
 * Refuses a membership that would make group nesting cyclic: adding `memberId` to `groupId` is a cycle when the
 * member is the group itself or one of its (transitive) parents. Walks parents breadth-first with a visited set.
 * @param deps - the API's ports (uses `entities`)
 * @param organizationId - the organization of both groups
 * @param groupId - the group receiving the member
 * @param memberId - the group being added
 * @throws InvalidParameterException on a cycle
 * @example
 * await assertNoCycle(deps, orgId, parent.entityId, child.entityId);
 */
export async function assertNoCycle(
  deps: Pick<ApiDeps, 'entities'>,
  organizationId: string,
  groupId: string,
  memberId: string,
): Promise<void> {
  const visited = new Set<string>([groupId]);
  let frontier = [groupId];
  while (frontier.length > 0) {
    if (frontier.includes(memberId)) {
      throw new InvalidParameterException(
        'The group cannot be a member of itself, directly or through nested groups.',
      );
    }
    const parents = await Promise.all(
      frontier.map((id) => deps.entities.listAllGroupsOf(organizationId, id)),
    );
    frontier = parents
      .flat()
      .map((parent) => parent.groupId)
      .filter((id) => !visited.has(id));
    frontier.forEach((id) => visited.add(id));
  }
}
