import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FieldSealer } from '../../core/crypto/field-sealer';
import type { IdentitySettings, IdentitySettingsStore } from '../../core/sending/ports';
import { sealerOf } from './dynamodb-sealed-items';

const PREFIX = 'IDENTITY#';

/**
 * {@link IdentitySettingsStore} on the Mailbox table: `MBX#<orgId>#<userId> / IDENTITY#<identityId>`, the settings
 * (name, reply-to, bcc, signatures) sealed under a subkey of the deployment key, bound to the item's keys. A user's
 * identities are one query.
 * @example
 * const identities = new DynamoDbIdentitySettingsStore(documents, 'mailwright-mailboxes', ledgerKey);
 */
export class DynamoDbIdentitySettingsStore implements IdentitySettingsStore {
  private readonly sealer: () => Promise<FieldSealer>;

  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
    sealKey: Uint8Array | (() => Promise<Uint8Array>),
  ) {
    this.sealer = sealerOf(sealKey, 'jmap-identity');
  }

  async list(organizationId: string, userId: string): Promise<ReadonlyMap<string, IdentitySettings>> {
    const { Items = [] } = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': `MBX#${organizationId}#${userId}`, ':prefix': PREFIX },
        ConsistentRead: true,
      }),
    );
    const sealer = await this.sealer();
    return new Map(
      Items.map((item) => [
        String(item.sk).slice(PREFIX.length),
        JSON.parse(sealer.open(String(item.settings), [String(item.pk), String(item.sk), 'settings'])),
      ]),
    );
  }

  async put(organizationId: string, userId: string, identityId: string, settings: IdentitySettings) {
    const key = { pk: `MBX#${organizationId}#${userId}`, sk: `${PREFIX}${identityId}` };
    const sealed = (await this.sealer()).seal(JSON.stringify(settings), [key.pk, key.sk, 'settings']);
    await this.documents.send(
      new PutCommand({ TableName: this.tableName, Item: { ...key, settings: sealed } }),
    );
  }
}
