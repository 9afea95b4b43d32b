import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  LimitExceededException,
  MailDomainInUseException,
  NameAvailabilityException,
} from '../../core/api/errors';
import type { Cursor, Page, PageRequest } from '../../core/api/pagination';
import type {
  CreateOrganizationOptions,
  MailDomainChanges,
  OrganizationChanges,
  OrganizationStore,
} from '../../core/directory/ports';
import type { MailDomain, Organization, Tag } from '../../core/directory/types';
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
  toMailDomain,
  toOrganization,
  updateVersionedTags,
} from './dynamodb-organization-items';
import { failedAt, transact, type TransactItems } from './dynamodb-transact';

/**
 * Organizations and mail domains in the directory table, following the key design of `dynamodb-tables.ts`:
 * alias and domain uniqueness are claim items written in the same transaction as what they guard.
 * @example
 * const organizations = new DynamoDbOrganizationStore(documents, 'mailwright-directory');
 */
export class DynamoDbOrganizationStore implements OrganizationStore {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async createOrganization(
    organization: Organization,
    domains: readonly MailDomain[],
    options: CreateOrganizationOptions,
  ): Promise<void> {
    const { organizationId } = organization;
    const items: TransactItems = [
      addToCount(this.tableName, COUNTER_KEY, 'total', 1, { limit: options.organizationLimit }),
      putNew(this.tableName, { ...aliasKey(organization.alias), organizationId }),
      putNew(this.tableName, {
        ...orgKey(organizationId),
        gsi1pk: 'ORGS',
        gsi1sk: organizationId,
        ...organization,
        domainCount: domains.filter((domain) => !domain.isTestDomain).length,
      }),
      ...domains.flatMap((domain) => [
        putNew(this.tableName, { ...claimKey(domain.domainName), organizationId }),
        putNew(this.tableName, { ...domainKey(organizationId, domain.domainName), ...domain }),
      ]),
    ];
    const codes = await transact(this.documents, items);
    if (!codes) return;
    if (failedAt(codes, 1))
      throw new NameAvailabilityException(`The alias ${organization.alias} is already in use.`);
    const taken = domains.find((_, index) => failedAt(codes, 3 + index * 2));
    if (taken)
      throw new MailDomainInUseException(`The domain ${taken.domainName} belongs to another organization.`);
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

  async putMailDomain(domain: MailDomain, limit: number): Promise<void> {
    const { organizationId, domainName } = domain;
    const codes = await transact(this.documents, [
      putNew(this.tableName, { ...claimKey(domainName), organizationId }),
      putNew(this.tableName, { ...domainKey(organizationId, domainName), ...domain }),
      addToCount(this.tableName, orgKey(organizationId), 'domainCount', 1, { limit, mustExist: true }),
    ]);
    if (!codes) return;
    if (failedAt(codes, 0) || failedAt(codes, 1)) {
      const owner = await this.findDomainOwner(domainName);
      if (owner !== organizationId)
        throw new MailDomainInUseException(`The domain ${domainName} belongs to another organization.`);
      const { verificationToken, dkimTokens, ownershipVerificationStatus, dkimVerificationStatus } = domain;
      await this.updateMailDomain(organizationId, domainName, {
        verificationToken,
        dkimTokens,
        ownershipVerificationStatus,
        dkimVerificationStatus,
      });
      return;
    }
    throw new LimitExceededException(`The organization already has ${limit} mail domains.`);
  }

  async getMailDomain(organizationId: string, domainName: string): Promise<MailDomain | undefined> {
    const { Item } = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: domainKey(organizationId, domainName.toLowerCase()) }),
    );
    return Item ? toMailDomain(Item) : undefined;
  }

  async updateMailDomain(
    organizationId: string,
    domainName: string,
    changes: MailDomainChanges,
  ): Promise<void> {
    const update = setExpression(changes);
    if (!update) return;
    try {
      const key = domainKey(organizationId, domainName);
      await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          ConditionExpression: 'attribute_exists(pk)',
          ...update,
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async listMailDomains(organizationId: string, request: PageRequest): Promise<Page<MailDomain>> {
    return queryPage(
      this.documents,
      this.tableName,
      {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': `ORG#${organizationId}`, ':prefix': 'DOMAIN#' },
      },
      request,
      toMailDomain,
    );
  }

  async deleteMailDomain(organizationId: string, domainName: string): Promise<void> {
    const domain = await this.getMailDomain(organizationId, domainName);
    if (!domain) return;
    const items: TransactItems = [
      {
        Delete: {
          TableName: this.tableName,
          Key: domainKey(organizationId, domain.domainName),
          // An entity store that counts addresses on the domain item makes removal race-free.
          ConditionExpression:
            'attribute_exists(pk) AND (attribute_not_exists(addressCount) OR addressCount <= :zero)',
          ExpressionAttributeValues: { ':zero': 0 },
        },
      },
    ];
    if (!domain.isTestDomain) {
      items.push(addToCount(this.tableName, orgKey(organizationId), 'domainCount', -1));
    }
    const codes = await transact(this.documents, items);
    if (codes && !failedAt(codes, 0)) throw new Error(`Could not delete ${domainName}: ${codes.join(',')}`);
    if (codes && (await this.getMailDomain(organizationId, domainName))) {
      throw new MailDomainInUseException(`Addresses in ${domainName} are still in use.`);
    }
    await releaseClaim(this.documents, this.tableName, claimKey(domain.domainName), organizationId);
  }

  async isMailDomainInUse(organizationId: string, domainName: string): Promise<boolean> {
    const { Items } = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: {
          ':pk': `ORG#${organizationId}`,
          ':prefix': `EMAIL#${domainName.toLowerCase()}#`,
        },
        Limit: 1,
      }),
    );
    return (Items ?? []).length > 0;
  }

  async findDomainOwner(domainName: string): Promise<string | undefined> {
    const { Item } = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: claimKey(domainName.toLowerCase()) }),
    );
    return Item?.organizationId as string | undefined;
  }
}
