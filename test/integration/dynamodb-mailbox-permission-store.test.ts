import { DynamoDbEntityStore } from '../../lambdas/adapters/aws/dynamodb-entity-store';
import { DynamoDbMailboxPermissionStore } from '../../lambdas/adapters/aws/dynamodb-mailbox-permission-store';
import { createTestTables } from '../support/dynamodb';
import { MemoryDirectory, MemoryMailboxPermissionStore } from '../unit/permissions/doubles';
import { mailboxPermissionStoreContract } from './mailbox-permission-store.contract';

mailboxPermissionStoreContract('DynamoDbMailboxPermissionStore on DynamoDB Local', async () => {
  const { documents, directoryTable } = await createTestTables();
  const entities = new DynamoDbEntityStore(documents, directoryTable);
  return {
    store: new DynamoDbMailboxPermissionStore(documents, directoryTable),
    addEntity: (organizationId, entityId, kind) =>
      entities.createEntity(
        {
          organizationId,
          entityId,
          kind,
          name: entityId,
          state: 'DISABLED',
          aliases: [],
          hiddenFromGlobalAddressList: false,
          createdAt: 0,
        },
        1_000,
      ),
    deleteEntity: (organizationId, entityId) => entities.markDeleted(organizationId, entityId, 1),
  };
});

mailboxPermissionStoreContract('MemoryMailboxPermissionStore (the unit-test double)', async () => {
  const directory = new MemoryDirectory();
  return {
    store: new MemoryMailboxPermissionStore(directory),
    addEntity: async (organizationId, entityId, kind) => {
      directory.add(organizationId, entityId, kind, { state: 'DISABLED' });
    },
    deleteEntity: async (organizationId, entityId) => directory.setState(organizationId, entityId, 'DELETED'),
  };
});
