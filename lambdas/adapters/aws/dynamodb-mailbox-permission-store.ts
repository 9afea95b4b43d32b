import { BatchWriteCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { EntityKind } from '../../core/directory/types';
import type {
  MailboxPermissionStore,
  PermissionCursor,
  PermissionPage,
  PermissionPageRequest,
} from '../../core/permissions/ports';
import type { MailboxPermission, PermissionValue } from '../../core/permissions/types';
import { entityKey, orgKey } from './dynamodb-entity-items';
import { transact, type TransactItem } from './dynamodb-transact';

type Key = { pk: string; sk: string };

/** Primary key of a grant, read from the mailbox's side (ListMailboxPermissions, maySend). */
function permissionKey(organizationId: string, mailboxId: string, granteeId: string): Key {
  return { pk: orgKey(organizationId), sk: `PERM#${mailboxId}#${granteeId}` };
}

/** Primary key of a grant, read from the grantee's side (what a user and their groups may use). */
function permissionOfKey(organizationId: string, granteeId: string, mailboxId: string): Key {
  return { pk: orgKey(organizationId), sk: `PERMOF#${granteeId}#${mailboxId}` };
}

/**
 * Mailbox permissions in the directory table: `PERM#<mailbox>#<grantee>` with its mirror
 * `PERMOF#<grantee>#<mailbox>`, both carrying { mailboxId, granteeId, granteeKind, permissionValues (list) } and
 * written in one transaction with the checks that neither entity is deleted. Each side is one Query in the
 * organization's partition.
 * @example
 * const permissions = new DynamoDbMailboxPermissionStore(documents, 'mailwright-directory');
 */
export class DynamoDbMailboxPermissionStore implements MailboxPermissionStore {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async putPermissions(permission: MailboxPermission): Promise<boolean> {
    const { organizationId, mailboxId, granteeId } = permission;
    const TableName = this.tableName;
    const live = [...new Set([mailboxId, granteeId])].map((entityId): TransactItem => ({
      ConditionCheck: {
        TableName,
        Key: entityKey(organizationId, entityId),
        ConditionExpression: 'attribute_exists(pk) AND #state <> :deleted',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':deleted': 'DELETED' },
      },
    }));
    const keys = [
      permissionKey(organizationId, mailboxId, granteeId),
      permissionOfKey(organizationId, granteeId, mailboxId),
    ];
    const attributes = {
      mailboxId,
      granteeId,
      granteeKind: permission.granteeKind,
      permissionValues: [...permission.values],
    };
    const writes: TransactItem[] = keys.map((Key) =>
      permission.values.length === 0
        ? { Delete: { TableName, Key } }
        : { Put: { TableName, Item: { ...Key, ...attributes } } },
    );
    return (await transact(this.documents, [...live, ...writes])) === undefined;
  }

  async deletePermissions(organizationId: string, mailboxId: string, granteeId: string): Promise<void> {
    await transact(
      this.documents,
      [
        permissionKey(organizationId, mailboxId, granteeId),
        permissionOfKey(organizationId, granteeId, mailboxId),
      ].map((Key) => ({ Delete: { TableName: this.tableName, Key } })),
    );
  }

  listPermissions(
    organizationId: string,
    mailboxId: string,
    request: PermissionPageRequest,
  ): Promise<PermissionPage> {
    return this.query(organizationId, `PERM#${mailboxId}#`, request);
  }

  listGrantsHeld(
    organizationId: string,
    granteeId: string,
    request: PermissionPageRequest,
  ): Promise<PermissionPage> {
    return this.query(organizationId, `PERMOF#${granteeId}#`, request);
  }

  async deleteEntityPermissions(organizationId: string, entityId: string): Promise<void> {
    const grants = [
      ...(await this.all(organizationId, `PERM#${entityId}#`)),
      ...(await this.all(organizationId, `PERMOF#${entityId}#`)),
    ];
    const keys = new Map<string, Key>();
    for (const grant of grants) {
      for (const key of [
        permissionKey(organizationId, grant.mailboxId, grant.granteeId),
        permissionOfKey(organizationId, grant.granteeId, grant.mailboxId),
      ])
        keys.set(key.sk, key);
    }
    await this.deleteAll([...keys.values()]);
  }

  private async query(
    organizationId: string,
    prefix: string,
    request: PermissionPageRequest,
  ): Promise<PermissionPage> {
    const { Items = [], LastEvaluatedKey } = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': orgKey(organizationId), ':prefix': prefix },
        Limit: request.limit,
        ExclusiveStartKey: request.cursor,
        ConsistentRead: true,
      }),
    );
    return {
      items: Items.map((item) => ({
        organizationId,
        mailboxId: String(item.mailboxId),
        granteeId: String(item.granteeId),
        granteeKind: item.granteeKind as EntityKind,
        values: item.permissionValues as PermissionValue[],
      })),
      ...(LastEvaluatedKey ? { cursor: LastEvaluatedKey as PermissionCursor } : {}),
    };
  }

  private async all(organizationId: string, prefix: string): Promise<MailboxPermission[]> {
    const items: MailboxPermission[] = [];
    let cursor: PermissionCursor | undefined;
    do {
      const page = await this.query(organizationId, prefix, { limit: 100, cursor });
      items.push(...page.items);
      cursor = page.cursor;
    } while (cursor);
    return items;
  }

  private async deleteAll(keys: readonly Key[]): Promise<void> {
    for (let start = 0; start < keys.length; start += 25) {
      let requests = keys.slice(start, start + 25).map((Key) => ({ DeleteRequest: { Key } }));
      while (requests.length > 0) {
        const { UnprocessedItems } = await this.documents.send(
          new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }),
        );
        requests = (UnprocessedItems?.[this.tableName] ?? []) as typeof requests;
      }
    }
  }
}
