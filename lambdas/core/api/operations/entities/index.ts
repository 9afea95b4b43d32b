import type { Operation } from '../../operation';
import { associateDelegateToResource } from './associate-delegate-to-resource';
import { associateMemberToGroup } from './associate-member-to-group';
import { createAlias } from './create-alias';
import { createGroup } from './create-group';
import { createResource } from './create-resource';
import { createUser } from './create-user';
import { deleteAlias } from './delete-alias';
import { deleteGroup } from './delete-group';
import { deleteResource } from './delete-resource';
import { deleteUser } from './delete-user';
import { deregisterFromWorkMail } from './deregister-from-work-mail';
import { describeEntity } from './describe-entity';
import { describeGroup } from './describe-group';
import { describeResource } from './describe-resource';
import { describeUser } from './describe-user';
import { disassociateDelegateFromResource } from './disassociate-delegate-from-resource';
import { disassociateMemberFromGroup } from './disassociate-member-from-group';
import { getMailboxDetails } from './get-mailbox-details';
import { listAliases } from './list-aliases';
import { listGroupMembers } from './list-group-members';
import { listGroupsForEntity } from './list-groups-for-entity';
import { listGroups } from './list-groups';
import { listResourceDelegates } from './list-resource-delegates';
import { listResources } from './list-resources';
import { listUsers } from './list-users';
import { registerToWorkMail } from './register-to-work-mail';
import { resetPassword } from './reset-password';
import { updateGroup } from './update-group';
import { updateMailboxQuota } from './update-mailbox-quota';
import { updatePrimaryEmailAddress } from './update-primary-email-address';
import { updateResource } from './update-resource';
import { updateUser } from './update-user';

export { associateDelegateToResource } from './associate-delegate-to-resource';
export { associateMemberToGroup } from './associate-member-to-group';
export { createAlias } from './create-alias';
export { createGroup } from './create-group';
export { createResource } from './create-resource';
export { createUser } from './create-user';
export { deleteAlias } from './delete-alias';
export { deleteGroup } from './delete-group';
export { deleteResource } from './delete-resource';
export { deleteUser } from './delete-user';
export { deregisterFromWorkMail } from './deregister-from-work-mail';
export { describeEntity } from './describe-entity';
export { describeGroup } from './describe-group';
export { describeResource } from './describe-resource';
export { describeUser } from './describe-user';
export { disassociateDelegateFromResource } from './disassociate-delegate-from-resource';
export { disassociateMemberFromGroup } from './disassociate-member-from-group';
export { getMailboxDetails } from './get-mailbox-details';
export { listAliases } from './list-aliases';
export { listGroupMembers } from './list-group-members';
export { listGroupsForEntity } from './list-groups-for-entity';
export { listGroups } from './list-groups';
export { listResourceDelegates } from './list-resource-delegates';
export { listResources } from './list-resources';
export { listUsers } from './list-users';
export { registerToWorkMail } from './register-to-work-mail';
export { resetPassword } from './reset-password';
export { updateGroup } from './update-group';
export { updateMailboxQuota } from './update-mailbox-quota';
export { updatePrimaryEmailAddress } from './update-primary-email-address';
export { updateResource } from './update-resource';
export { updateUser } from './update-user';

/** The entities operations of the catalog: users, groups, resources, their lifecycle and addresses. */
export const entityOperations: readonly Operation[] = [
  associateDelegateToResource,
  associateMemberToGroup,
  createAlias,
  createGroup,
  createResource,
  createUser,
  deleteAlias,
  deleteGroup,
  deleteResource,
  deleteUser,
  deregisterFromWorkMail,
  describeEntity,
  describeGroup,
  describeResource,
  describeUser,
  disassociateDelegateFromResource,
  disassociateMemberFromGroup,
  getMailboxDetails,
  listAliases,
  listGroupMembers,
  listGroupsForEntity,
  listGroups,
  listResourceDelegates,
  listResources,
  listUsers,
  registerToWorkMail,
  resetPassword,
  updateGroup,
  updateMailboxQuota,
  updatePrimaryEmailAddress,
  updateResource,
  updateUser,
] as unknown as readonly Operation[];
