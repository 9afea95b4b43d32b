import type { Page, PageRequest } from '../api/pagination';
import type { FlowDirection, FlowRule } from './types';

/**
 * An organization's email flow rules. Name uniqueness (per organization and direction) and the sender-pattern
 * quota per organization are enforced in the database, atomically with the write, never by read-then-write.
 */
export interface FlowRuleStore {
  /**
   * Stores a new rule and adds its sender patterns to the organization's count in one transaction.
   * @throws NameAvailabilityException when the direction already has a rule of that name
   * @throws LimitExceededException when the organization would exceed `patternLimit` sender patterns
   */
  createRule(rule: FlowRule, patternLimit: number): Promise<void>;
  /**
   * Replaces a rule (keeping its creation time) and adjusts the pattern count by the difference, atomically.
   * @throws ResourceNotFoundException when there is no such rule
   * @throws LimitExceededException when the organization would exceed `patternLimit` sender patterns
   */
  replaceRule(rule: FlowRule, patternLimit: number): Promise<void>;
  /** Deletes a rule and releases its patterns; false when there was none. */
  deleteRule(organizationId: string, direction: FlowDirection, name: string): Promise<boolean>;
  getRule(organizationId: string, direction: FlowDirection, name: string): Promise<FlowRule | undefined>;
  /** One page of rules, ordered by direction and name; `direction` filters. */
  listRules(
    organizationId: string,
    direction: FlowDirection | undefined,
    request: PageRequest,
  ): Promise<Page<FlowRule>>;
  /** Every rule of one direction, strongly consistent (one Query), for the engine. */
  loadRules(organizationId: string, direction: FlowDirection): Promise<FlowRule[]>;
  /** A number that changes with every rule write of the organization (0 before the first). */
  rulesVersion(organizationId: string): Promise<number>;
  /** Sender patterns the organization's rules hold, both directions together. */
  senderPatternCount(organizationId: string): Promise<number>;
}
