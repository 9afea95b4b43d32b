import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { JournalingConfigurationStore } from '../../core/journaling/ports';
import type { JournalingConfiguration } from '../../core/journaling/types';

/** `ORG#<orgId> / JOURNALING`: the organization's journaling configuration. */
const configKey = (organizationId: string) => ({ pk: `ORG#${organizationId}`, sk: 'JOURNALING' });

/**
 * Journaling configurations in the Directory table, one item per organization beside its other settings.
 * @example
 * const journaling = new DynamoDbJournalingConfigurationStore(documents, 'mailwright-directory');
 */
export class DynamoDbJournalingConfigurationStore implements JournalingConfigurationStore {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(organizationId: string): Promise<JournalingConfiguration | undefined> {
    const { Item } = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: configKey(organizationId), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const { pk: _pk, sk: _sk, ...configuration } = Item;
    return configuration as JournalingConfiguration;
  }

  async put(configuration: JournalingConfiguration): Promise<void> {
    await this.documents.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...configKey(configuration.organizationId), ...configuration },
      }),
    );
  }

  async delete(organizationId: string): Promise<void> {
    await this.documents.send(
      new DeleteCommand({ TableName: this.tableName, Key: configKey(organizationId) }),
    );
  }
}
