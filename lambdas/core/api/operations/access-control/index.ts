import type { Operation } from '../../operation';
import { deleteAccessControlRule } from './delete-access-control-rule';
import { getAccessControlEffect } from './get-access-control-effect';
import { listAccessControlRules } from './list-access-control-rules';
import { putAccessControlRule } from './put-access-control-rule';

/** WorkMail's four access control rule operations. */
export const accessControlOperations: readonly Operation[] = [
  putAccessControlRule,
  deleteAccessControlRule,
  listAccessControlRules,
  getAccessControlEffect,
] as unknown as readonly Operation[];
