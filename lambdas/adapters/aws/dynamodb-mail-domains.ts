import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LimitExceededException, MailDomainInUseException } from '../../core/api/errors';
import type { Page, PageRequest } from '../../core/api/pagination';
import type { DomainClaimOutcome, MailDomainChanges, OrganizationStore } from '../../core/directory/ports';
import type { MailDomain } from '../../core/directory/types';
import { claimPlan, takenDomain, type ClaimPlan } from './dynamodb-domain-claims';
import {
  addToCount,
  claimKey,
  domainKey,
  orgKey,
  putNew,
  queryPage,
  releaseClaim,
  setExpression,
  toMailDomain,
} from './dynamodb-organization-items';
import { failedAt, transact } from './dynamodb-transact';

/** Registrations that meet a concurrent registration or removal of the same domain before one settles. */
const REGISTER_ATTEMPTS = 3;

/**
 * The refusal for a domain another organization verified (or a parent of it): it names no organization.
 * @example
 * throw domainInUse('example.com'); // MailDomainInUseException: The domain example.com is already in use.
 */
export function domainInUse(domainName: string): MailDomainInUseException {
  return new MailDomainInUseException(`The domain ${domainName} is already in use.`);
}

type MailDomainMethods = Pick<
  OrganizationStore,
  | 'putMailDomain'
  | 'claimMailDomain'
  | 'getMailDomain'
  | 'updateMailDomain'
  | 'listMailDomains'
  | 'deleteMailDomain'
  | 'isMailDomainInUse'
  | 'findDomainOwner'
>;

/**
 * The mail-domain half of the DynamoDB organization store: an organization's registrations (`ORG#<org> /
 * DOMAIN#<d>`, any number of organizations may have one pending) and the cross-organization claims
 * (`DOMAIN#<d> / CLAIM`), written only for a verified domain, in the same transaction as its status.
 * @example
 * class DynamoDbOrganizationStore extends DynamoDbMailDomains implements OrganizationStore { … }
 */
export class DynamoDbMailDomains implements MailDomainMethods {
  constructor(
    protected readonly documents: DynamoDBDocumentClient,
    protected readonly tableName: string,
  ) {}

  async putMailDomain(domain: MailDomain, limit: number): Promise<void> {
    const { organizationId, domainName } = domain;
    const plan = claimPlan(this.tableName, organizationId, [domain]);
    const claims = plan.items.length;
    for (let attempt = 1; ; attempt += 1) {
      const created = await transact(this.documents, [
        ...plan.items,
        putNew(this.tableName, { ...domainKey(organizationId, domainName), ...domain }),
        addToCount(this.tableName, orgKey(organizationId), 'domainCount', 1, { limit, mustExist: true }),
      ]);
      if (!created) return;
      if (takenDomain(plan, created, 0)) throw domainInUse(domainName);
      if (!failedAt(created, claims)) {
        throw new LimitExceededException(`The organization already has ${limit} mail domains.`);
      }
      const { verificationToken, dkimTokens, ownershipVerificationStatus, dkimVerificationStatus } = domain;
      const refreshed = await this.updateWithClaims(plan, domain, {
        verificationToken,
        dkimTokens,
        ownershipVerificationStatus,
        dkimVerificationStatus,
      });
      if (refreshed !== 'unregistered') {
        if (refreshed === 'taken') throw domainInUse(domainName);
        return;
      }
      if (attempt >= REGISTER_ATTEMPTS)
        throw new Error(`Registration of ${domainName} kept racing a removal`);
    }
  }

  claimMailDomain(
    organizationId: string,
    domainName: string,
    changes: MailDomainChanges,
  ): Promise<DomainClaimOutcome> {
    const domain = { domainName, ownershipVerificationStatus: 'VERIFIED' as const };
    return this.updateWithClaims(
      claimPlan(this.tableName, organizationId, [domain]),
      { organizationId, domainName },
      changes,
    );
  }

  /** Applies `changes` to a registration together with its claim plan, atomically. */
  private async updateWithClaims(
    plan: ClaimPlan,
    domain: Pick<MailDomain, 'organizationId' | 'domainName'>,
    changes: MailDomainChanges,
  ): Promise<DomainClaimOutcome> {
    const key = domainKey(domain.organizationId, domain.domainName);
    const update = setExpression(changes);
    const registered = { TableName: this.tableName, Key: key, ConditionExpression: 'attribute_exists(pk)' };
    const codes = await transact(this.documents, [
      ...plan.items,
      update ? { Update: { ...registered, ...update } } : { ConditionCheck: registered },
    ]);
    if (!codes) return 'claimed';
    return takenDomain(plan, codes, 0) ? 'taken' : 'unregistered';
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
      await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: domainKey(organizationId, domainName),
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
    const codes = await transact(this.documents, [
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
      ...(domain.isTestDomain ? [] : [addToCount(this.tableName, orgKey(organizationId), 'domainCount', -1)]),
    ]);
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
