import type { ImpersonationStore, RoleWrite } from '../../../lambdas/core/impersonation/ports';
import type { ImpersonationRole, ImpersonationToken } from '../../../lambdas/core/impersonation/types';
import { PersonalAccessTokenExistsError } from '../../../lambdas/core/user-auth/errors';
import type {
  PersonalAccessTokenStore,
  SignInDirectory,
  TokenOwner,
  TokenPage,
  TokenPageRequest,
} from '../../../lambdas/core/user-auth/ports';
import type { PersonalAccessToken } from '../../../lambdas/core/user-auth/types';
import type { Entity, Organization } from '../../../lambdas/core/directory/types';

/** An in-memory PersonalAccessTokenStore, for unit tests (and the contract suite, beside DynamoDB's). */
export class MemoryPersonalAccessTokenStore implements PersonalAccessTokenStore {
  readonly tokens = new Map<string, PersonalAccessToken>();
  readonly uses: Array<[string, number]> = [];
  reads = 0;

  async createToken(token: PersonalAccessToken): Promise<void> {
    if (this.tokens.has(token.tokenId)) throw new PersonalAccessTokenExistsError(token.tokenId);
    this.tokens.set(token.tokenId, token);
  }

  async getToken(tokenId: string): Promise<PersonalAccessToken | undefined> {
    this.reads += 1;
    return this.tokens.get(tokenId);
  }

  async listTokens(
    organizationId: string,
    userId: string | undefined,
    request: TokenPageRequest,
  ): Promise<TokenPage<PersonalAccessToken>> {
    const sortKey = (t: PersonalAccessToken) =>
      `${t.userId}#${String(t.createdAt).padStart(15, '0')}#${t.tokenId}`;
    const all = [...this.tokens.values()]
      .filter((t) => t.organizationId === organizationId && (userId === undefined || t.userId === userId))
      .sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
    const after = request.cursor?.after as string | undefined;
    const rest = after === undefined ? all : all.filter((t) => sortKey(t) > after);
    const items = rest.slice(0, request.limit);
    return rest.length > request.limit ? { items, cursor: { after: sortKey(items.at(-1)!) } } : { items };
  }

  async recordUse(tokenId: string, at: number, unchangedSince: number): Promise<void> {
    const token = this.tokens.get(tokenId);
    if (!token || (token.lastUsedAt !== undefined && token.lastUsedAt > unchangedSince)) return;
    this.uses.push([tokenId, at]);
    this.tokens.set(tokenId, { ...token, lastUsedAt: at });
  }

  async deleteToken(tokenId: string, owner: TokenOwner): Promise<boolean> {
    const token = this.tokens.get(tokenId);
    const owned =
      token?.organizationId === owner.organizationId &&
      (owner.userId === undefined || token.userId === owner.userId);
    if (owned) this.tokens.delete(tokenId);
    return owned;
  }

  async deleteUserTokens(organizationId: string, userId: string): Promise<void> {
    for (const [id, token] of this.tokens) {
      if (token.organizationId === organizationId && token.userId === userId) this.tokens.delete(id);
    }
  }
}

/** The directory reads of sign-in over plain maps, counting every read. */
export class MemorySignInDirectory implements SignInDirectory {
  readonly organizationsById = new Map<string, Organization>();
  readonly users = new Map<string, Entity>();
  readonly domainOwners = new Map<string, string>();
  reads = 0;

  readonly organizations: SignInDirectory['organizations'] = {
    getOrganization: async (organizationId) => {
      this.reads += 1;
      return this.organizationsById.get(organizationId);
    },
    findDomainOwner: async (domain) => {
      this.reads += 1;
      return this.domainOwners.get(domain);
    },
  };

  readonly entities: SignInDirectory['entities'] = {
    getEntity: async (organizationId, entityId) => {
      this.reads += 1;
      const user = this.users.get(entityId);
      return user?.organizationId === organizationId ? user : undefined;
    },
    findByEmail: async (organizationId, address) => {
      this.reads += 1;
      return [...this.users.values()].find(
        (u) =>
          u.organizationId === organizationId &&
          (u.email === address.toLowerCase() || u.aliases.includes(address.toLowerCase())),
      );
    },
    findByName: async (organizationId, name) => {
      this.reads += 1;
      return [...this.users.values()].find(
        (u) =>
          u.organizationId === organizationId &&
          u.state !== 'DELETED' &&
          u.name.toLowerCase() === name.toLowerCase(),
      );
    },
  };

  /** Replaces fields of a stored user (disable, delete, password reset). */
  update(userId: string, changes: Partial<Entity>): void {
    this.users.set(userId, { ...this.users.get(userId)!, ...changes } as Entity);
  }
}

/** Impersonation roles and role tokens in memory. */
export class MemoryImpersonationStore implements ImpersonationStore {
  readonly roles = new Map<string, ImpersonationRole>();
  readonly tokens = new Map<string, ImpersonationToken>();

  async writeRole(organizationId: string, role: ImpersonationRole): Promise<RoleWrite> {
    this.roles.set(`${organizationId}/${role.roleId}`, role);
    return 'WRITTEN';
  }

  async getRole(organizationId: string, roleId: string): Promise<ImpersonationRole | undefined> {
    return this.roles.get(`${organizationId}/${roleId}`);
  }

  async deleteRole(organizationId: string, roleId: string): Promise<void> {
    this.roles.delete(`${organizationId}/${roleId}`);
  }

  async listRoles(organizationId: string): Promise<{ items: ImpersonationRole[] }> {
    return {
      items: [...this.roles.values()].filter((role) => this.roles.get(`${organizationId}/${role.roleId}`)),
    };
  }

  async putToken(token: ImpersonationToken): Promise<void> {
    this.tokens.set(token.tokenId, token);
  }

  async getToken(tokenId: string): Promise<ImpersonationToken | undefined> {
    return this.tokens.get(tokenId);
  }
}
