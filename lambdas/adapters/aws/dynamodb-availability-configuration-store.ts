import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type {
  AvailabilityConfigurationStore,
  ConfigurationPage,
  ListCursor,
} from '../../core/availability/ports';
import type { AvailabilityConfiguration, AvailabilityProvider } from '../../core/availability/types';
import type { FieldSealer } from '../../core/crypto/field-sealer';
import { sealerOf } from './dynamodb-sealed-items';
import { failedAt, transact } from './dynamodb-transact';

/** The purpose of the sealer of EWS passwords: its subkeys open nothing else. */
export const AVAILABILITY_SEALER_PURPOSE = 'availability-provider';

const PREFIX = 'AVAILCONFIG#';
const configKey = (organizationId: string, domainName: string) => ({
  pk: `ORG#${organizationId}`,
  sk: `${PREFIX}${domainName}`,
});
const counterKey = (organizationId: string) => ({ pk: `ORG#${organizationId}`, sk: 'AVAILCONFIGS' });

/**
 * {@link AvailabilityConfigurationStore} in the Directory table: `ORG#<orgId> / AVAILCONFIG#<domain>` (providerType,
 * ewsEndpoint, ewsUsername, ewsPassword sealed under a subkey of the deployment key bound to the item's keys, or
 * lambdaArn; createdAt, modifiedAt) and the counter `ORG#<orgId> / AVAILCONFIGS` { total }, written in the same
 * transactions. A listing is one Query.
 * @example
 * const store = new DynamoDbAvailabilityConfigurationStore(documents, 'mailwright-directory', ledgerKey);
 */
export class DynamoDbAvailabilityConfigurationStore implements AvailabilityConfigurationStore {
  private readonly sealer: () => Promise<FieldSealer>;

  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
    sealKey: Uint8Array | (() => Promise<Uint8Array>),
  ) {
    this.sealer = sealerOf(sealKey, AVAILABILITY_SEALER_PURPOSE);
  }

  async create(
    configuration: AvailabilityConfiguration,
    limit: number,
  ): Promise<'created' | 'exists' | 'limit'> {
    const key = configKey(configuration.organizationId, configuration.domainName);
    const codes = await transact(this.documents, [
      {
        Put: {
          TableName: this.tableName,
          Item: {
            ...key,
            ...(await this.toAttributes(key, configuration)),
            createdAt: configuration.createdAt,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Update: {
          TableName: this.tableName,
          Key: counterKey(configuration.organizationId),
          UpdateExpression: 'ADD #total :one',
          ConditionExpression: 'attribute_not_exists(#total) OR #total < :limit',
          ExpressionAttributeNames: { '#total': 'total' },
          ExpressionAttributeValues: { ':one': 1, ':limit': limit },
        },
      },
    ]);
    if (!codes) return 'created';
    return failedAt(codes, 0) ? 'exists' : 'limit';
  }

  async replace(configuration: AvailabilityConfiguration): Promise<boolean> {
    const key = configKey(configuration.organizationId, configuration.domainName);
    const attributes = await this.toAttributes(key, configuration);
    const absent = ['ewsEndpoint', 'ewsUsername', 'ewsPassword', 'lambdaArn'].filter(
      (name) => !(name in attributes),
    );
    const names = Object.keys(attributes);
    try {
      await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression:
            `SET ${names.map((name) => `#${name} = :${name}`).join(', ')}` +
            (absent.length ? ` REMOVE ${absent.map((name) => `#${name}`).join(', ')}` : ''),
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: Object.fromEntries(
            [...names, ...absent].map((name) => [`#${name}`, name]),
          ),
          ExpressionAttributeValues: Object.fromEntries(
            Object.entries(attributes).map(([name, value]) => [`:${name}`, value]),
          ),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async delete(organizationId: string, domainName: string): Promise<boolean> {
    const codes = await transact(this.documents, [
      {
        Delete: {
          TableName: this.tableName,
          Key: configKey(organizationId, domainName),
          ConditionExpression: 'attribute_exists(pk)',
        },
      },
      {
        Update: {
          TableName: this.tableName,
          Key: counterKey(organizationId),
          UpdateExpression: 'ADD #total :minusOne',
          ExpressionAttributeNames: { '#total': 'total' },
          ExpressionAttributeValues: { ':minusOne': -1 },
        },
      },
    ]);
    return codes === undefined;
  }

  async get(organizationId: string, domainName: string): Promise<AvailabilityConfiguration | undefined> {
    const { Item } = await this.documents.send(
      new GetCommand({
        TableName: this.tableName,
        Key: configKey(organizationId, domainName),
        ConsistentRead: true,
      }),
    );
    return Item ? this.fromItem(Item) : undefined;
  }

  async list(
    organizationId: string,
    request: { readonly limit: number; readonly cursor?: ListCursor },
  ): Promise<ConfigurationPage> {
    const { Items = [], LastEvaluatedKey } = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': `ORG#${organizationId}`, ':prefix': PREFIX },
        Limit: request.limit,
        ExclusiveStartKey: request.cursor,
      }),
    );
    const items = await Promise.all(Items.map((item) => this.fromItem(item)));
    return LastEvaluatedKey ? { items, cursor: LastEvaluatedKey } : { items };
  }

  private async toAttributes(
    key: { pk: string; sk: string },
    configuration: AvailabilityConfiguration,
  ): Promise<Record<string, string | number>> {
    const { provider } = configuration;
    const common = {
      organizationId: configuration.organizationId,
      domainName: configuration.domainName,
      providerType: provider.type,
      modifiedAt: configuration.modifiedAt,
    };
    if (provider.type === 'LAMBDA') return { ...common, lambdaArn: provider.lambdaArn };
    const sealed = (await this.sealer()).seal(provider.ewsPassword, [key.pk, key.sk, 'ewsPassword']);
    return {
      ...common,
      ewsEndpoint: provider.ewsEndpoint,
      ewsUsername: provider.ewsUsername,
      ewsPassword: sealed,
    };
  }

  private async fromItem(item: Record<string, unknown>): Promise<AvailabilityConfiguration> {
    const provider: AvailabilityProvider =
      item.providerType === 'LAMBDA'
        ? { type: 'LAMBDA', lambdaArn: String(item.lambdaArn) }
        : {
            type: 'EWS',
            ewsEndpoint: String(item.ewsEndpoint),
            ewsUsername: String(item.ewsUsername),
            ewsPassword: (await this.sealer()).open(String(item.ewsPassword), [
              String(item.pk),
              String(item.sk),
              'ewsPassword',
            ]),
          };
    return {
      organizationId: String(item.organizationId),
      domainName: String(item.domainName),
      provider,
      createdAt: Number(item.createdAt),
      modifiedAt: Number(item.modifiedAt),
    };
  }
}
