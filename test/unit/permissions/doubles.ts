import type { GroupReference } from '../../../lambdas/core/directory/ports';
import type { Entity, EntityKind, EntityState } from '../../../lambdas/core/directory/types';
import type {
  MailboxPermissionStore,
  PermissionPage,
  PermissionPageRequest,
} from '../../../lambdas/core/permissions/ports';
import type { MailboxPermission } from '../../../lambdas/core/permissions/types';

export const ORG = `m-${'1'.repeat(32)}`;
export const OTHER_ORG = `m-${'2'.repeat(32)}`;

/** Entities and group memberships in memory: the directory reads permission resolution makes, and the writes tests need. */
export class MemoryDirectory {
  readonly entities = new Map<string, Entity>();
  /** `<org>/<member>` → the groups it is a direct member of. */
  private readonly memberships = new Map<string, Set<string>>();
  /** Reads made, to check that resolution cost follows the result. */
  reads = 0;

  add(organizationId: string, entityId: string, kind: EntityKind, extra: Partial<Entity> = {}): string {
    this.entities.set(`${organizationId}/${entityId}`, {
      organizationId,
      entityId,
      kind,
      name: entityId,
      state: 'ENABLED',
      aliases: [],
      hiddenFromGlobalAddressList: false,
      createdAt: 0,
      ...(kind === 'USER' ? { role: 'USER' as const } : {}),
      ...extra,
    });
    return entityId;
  }

  setState(organizationId: string, entityId: string, state: EntityState): void {
    const key = `${organizationId}/${entityId}`;
    this.entities.set(key, { ...this.entities.get(key)!, state });
  }

  addMember(organizationId: string, groupId: string, memberId: string): void {
    const key = `${organizationId}/${memberId}`;
    this.memberships.set(key, new Set([...(this.memberships.get(key) ?? []), groupId]));
  }

  async getEntity(organizationId: string, entityId: string): Promise<Entity | undefined> {
    this.reads += 1;
    return this.entities.get(`${organizationId}/${entityId}`);
  }

  async listAllGroupsOf(organizationId: string, entityId: string): Promise<GroupReference[]> {
    this.reads += 1;
    return [...(this.memberships.get(`${organizationId}/${entityId}`) ?? [])].map((groupId) => ({
      groupId,
      groupName: groupId,
    }));
  }
}

/**
 * An in-memory MailboxPermissionStore, for unit tests (and the contract suite, beside DynamoDB's). Writes check
 * liveness in `directory`, as the DynamoDB store's transactions do.
 */
export class MemoryMailboxPermissionStore implements MailboxPermissionStore {
  /** `<org>/<mailbox>/<grantee>` → grant. */
  readonly grants = new Map<string, MailboxPermission>();
  /** Queries made. */
  queries = 0;

  constructor(private readonly directory: MemoryDirectory) {}

  async putPermissions(permission: MailboxPermission): Promise<boolean> {
    const { organizationId, mailboxId, granteeId } = permission;
    const live = (id: string) => {
      const entity = this.directory.entities.get(`${organizationId}/${id}`);
      return entity !== undefined && entity.state !== 'DELETED';
    };
    if (!live(mailboxId) || !live(granteeId)) return false;
    const key = `${organizationId}/${mailboxId}/${granteeId}`;
    if (permission.values.length === 0) this.grants.delete(key);
    else this.grants.set(key, { ...permission, values: [...permission.values] });
    return true;
  }

  async deletePermissions(organizationId: string, mailboxId: string, granteeId: string): Promise<void> {
    this.grants.delete(`${organizationId}/${mailboxId}/${granteeId}`);
  }

  async listPermissions(
    organizationId: string,
    mailboxId: string,
    request: PermissionPageRequest,
  ): Promise<PermissionPage> {
    return this.page(
      (grant) => grant.organizationId === organizationId && grant.mailboxId === mailboxId,
      (grant) => grant.granteeId,
      request,
    );
  }

  async listGrantsHeld(
    organizationId: string,
    granteeId: string,
    request: PermissionPageRequest,
  ): Promise<PermissionPage> {
    return this.page(
      (grant) => grant.organizationId === organizationId && grant.granteeId === granteeId,
      (grant) => grant.mailboxId,
      request,
    );
  }

  async deleteEntityPermissions(organizationId: string, entityId: string): Promise<void> {
    for (const [key, grant] of this.grants) {
      if (
        grant.organizationId === organizationId &&
        (grant.mailboxId === entityId || grant.granteeId === entityId)
      )
        this.grants.delete(key);
    }
  }

  private page(
    match: (grant: MailboxPermission) => boolean,
    sortKey: (grant: MailboxPermission) => string,
    request: PermissionPageRequest,
  ): PermissionPage {
    this.queries += 1;
    const all = [...this.grants.values()].filter(match).sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
    const after = request.cursor?.after as string | undefined;
    const rest = after === undefined ? all : all.filter((grant) => sortKey(grant) > after);
    const items = rest.slice(0, request.limit);
    return rest.length > request.limit ? { items, cursor: { after: sortKey(items.at(-1)!) } } : { items };
  }
}
