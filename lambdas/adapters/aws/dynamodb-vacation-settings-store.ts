import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FieldSealer } from '../../core/crypto/field-sealer';
import { MailboxNotFoundError } from '../../core/mailbox/errors';
import type { VacationResponse, VacationSettingsStore } from '../../core/vacation';
import { vacationWindow } from '../../core/vacation';
import { MAILBOX_SK } from './dynamodb-model-items';
import { sealerOf } from './dynamodb-sealed-items';
import { transact } from './dynamodb-transact';

/** Sort key of a user's vacation response in their mailbox's partition. */
export const VACATION_SK = 'VACATION';

/**
 * {@link VacationSettingsStore} on the Mailbox table: `MBX#<orgId>#<userId> / VACATION` holds the whole response
 * sealed under a subkey of the deployment key (bound to the item's keys); `put` writes it in one transaction with the
 * mailbox record's plaintext `vacation` window ({ fromDate?, toDate? }, removed while disabled), which deliveries
 * read with the mailbox record they read anyway.
 * @example
 * const vacations = new DynamoDbVacationSettingsStore(documents, 'mailwright-mailboxes', ledgerKey);
 */
export class DynamoDbVacationSettingsStore implements VacationSettingsStore {
  private readonly sealer: () => Promise<FieldSealer>;

  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
    sealKey: Uint8Array | (() => Promise<Uint8Array>),
  ) {
    this.sealer = sealerOf(sealKey, 'vacation-response');
  }

  async get(organizationId: string, userId: string): Promise<VacationResponse | undefined> {
    const key = { pk: `MBX#${organizationId}#${userId}`, sk: VACATION_SK };
    const { Item } = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const sealer = await this.sealer();
    return JSON.parse(sealer.open(String(Item.settings), [key.pk, key.sk, 'settings'])) as VacationResponse;
  }

  async put(organizationId: string, userId: string, response: VacationResponse): Promise<void> {
    const pk = `MBX#${organizationId}#${userId}`;
    const sealed = (await this.sealer()).seal(JSON.stringify(response), [pk, VACATION_SK, 'settings']);
    const window = vacationWindow(response);
    const codes = await transact(this.documents, [
      { Put: { TableName: this.tableName, Item: { pk, sk: VACATION_SK, settings: sealed } } },
      {
        Update: {
          TableName: this.tableName,
          Key: { pk, sk: MAILBOX_SK },
          UpdateExpression: window ? 'SET vacation = :window' : 'REMOVE vacation',
          ConditionExpression: '#state = :active',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':active': 'ACTIVE', ...(window ? { ':window': window } : {}) },
        },
      },
    ]);
    if (codes) throw new MailboxNotFoundError(organizationId, userId);
  }
}
