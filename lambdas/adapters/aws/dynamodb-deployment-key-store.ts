import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DeploymentKeyStore } from '../../core/crypto/deployment-keys';

const keyOf = (name: string) => ({ pk: 'DEPLOYMENT#KEYS', sk: `KEY#${name}` });

/**
 * {@link DeploymentKeyStore} on the directory table: `DEPLOYMENT#KEYS` / `KEY#<name>` holds `wrappedKey` (binary,
 * KMS ciphertext) and `createdAt`. Created with a conditional put, never updated.
 * @example
 * const store = new DynamoDbDeploymentKeyStore(documents, 'mailwright-directory');
 */
export class DynamoDbDeploymentKeyStore implements DeploymentKeyStore {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getWrappedKey(name: string): Promise<Uint8Array | undefined> {
    const { Item } = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: keyOf(name), ConsistentRead: true }),
    );
    return Item ? (Item.wrappedKey as Uint8Array) : undefined;
  }

  async createWrappedKey(name: string, wrappedKey: Uint8Array): Promise<boolean> {
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keyOf(name), wrappedKey, createdAt: Date.now() },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
