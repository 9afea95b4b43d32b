import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FieldSealer } from '../../core/crypto/field-sealer';
import type { IdentityProviderStore } from '../../core/sso/ports';
import type {
  IdentityCenterApplication,
  IdentityProviderConfiguration,
  OidcIssuerSettings,
} from '../../core/sso/types';
import { sealerOf } from './dynamodb-sealed-items';
import { failedAt, transact, type TransactItem } from './dynamodb-transact';

/** The purpose of the sealer of issuers' client secrets: its subkeys open nothing else. */
export const SSO_CLIENT_SECRET_PURPOSE = 'sso-client-secret';

const configKey = (organizationId: string) => ({ pk: `ORG#${organizationId}`, sk: 'IDPCONFIG' });
const applicationKey = (applicationArn: string) => ({ pk: `IDCAPP#${applicationArn}`, sk: 'APP' });
const MAX_ATTEMPTS = 5;

/**
 * {@link IdentityProviderStore} in the Directory table: `ORG#<orgId> / IDPCONFIG` (the configuration) and
 * `IDCAPP#<applicationArn> / APP` (name, instanceArn, createdAt, organizationCount, issuer, clientId, clientSecret
 * sealed under a subkey of the deployment key bound to the item's keys). A configuration and the count on the
 * application it names are written in one transaction, so an application in use cannot be deleted.
 * @example
 * const identityProviders = new DynamoDbIdentityProviderStore(documents, 'mailwright-directory', ledgerKey);
 */
export class DynamoDbIdentityProviderStore implements IdentityProviderStore {
  private readonly sealer: () => Promise<FieldSealer>;

  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
    sealKey: Uint8Array | (() => Promise<Uint8Array>),
  ) {
    this.sealer = sealerOf(sealKey, SSO_CLIENT_SECRET_PURPOSE);
  }

  async getConfiguration(organizationId: string): Promise<IdentityProviderConfiguration | undefined> {
    const item = await this.get(configKey(organizationId));
    if (!item) return undefined;
    return {
      organizationId,
      authenticationMode: item.authenticationMode as IdentityProviderConfiguration['authenticationMode'],
      instanceArn: String(item.instanceArn),
      applicationArn: String(item.applicationArn),
      personalAccessTokens: {
        status: item.patStatus as IdentityProviderConfiguration['personalAccessTokens']['status'],
        ...(item.patLifetimeInDays === undefined ? {} : { lifetimeInDays: Number(item.patLifetimeInDays) }),
      },
      updatedAt: Number(item.updatedAt),
    };
  }

  async putConfiguration(configuration: IdentityProviderConfiguration): Promise<'ok' | 'no-application'> {
    const key = configKey(configuration.organizationId);
    const { lifetimeInDays } = configuration.personalAccessTokens;
    const item = {
      ...key,
      authenticationMode: configuration.authenticationMode,
      instanceArn: configuration.instanceArn,
      applicationArn: configuration.applicationArn,
      patStatus: configuration.personalAccessTokens.status,
      ...(lifetimeInDays === undefined ? {} : { patLifetimeInDays: lifetimeInDays }),
      updatedAt: configuration.updatedAt,
    };
    for (let attempt = 1; ; attempt += 1) {
      const previous = (await this.get(key))?.applicationArn as string | undefined;
      const unchanged = previous === configuration.applicationArn;
      // The configuration is written only if it still names what was read, so the counts stay right.
      const put: TransactItem = {
        Put: {
          TableName: this.tableName,
          Item: item,
          ...(previous === undefined
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : {
                ConditionExpression: 'applicationArn = :previous',
                ExpressionAttributeValues: { ':previous': previous },
              }),
        },
      };
      const application: TransactItem = unchanged
        ? {
            ConditionCheck: {
              TableName: this.tableName,
              Key: applicationKey(configuration.applicationArn),
              ConditionExpression: 'attribute_exists(pk)',
            },
          }
        : this.count(configuration.applicationArn, 1);
      const codes = await transact(this.documents, [
        put,
        application,
        ...(previous !== undefined && !unchanged ? [this.count(previous, -1)] : []),
      ]);
      if (!codes) return 'ok';
      if (failedAt(codes, 1)) return 'no-application';
      if (attempt >= MAX_ATTEMPTS) throw new Error('The identity provider configuration kept changing');
    }
  }

  async deleteConfiguration(organizationId: string): Promise<void> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const previous = (await this.get(configKey(organizationId)))?.applicationArn as string | undefined;
      if (previous === undefined) return;
      const codes = await transact(this.documents, [
        {
          Delete: {
            TableName: this.tableName,
            Key: configKey(organizationId),
            ConditionExpression: 'applicationArn = :previous',
            ExpressionAttributeValues: { ':previous': previous },
          },
        },
        this.count(previous, -1),
      ]);
      if (!codes) return;
    }
    throw new Error('The identity provider configuration kept changing');
  }

  async createApplication(application: IdentityCenterApplication): Promise<boolean> {
    const codes = await transact(this.documents, [
      {
        Put: {
          TableName: this.tableName,
          Item: {
            ...applicationKey(application.applicationArn),
            name: application.name,
            instanceArn: application.instanceArn,
            createdAt: application.createdAt,
            organizationCount: 0,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ]);
    return codes === undefined;
  }

  async getApplication(applicationArn: string): Promise<IdentityCenterApplication | undefined> {
    const key = applicationKey(applicationArn);
    const item = await this.get(key);
    if (!item) return undefined;
    const issuer: OidcIssuerSettings | undefined = item.issuer
      ? {
          issuer: String(item.issuer),
          clientId: String(item.clientId),
          ...(item.clientSecret
            ? {
                clientSecret: (await this.sealer()).open(String(item.clientSecret), [
                  key.pk,
                  key.sk,
                  'clientSecret',
                ]),
              }
            : {}),
        }
      : undefined;
    return {
      applicationArn,
      name: String(item.name),
      instanceArn: String(item.instanceArn),
      createdAt: Number(item.createdAt),
      organizationCount: Number(item.organizationCount ?? 0),
      ...(issuer ? { issuer } : {}),
    };
  }

  async putIssuer(applicationArn: string, issuer: OidcIssuerSettings): Promise<boolean> {
    const key = applicationKey(applicationArn);
    const secret =
      issuer.clientSecret === undefined
        ? undefined
        : (await this.sealer()).seal(issuer.clientSecret, [key.pk, key.sk, 'clientSecret']);
    try {
      await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression:
            'SET issuer = :issuer, clientId = :clientId' +
            (secret === undefined ? ' REMOVE clientSecret' : ', clientSecret = :secret'),
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: {
            ':issuer': issuer.issuer,
            ':clientId': issuer.clientId,
            ...(secret === undefined ? {} : { ':secret': secret }),
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async deleteApplication(applicationArn: string): Promise<'ok' | 'in-use'> {
    const codes = await transact(this.documents, [
      {
        Delete: {
          TableName: this.tableName,
          Key: applicationKey(applicationArn),
          ConditionExpression: 'attribute_not_exists(pk) OR organizationCount <= :zero',
          ExpressionAttributeValues: { ':zero': 0 },
        },
      },
    ]);
    return codes ? 'in-use' : 'ok';
  }

  /** Adds `delta` to an application's organization count; the application must exist. */
  private count(applicationArn: string, delta: number): TransactItem {
    return {
      Update: {
        TableName: this.tableName,
        Key: applicationKey(applicationArn),
        UpdateExpression: 'ADD organizationCount :delta',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':delta': delta },
      },
    };
  }

  private async get(key: { pk: string; sk: string }): Promise<Record<string, unknown> | undefined> {
    const { Item } = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
    );
    return Item;
  }
}
