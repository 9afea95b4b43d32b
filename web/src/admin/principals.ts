import type { AdminSession } from './api';
import { listGroups } from './groups';
import { listUsers } from './users';

/** A user or group that can be granted a mailbox permission or made a resource's delegate. */
export interface Principal {
  readonly id: string;
  /** The display name (or name) of a user, the name of a group. */
  readonly name: string;
  readonly kind: 'user' | 'group';
  readonly state: string;
}

/**
 * The organization's users and groups, by id.
 * @example
 * const principals = await listPrincipals(session, organizationId);
 * principals.get(userId)?.name; // 'Ana Lima'
 */
export async function listPrincipals(
  session: AdminSession,
  organizationId: string,
): Promise<ReadonlyMap<string, Principal>> {
  const [users, groups] = await Promise.all([
    listUsers(session, organizationId),
    listGroups(session, organizationId),
  ]);
  const all: Principal[] = [
    ...users.map((user) => ({
      id: user.Id,
      name: user.DisplayName || user.Name,
      kind: 'user' as const,
      state: user.State,
    })),
    ...groups.map((group) => ({
      id: group.Id,
      name: group.Name,
      kind: 'group' as const,
      state: group.State,
    })),
  ];
  return new Map(all.map((principal) => [principal.id, principal]));
}

/** How the console names a principal in lists and choices: `Ana Lima (user)`; an unknown id as itself. */
export const principalLabel = (
  principals: ReadonlyMap<string, Principal> | undefined,
  id: string,
): string => {
  const principal = principals?.get(id);
  return principal ? `${principal.name} (${principal.kind})` : id;
};
