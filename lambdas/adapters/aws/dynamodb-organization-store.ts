import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { LimitExceededException, NameAvailabilityException } from '../../core/api/errors';
import type { Cursor, Page, PageRequest } from '../../core/api/pagination';
import type {
  CreateOrganizationOptions,
  OrganizationChanges,
  OrganizationStore,
} from '../../core/directory/ports';
import type { MailDomain, Organization, Tag } from '../../core/directory/types';
import { claimPlan, takenDomain } from './dynamodb-domain-claims';
import { DynamoDbMailDomains, domainInUse } from './dynamodb-mail-domains';
import {
  COUNTER_KEY,
  addToCount,
  aliasKey,
  claimKey,
  domainKey,
  orgKey,
  deleteOwnedClaim,
  putNew,
  queryPage,
  releaseClaim,
  setExpression,
  toOrganization,
  updateVersionedTags,
} from './dynamodb-organization-items';
import { failedAt, transact, type TransactItems } from './dynamodb-transact';

/**
 * Organizations and mail domains in the directory table, following the key design of `dynamodb-tables.ts`:
 * alias and domain uniqueness are claim items written in the same transaction as what they guard (the domain
 * methods are inherited from {@link DynamoDbMailDomains}).
 * @example
 * const organizations = new DynamoDbOrganizationStore(documents, 'mailwright-directory');
 */
export class DynamoDbOrganizationStore extends DynamoDbMailDomains implements OrganizationStore {
  async createOrganization(
    organization: Organization,
    domains: readonly MailDomain[],
    options: CreateOrganizationOptions,
  ): Promise<void> {
    const { organizationId } = organization;
    const [testDomains, customDomains] = [
      domains.filter((domain) => domain.isTestDomain),
      domains.filter((domain) => !domain.isTestDomain),
    ];
    const plan = claimPlan(this.tableName, organizationId, customDomains);
    const items: TransactItems = [
      addToCount(this.tableName, COUNTER_KEY, 'total', 1, { limit: options.organizationLimit }),
      putNew(this.tableName, { ...aliasKey(organization.alias), organizationId }),
      putNew(this.tableName, {
        ...orgKey(organizationId),
        gsi1pk: 'ORGS',
        gsi1sk: organizationId,
        ...organization,
        domainCount: customDomains.length,
      }),
      ...plan.items,
      ...testDomains.map((domain) =>
        putNew(this.tableName, { ...claimKey(domain.domainName), organizationId }),
      ),
      ...domains.map((domain) =>
        putNew(this.tableName, { ...domainKey(organizationId, domain.domainName), ...domain }),
      ),
    ];
    const codes = await transact(this.documents, items);
    if (!codes) return;
    if (failedAt(codes, 1))
      throw new NameAvailabilityException(`The alias ${organization.alias} is already in use.`);
    const taken = takenDomain(plan, codes, 3);
    if (taken) throw domainInUse(taken);
    const testDomain = testDomains.find((_, index) => failedAt(codes, 3 + plan.items.length + index));
    if (testDomain) throw domainInUse(testDomain.domainName);
    if (failedAt(codes, 0)) {
      throw new LimitExceededException(`The account already has ${options.organizationLimit} organizations.`);
    }
    throw new Error(`Organization id collision: ${organizationId}`);
  }

  async getOrganization(organizationId: string): Promise<Organization | undefined> {
    const { Item } = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: orgKey(organizationId) }),
    );
    return Item ? toOrganization(Item) : undefined;
  }

  async listOrganizations(request: PageRequest): Promise<Page<Organization>> {
    return queryPage(
      this.documents,
      this.tableName,
      {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': 'ORGS' },
      },
      request,
      toOrganization,
    );
  }

  async updateOrganization(organizationId: string, changes: OrganizationChanges): Promise<void> {
    const update = setExpression(changes);
    if (!update) return;
    await this.documents.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: orgKey(organizationId),
        ConditionExpression: 'attribute_exists(pk)',
        ...update,
      }),
    );
  }

  /** See OrganizationStore.updateTags: optimistic concurrency on the organization item's `tagsVersion`. */
  updateTags(
    organizationId: string,
    update: (current: readonly Tag[]) => readonly Tag[] | undefined,
  ): Promise<void> {
    return updateVersionedTags(this.documents, this.tableName, organizationId, update);
  }

  async markOrganizationDeleted(organizationId: string): Promise<void> {
    const organization = await this.getOrganization(organizationId);
    if (!organization || organization.state === 'Deleted') return;
    const codes = await transact(this.documents, [
      {
        Update: {
          TableName: this.tableName,
          Key: orgKey(organizationId),
          UpdateExpression: 'SET #state = :deleted REMOVE gsi1pk, gsi1sk',
          ConditionExpression: '#state <> :deleted',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':deleted': 'Deleted' },
        },
      },
      addToCount(this.tableName, COUNTER_KEY, 'total', -1),
      deleteOwnedClaim(this.tableName, aliasKey(organization.alias), organizationId),
    ]);
    if (codes && failedAt(codes, 0)) return;
    if (codes) throw new Error(`Could not release the alias of ${organizationId}: ${codes.join(',')}`);
    let cursor: Cursor | undefined;
    do {
      const page = await this.listMailDomains(organizationId, { limit: 100, cursor });
      for (const domain of page.items) {
        await releaseClaim(this.documents, this.tableName, claimKey(domain.domainName), organizationId);
      }
      cursor = page.cursor;
    } while (cursor);
  }

  async hasEnabledUsers(organizationId: string): Promise<boolean> {
    const { Items } = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': `ORG#${organizationId}#USER#ENABLED` },
        Limit: 1,
      }),
    );
    return (Items ?? []).length > 0;
  }

  async listMailboxEntityIds(
    organizationId: string,
    kind: 'USER' | 'RESOURCE',
    request: PageRequest,
  ): Promise<Page<string>> {
    return queryPage(
      this.documents,
      this.tableName,
      {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': `ORG#${organizationId}#${kind}` },
      },
      request,
      (item) => String(item.sk).slice('ENTITY#'.length),
    );
  }
}
