import type { ImpersonationRole, ImpersonationToken } from './types';

/** How a role write ended. */
export type RoleWrite = 'WRITTEN' | 'LIMIT_EXCEEDED' | 'NOT_FOUND';

/** The organizations' impersonation roles and issued role tokens (directory table). Adapter: DynamoDbImpersonationStore. */
export interface ImpersonationStore {
  /** `create`: a new role within the limit; `replace`: an existing role (keeping its creation date), else NOT_FOUND. */
  writeRole(organizationId: string, role: ImpersonationRole, mode: 'create' | 'replace'): Promise<RoleWrite>;
  getRole(organizationId: string, roleId: string): Promise<ImpersonationRole | undefined>;
  /** Deleting a missing role succeeds. Tokens of a deleted role stop working: sign-in reads the role. */
  deleteRole(organizationId: string, roleId: string): Promise<void>;
  /** One page of the roles, by id. */
  listRoles(
    organizationId: string,
    request: { readonly limit: number; readonly cursor?: Record<string, unknown> },
  ): Promise<{ readonly items: ImpersonationRole[]; readonly cursor?: Record<string, unknown> }>;
  putToken(token: ImpersonationToken): Promise<void>;
  getToken(tokenId: string): Promise<ImpersonationToken | undefined>;
}
