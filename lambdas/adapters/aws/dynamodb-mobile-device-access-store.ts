import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type {
  DeviceRuleWrite,
  MobileDeviceAccessOverride,
  MobileDeviceAccessOverrideStore,
  MobileDeviceAccessRuleStore,
  MobileDevicePolicyStore,
  StoredMobileDeviceAccessRule,
} from '../../core/access-control/ports';
import { DEFAULT_MOBILE_DEVICE_ACCESS_RULE } from '../../core/access-control/rules';
import type { MobileDeviceAccessRule, MobileDevicePolicy } from '../../core/access-control/types';
import { DynamoDbOrganizationRuleSet } from './dynamodb-organization-rule-set';

/** WorkMail's limit of device rules per organization. */
const MAX_DEVICE_RULES = 10;

type DeviceRule = MobileDeviceAccessRule & { readonly description?: string };

/**
 * Mobile device access rules and overrides on the directory table:
 * - rules: `ORG#<orgId> / MDR#<ruleId>` and the count `ORG#<orgId> / MDR` ({@link DynamoDbOrganizationRuleSet});
 * - the policy: `ORG#<orgId> / MDPOLICY` { policy, modifiedAt };
 * - overrides: `ORG#<orgId> / MDO#<userId>#<DEVICEID>`, listed per organization or user by sort key prefix and per
 *   device through gsi1 (`ORG#<orgId>#MDODEVICE#<DEVICEID> / <userId>`).
 * @example
 * const devices = new DynamoDbMobileDeviceAccessStore(documents, 'mailwright-directory');
 */
export class DynamoDbMobileDeviceAccessStore
  implements MobileDeviceAccessRuleStore, MobileDeviceAccessOverrideStore, MobileDevicePolicyStore
{
  private readonly rules: DynamoDbOrganizationRuleSet<DeviceRule>;

  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.rules = new DynamoDbOrganizationRuleSet(documents, tableName, {
      prefix: 'MDR',
      limit: MAX_DEVICE_RULES,
      defaultRule: { key: DEFAULT_MOBILE_DEVICE_ACCESS_RULE.ruleId, rule: DEFAULT_MOBILE_DEVICE_ACCESS_RULE },
    });
  }

  list(organizationId: string): Promise<StoredMobileDeviceAccessRule[]> {
    return this.rules.list(organizationId);
  }

  write(
    organizationId: string,
    rule: DeviceRule,
    now: number,
    mode: 'create' | 'replace',
  ): Promise<DeviceRuleWrite> {
    return this.rules.write(organizationId, rule.ruleId, rule, now, mode);
  }

  delete(organizationId: string, ruleId: string, now: number): Promise<void> {
    return this.rules.delete(organizationId, ruleId, now);
  }

  async putOverride(
    organizationId: string,
    override: Omit<MobileDeviceAccessOverride, 'createdAt' | 'modifiedAt'>,
    now: number,
  ): Promise<void> {
    const deviceId = override.deviceId.toUpperCase();
    const existing = await this.getOverride(organizationId, override.userId, deviceId);
    const stored: MobileDeviceAccessOverride = {
      ...override,
      deviceId,
      createdAt: existing?.createdAt ?? now,
      modifiedAt: now,
    };
    await this.documents.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...overrideKey(organizationId, override.userId, deviceId),
          gsi1pk: `ORG#${organizationId}#MDODEVICE#${deviceId}`,
          gsi1sk: override.userId,
          override: stored,
        },
      }),
    );
  }

  async getOverride(
    organizationId: string,
    userId: string,
    deviceId: string,
  ): Promise<MobileDeviceAccessOverride | undefined> {
    const { Item } = await this.documents.send(
      new GetCommand({
        TableName: this.tableName,
        Key: overrideKey(organizationId, userId, deviceId.toUpperCase()),
        ConsistentRead: true,
      }),
    );
    return Item?.override as MobileDeviceAccessOverride | undefined;
  }

  async deleteOverride(organizationId: string, userId: string, deviceId: string): Promise<void> {
    await this.documents.send(
      new DeleteCommand({
        TableName: this.tableName,
        Key: overrideKey(organizationId, userId, deviceId.toUpperCase()),
      }),
    );
  }

  async listOverrides(
    organizationId: string,
    filter: { readonly userId?: string; readonly deviceId?: string },
    request: { readonly limit: number; readonly cursor?: Record<string, unknown> },
  ): Promise<{ items: MobileDeviceAccessOverride[]; cursor?: Record<string, unknown> }> {
    const deviceId = filter.deviceId?.toUpperCase();
    const query =
      deviceId === undefined
        ? {
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
            ExpressionAttributeValues: {
              ':pk': `ORG#${organizationId}`,
              ':prefix': filter.userId === undefined ? 'MDO#' : `MDO#${filter.userId}#`,
            },
          }
        : {
            IndexName: 'gsi1',
            KeyConditionExpression:
              filter.userId === undefined ? 'gsi1pk = :device' : 'gsi1pk = :device AND gsi1sk = :user',
            ExpressionAttributeValues: {
              ':device': `ORG#${organizationId}#MDODEVICE#${deviceId}`,
              ...(filter.userId === undefined ? {} : { ':user': filter.userId }),
            },
          };
    const output = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        ...query,
        Limit: request.limit,
        ...(request.cursor ? { ExclusiveStartKey: request.cursor } : {}),
      }),
    );
    const items = (output.Items ?? []).map((item) => item.override as MobileDeviceAccessOverride);
    return output.LastEvaluatedKey ? { items, cursor: output.LastEvaluatedKey } : { items };
  }

  async getPolicy(
    organizationId: string,
  ): Promise<{ policy: MobileDevicePolicy; modifiedAt: number } | undefined> {
    const { Item } = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: policyKey(organizationId), ConsistentRead: true }),
    );
    return Item
      ? { policy: Item.policy as MobileDevicePolicy, modifiedAt: Item.modifiedAt as number }
      : undefined;
  }

  async putPolicy(organizationId: string, policy: MobileDevicePolicy, now: number): Promise<void> {
    await this.documents.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...policyKey(organizationId), policy, modifiedAt: now },
      }),
    );
  }
}

function overrideKey(organizationId: string, userId: string, deviceId: string) {
  return { pk: `ORG#${organizationId}`, sk: `MDO#${userId}#${deviceId}` };
}

function policyKey(organizationId: string) {
  return { pk: `ORG#${organizationId}`, sk: 'MDPOLICY' };
}
