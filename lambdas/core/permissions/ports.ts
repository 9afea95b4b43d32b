import type { EntityStore } from '../directory/ports';
import type { MailboxPermission } from './types';

/** Where a store left off (e.g. DynamoDB's LastEvaluatedKey); opaque to core. */
export type PermissionCursor = Record<string, unknown>;

/** A request for one page of permissions. */
export interface PermissionPageRequest {
  readonly limit: number;
  readonly cursor?: PermissionCursor;
}

/** One page of permissions; `cursor` is absent on the last page. */
export interface PermissionPage {
  readonly items: MailboxPermission[];
  readonly cursor?: PermissionCursor;
}

/**
 * Mailbox permissions, readable from both ends: per mailbox (who may use it) and per grantee (what they may use),
 * each a query whose cost grows with its result, never a scan. Both views are written in one atomic step.
 */
export interface MailboxPermissionStore {
  /**
   * Replaces what the grantee holds on the mailbox with `permission.values` (none: removes the grant), atomically
   * with the check that neither entity is deleted or gone.
   * @returns false, changing nothing, when the mailbox entity or the grantee is deleted or gone
   */
  putPermissions(permission: MailboxPermission): Promise<boolean>;
  /** Removes what the grantee holds on the mailbox (no-op when nothing). */
  deletePermissions(organizationId: string, mailboxId: string, granteeId: string): Promise<void>;
  /** One page of the grants on a mailbox, ordered by grantee id. */
  listPermissions(
    organizationId: string,
    mailboxId: string,
    request: PermissionPageRequest,
  ): Promise<PermissionPage>;
  /** One page of the grants a user, group or resource holds, ordered by mailbox id. */
  listGrantsHeld(
    organizationId: string,
    granteeId: string,
    request: PermissionPageRequest,
  ): Promise<PermissionPage>;
  /** Removes every grant on the entity's mailbox and every grant it holds (the entity was deleted). */
  deleteEntityPermissions(organizationId: string, entityId: string): Promise<void>;
}

/** What resolving a user's access reads: the directory's entities and group memberships, and the grants. */
export interface MailboxPermissionDeps {
  readonly entities: Pick<EntityStore, 'getEntity' | 'listAllGroupsOf'>;
  readonly permissions: Pick<MailboxPermissionStore, 'listPermissions' | 'listGrantsHeld'>;
}
