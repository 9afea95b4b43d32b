import {
  LimitExceededException,
  NameAvailabilityException,
  ResourceNotFoundException,
} from '../../../lambdas/core/api/errors';
import type { Page, PageRequest } from '../../../lambdas/core/api/pagination';
import type { FlowRuleStore } from '../../../lambdas/core/flow-rules/ports';
import type { FlowDirection, FlowRule } from '../../../lambdas/core/flow-rules/types';

/** An in-memory FlowRuleStore for unit tests; counts reads so tests can see what the cache saves. */
export class MemoryFlowRuleStore implements FlowRuleStore {
  readonly rules = new Map<string, FlowRule>();
  private readonly versions = new Map<string, number>();
  loads = 0;

  private key(organizationId: string, direction: FlowDirection, name: string): string {
    return `${organizationId}|${direction}|${name}`;
  }

  private bump(organizationId: string): void {
    this.versions.set(organizationId, (this.versions.get(organizationId) ?? 0) + 1);
  }

  private ofOrganization(organizationId: string): FlowRule[] {
    return [...this.rules.values()].filter((rule) => rule.organizationId === organizationId);
  }

  async createRule(rule: FlowRule, patternLimit: number): Promise<void> {
    const key = this.key(rule.organizationId, rule.direction, rule.name);
    if (this.rules.has(key)) throw new NameAvailabilityException();
    if ((await this.senderPatternCount(rule.organizationId)) + rule.senderPatterns.length > patternLimit) {
      throw new LimitExceededException();
    }
    this.rules.set(key, rule);
    this.bump(rule.organizationId);
  }

  async replaceRule(rule: FlowRule, patternLimit: number): Promise<void> {
    const key = this.key(rule.organizationId, rule.direction, rule.name);
    const current = this.rules.get(key);
    if (!current) throw new ResourceNotFoundException();
    const count = (await this.senderPatternCount(rule.organizationId)) - current.senderPatterns.length;
    if (count + rule.senderPatterns.length > patternLimit) throw new LimitExceededException();
    this.rules.set(key, { ...rule, createdAt: current.createdAt });
    this.bump(rule.organizationId);
  }

  async deleteRule(organizationId: string, direction: FlowDirection, name: string): Promise<boolean> {
    const deleted = this.rules.delete(this.key(organizationId, direction, name));
    if (deleted) this.bump(organizationId);
    return deleted;
  }

  async getRule(
    organizationId: string,
    direction: FlowDirection,
    name: string,
  ): Promise<FlowRule | undefined> {
    return this.rules.get(this.key(organizationId, direction, name));
  }

  async listRules(
    organizationId: string,
    direction: FlowDirection | undefined,
    request: PageRequest,
  ): Promise<Page<FlowRule>> {
    const all = this.ofOrganization(organizationId)
      .filter((rule) => direction === undefined || rule.direction === direction)
      .sort((a, b) => `${a.direction}#${a.name}`.localeCompare(`${b.direction}#${b.name}`));
    const start = Number(request.cursor?.offset ?? 0);
    const items = all.slice(start, start + request.limit);
    return start + request.limit < all.length
      ? { items, cursor: { offset: start + request.limit } }
      : { items };
  }

  async loadRules(organizationId: string, direction: FlowDirection): Promise<FlowRule[]> {
    this.loads += 1;
    return this.ofOrganization(organizationId).filter((rule) => rule.direction === direction);
  }

  async rulesVersion(organizationId: string): Promise<number> {
    return this.versions.get(organizationId) ?? 0;
  }

  async senderPatternCount(organizationId: string): Promise<number> {
    return this.ofOrganization(organizationId).reduce((sum, rule) => sum + rule.senderPatterns.length, 0);
  }
}

/** A rule with defaults for the fields a test does not care about. */
export function rule(fields: Partial<FlowRule> & Pick<FlowRule, 'name' | 'action'>): FlowRule {
  return {
    organizationId: 'm-00000000000000000000000000000001',
    direction: 'INBOUND',
    senderPatterns: ['*'],
    destinationPatterns: ['*'],
    createdAt: 0,
    modifiedAt: 0,
    ...fields,
  };
}
