import type { EntityKind } from '../directory/types';

/** Records and results of mailbox permissions (directory-and-mailboxes.md §10). */

/**
 * What a grantee may do with a mailbox:
 * - `FULL_ACCESS`: open every folder of it, regardless of folder-level permissions;
 * - `SEND_AS`: send with the owner in `From:` and no trace of the grantee;
 * - `SEND_ON_BEHALF`: send with the owner in `From:` and the grantee in `Sender:`.
 */
export type PermissionValue = 'FULL_ACCESS' | 'SEND_AS' | 'SEND_ON_BEHALF';

/** Every permission value, in the order listings give them. */
export const PERMISSION_VALUES: readonly PermissionValue[] = ['FULL_ACCESS', 'SEND_AS', 'SEND_ON_BEHALF'];

/** The permissions one grantee holds on one mailbox. `mailboxId` is the entity id of the user, resource or group. */
export interface MailboxPermission {
  readonly organizationId: string;
  readonly mailboxId: string;
  readonly granteeId: string;
  readonly granteeKind: EntityKind;
  /** Never empty, no duplicates, in {@link PERMISSION_VALUES} order. */
  readonly values: readonly PermissionValue[];
}

/**
 * The mailboxes a user may use besides their own, directly or through the groups they belong to (nested groups
 * included): entity ids, sorted. `fullAccess` names only users and resources (groups have no mailbox); `sendAs` and
 * `sendOnBehalf` may also name groups, whose address the user may then send from.
 */
export interface MailboxAccess {
  readonly fullAccess: readonly string[];
  readonly sendAs: readonly string[];
  readonly sendOnBehalf: readonly string[];
}

/**
 * How a user may send from a mailbox: as its `OWNER` (their own), `SEND_AS` (From: the mailbox, no Sender:) or
 * `SEND_ON_BEHALF` (From: the mailbox, Sender: the user). A user holding both grants gets `SEND_AS`.
 */
export type SendRight = 'OWNER' | 'SEND_AS' | 'SEND_ON_BEHALF';
