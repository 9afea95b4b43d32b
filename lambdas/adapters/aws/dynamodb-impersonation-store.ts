import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ImpersonationStore, RoleWrite } from '../../core/impersonation/ports';
import {
  MAX_IMPERSONATION_ROLES,
  type ImpersonationRole,
  type ImpersonationToken,
} from '../../core/impersonation/types';
import { DynamoDbOrganizationRuleSet } from './dynamodb-organization-rule-set';

/** Expired token records stay a day, then DynamoDB's TTL removes them. */
const TOKEN_RETENTION_SECONDS = 24 * 60 * 60;

type StoredRole = Omit<ImpersonationRole, 'createdAt' | 'modifiedAt'>;

/**
 * ImpersonationStore on the directory table: roles as a bounded rule set (`ORG#<orgId> / IMPROLE#<roleId>`, the
 * count `ORG#<orgId> / IMPROLE`, at most 20), and issued tokens as `IMPTOKEN#<tokenId> / TOKEN` (digest, role,
 * expiry, `ttl`).
 * @example
 * const impersonation = new DynamoDbImpersonationStore(documents, 'mailwright-directory');
 */
export class DynamoDbImpersonationStore implements ImpersonationStore {
  private readonly roles: DynamoDbOrganizationRuleSet<StoredRole>;

  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.roles = new DynamoDbOrganizationRuleSet(documents, tableName, {
      prefix: 'IMPROLE',
      limit: MAX_IMPERSONATION_ROLES,
    });
  }

  writeRole(organizationId: string, role: ImpersonationRole, mode: 'create' | 'replace'): Promise<RoleWrite> {
    const { createdAt: _createdAt, modifiedAt, ...stored } = role;
    return this.roles.write(organizationId, role.roleId, stored, modifiedAt, mode);
  }

  getRole(organizationId: string, roleId: string): Promise<ImpersonationRole | undefined> {
    return this.roles.get(organizationId, roleId);
  }

  deleteRole(organizationId: string, roleId: string): Promise<void> {
    return this.roles.delete(organizationId, roleId, 0);
  }

  async listRoles(
    organizationId: string,
    request: { readonly limit: number; readonly cursor?: Record<string, unknown> },
  ): Promise<{ items: ImpersonationRole[]; cursor?: Record<string, unknown> }> {
    // At most 20 roles: one query reads them all, and a page is a slice after the cursor's role id.
    const after = typeof request.cursor?.after === 'string' ? request.cursor.after : '';
    const roles = (await this.roles.list(organizationId))
      .filter((role) => role.roleId > after)
      .sort((a, b) => (a.roleId < b.roleId ? -1 : 1));
    const items = roles.slice(0, request.limit);
    return roles.length > items.length ? { items, cursor: { after: items.at(-1)!.roleId } } : { items };
  }

  async putToken(token: ImpersonationToken): Promise<void> {
    await this.documents.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: `IMPTOKEN#${token.tokenId}`,
          sk: 'TOKEN',
          token,
          ttl: Math.ceil(token.expiresAt / 1000) + TOKEN_RETENTION_SECONDS,
        },
      }),
    );
  }

  async getToken(tokenId: string): Promise<ImpersonationToken | undefined> {
    const { Item } = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: `IMPTOKEN#${tokenId}`, sk: 'TOKEN' } }),
    );
    return Item?.token as ImpersonationToken | undefined;
  }
}
