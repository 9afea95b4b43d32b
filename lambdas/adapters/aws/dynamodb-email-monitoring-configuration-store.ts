import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { EmailMonitoringConfigurationStore } from '../../core/email-events/ports';
import type { EmailMonitoringConfiguration } from '../../core/email-events/types';

/** `ORG#<orgId> / EMAILMONITORING`: the organization's email event log destination. */
const configKey = (organizationId: string) => ({ pk: `ORG#${organizationId}`, sk: 'EMAILMONITORING' });

/**
 * Email monitoring configurations in the Directory table, one item per organization beside its other settings.
 * @example
 * const emailMonitoring = new DynamoDbEmailMonitoringConfigurationStore(documents, 'mailwright-directory');
 */
export class DynamoDbEmailMonitoringConfigurationStore implements EmailMonitoringConfigurationStore {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(organizationId: string): Promise<EmailMonitoringConfiguration | undefined> {
    const { Item } = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: configKey(organizationId), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    return {
      organizationId,
      logGroupArn: String(Item.logGroupArn),
      ...(typeof Item.roleArn === 'string' ? { roleArn: Item.roleArn } : {}),
      updatedAt: Number(Item.updatedAt),
    };
  }

  async put(configuration: EmailMonitoringConfiguration): Promise<void> {
    await this.documents.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...configKey(configuration.organizationId),
          logGroupArn: configuration.logGroupArn,
          roleArn: configuration.roleArn,
          updatedAt: configuration.updatedAt,
        },
      }),
    );
  }

  async delete(organizationId: string): Promise<void> {
    await this.documents.send(
      new DeleteCommand({ TableName: this.tableName, Key: configKey(organizationId) }),
    );
  }
}
