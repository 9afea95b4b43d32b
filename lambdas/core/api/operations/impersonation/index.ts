import type { Operation } from '../../operation';
import {
  createImpersonationRole,
  deleteImpersonationRole,
  getImpersonationRole,
  listImpersonationRoles,
  updateImpersonationRole,
} from './role-operations';
import { assumeImpersonationRole, getImpersonationRoleEffect } from './use-operations';

/** WorkMail's seven impersonation role operations. */
export const impersonationOperations: readonly Operation[] = [
  createImpersonationRole,
  updateImpersonationRole,
  deleteImpersonationRole,
  getImpersonationRole,
  listImpersonationRoles,
  getImpersonationRoleEffect,
  assumeImpersonationRole,
] as unknown as readonly Operation[];
