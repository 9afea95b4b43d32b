import type { Entity } from '../directory/types';
import { hasMailbox } from '../directory/mailbox-owner';
import type { MailboxPermissionDeps, PermissionCursor, PermissionPage, PermissionPageRequest } from './ports';
import type { MailboxAccess, MailboxPermission, PermissionValue, SendRight } from './types';

const NO_ACCESS: MailboxAccess = { fullAccess: [], sendAs: [], sendOnBehalf: [] };
const PAGE_SIZE = 100;

/**
 * Resolves which mailboxes a user may open or send from, for every protocol front end (JMAP shared accounts,
 * submission, IMAP). Reads the directory fresh on every call, with no cache: a change made through the admin API
 * applies to the next call (the spec allows up to 5 minutes).
 *
 * A grant counts when it is held by the user or by a group the user belongs to, directly or through nested groups,
 * and only while everyone on the way is usable:
 * 1. The user must be an ENABLED user; anyone else has no access (and no mailbox of their own to send from).
 * 2. Groups are followed upwards, breadth-first, with a visited set (cyclic nesting ends): only ENABLED groups grant
 *    or pass on their memberships, the same rule as inbound group expansion.
 * 3. Each grant held by the user or one of those groups is read by grantee (one query each, sized by the result).
 * 4. The granted mailbox must be ENABLED; FULL_ACCESS counts only on an entity with a mailbox (user or resource).
 * Deleting an entity removes its grants in both directions; a DISABLED grantee or mailbox keeps its grants, inert
 * until it is enabled again.
 * @example
 * const permissions = new MailboxPermissions({ entities, permissions: permissionStore });
 * const { fullAccess } = await permissions.mailboxAccess(user.organizationId, user.userId);
 */
export class MailboxPermissions {
  constructor(private readonly deps: MailboxPermissionDeps) {}

  /**
   * The mailboxes a user may open (FULL_ACCESS) or send from (SEND_AS, SEND_ON_BEHALF), their own left out.
   * @param organizationId - the user's organization; nothing of another organization is ever read
   * @param userId - the signed-in user's id
   * @example
   * const access = await permissions.mailboxAccess(orgId, userId); // { fullAccess: ['r-…'], sendAs: [], … }
   */
  async mailboxAccess(organizationId: string, userId: string): Promise<MailboxAccess> {
    const user = await this.activeUser(organizationId, userId);
    if (!user) return NO_ACCESS;
    const principals = await this.principalsOf(user);
    const held = await Promise.all(
      [...principals].map((principal) =>
        everyPage((request) => this.deps.permissions.listGrantsHeld(organizationId, principal, request)),
      ),
    );
    const valuesByMailbox = new Map<string, Set<PermissionValue>>();
    for (const grant of held.flat()) {
      if (grant.mailboxId === userId) continue;
      const values = valuesByMailbox.get(grant.mailboxId) ?? new Set<PermissionValue>();
      grant.values.forEach((value) => values.add(value));
      valuesByMailbox.set(grant.mailboxId, values);
    }
    const mailboxes = await Promise.all(
      [...valuesByMailbox.keys()].map((id) => this.deps.entities.getEntity(organizationId, id)),
    );
    const access = { fullAccess: [] as string[], sendAs: [] as string[], sendOnBehalf: [] as string[] };
    for (const mailbox of mailboxes) {
      if (mailbox?.state !== 'ENABLED') continue;
      const values = valuesByMailbox.get(mailbox.entityId)!;
      if (values.has('FULL_ACCESS') && hasMailbox(mailbox)) access.fullAccess.push(mailbox.entityId);
      if (values.has('SEND_AS')) access.sendAs.push(mailbox.entityId);
      if (values.has('SEND_ON_BEHALF')) access.sendOnBehalf.push(mailbox.entityId);
    }
    return {
      fullAccess: access.fullAccess.sort(),
      sendAs: access.sendAs.sort(),
      sendOnBehalf: access.sendOnBehalf.sort(),
    };
  }

  /**
   * How the user may send with `fromMailboxId` in `From:`; undefined when they may not (FULL_ACCESS alone gives no
   * send right). Reads the grants on that one mailbox and the user's groups.
   * @param organizationId - the user's organization
   * @param userId - the signed-in user's id
   * @param fromMailboxId - the entity id of the user, resource or group whose address is in `From:`
   * @example
   * const right = await permissions.maySend(orgId, userId, sharedId);
   * if (right === 'SEND_ON_BEHALF') headers.sender = user.email;
   */
  async maySend(
    organizationId: string,
    userId: string,
    fromMailboxId: string,
  ): Promise<SendRight | undefined> {
    const user = await this.activeUser(organizationId, userId);
    if (!user) return undefined;
    if (fromMailboxId === user.entityId) return 'OWNER';
    const mailbox = await this.deps.entities.getEntity(organizationId, fromMailboxId);
    if (mailbox?.state !== 'ENABLED') return undefined;
    const [principals, grants] = await Promise.all([
      this.principalsOf(user),
      everyPage((request) => this.deps.permissions.listPermissions(organizationId, fromMailboxId, request)),
    ]);
    const held = new Set(
      grants.filter((grant) => principals.has(grant.granteeId)).flatMap((grant) => grant.values),
    );
    if (held.has('SEND_AS')) return 'SEND_AS';
    if (held.has('SEND_ON_BEHALF')) return 'SEND_ON_BEHALF';
    return undefined;
  }

  /**
   * The mailboxes the user may open besides their own (FULL_ACCESS) that are ENABLED, with their addresses: what
   * a front end shows as shared accounts.
   * @example
   * const shared = await permissions.openableMailboxes(orgId, userId); // [{ mailboxId: 'S-…', email: 'sales@…' }]
   */
  async openableMailboxes(
    organizationId: string,
    userId: string,
  ): Promise<{ mailboxId: string; email: string }[]> {
    const { fullAccess } = await this.mailboxAccess(organizationId, userId);
    const owners = await Promise.all(
      fullAccess.map((mailboxId) => this.deps.entities.getEntity(organizationId, mailboxId)),
    );
    return owners.flatMap((owner) =>
      owner?.state === 'ENABLED' && owner.email ? [{ mailboxId: owner.entityId, email: owner.email }] : [],
    );
  }

  private async activeUser(organizationId: string, userId: string): Promise<Entity | undefined> {
    const user = await this.deps.entities.getEntity(organizationId, userId);
    return user?.kind === 'USER' && user.state === 'ENABLED' ? user : undefined;
  }

  /** The user and every ENABLED group they belong to, directly or through ENABLED nested groups. */
  private async principalsOf(user: Entity): Promise<ReadonlySet<string>> {
    const { organizationId } = user;
    const visited = new Set([user.entityId]);
    const principals = [user.entityId];
    let frontier = [user.entityId];
    while (frontier.length > 0) {
      const parents = await Promise.all(
        frontier.map((id) => this.deps.entities.listAllGroupsOf(organizationId, id)),
      );
      const fresh = [...new Set(parents.flat().map((parent) => parent.groupId))].filter(
        (id) => !visited.has(id),
      );
      fresh.forEach((id) => visited.add(id));
      const groups = await Promise.all(fresh.map((id) => this.deps.entities.getEntity(organizationId, id)));
      frontier = groups.flatMap((group) =>
        group?.kind === 'GROUP' && group.state === 'ENABLED' ? [group.entityId] : [],
      );
      principals.push(...frontier);
    }
    return new Set(principals);
  }
}

/** Every item of a paged listing. */
async function everyPage(
  fetch: (request: PermissionPageRequest) => Promise<PermissionPage>,
): Promise<MailboxPermission[]> {
  const items: MailboxPermission[] = [];
  let cursor: PermissionCursor | undefined;
  do {
    const page = await fetch({ limit: PAGE_SIZE, cursor });
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return items;
}
