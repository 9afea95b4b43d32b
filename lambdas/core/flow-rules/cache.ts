import { COMPILED_RULES_MAX_AGE_MS } from './decisions';
import { compileRuleSet, type CompiledRuleSet } from './engine';
import type { FlowRuleStore } from './ports';
import type { FlowDirection } from './types';

interface Entry {
  readonly set: CompiledRuleSet;
  checkedAt: number;
}

/**
 * Reuses an organization's compiled rules while its rules version is unchanged. Each call re-reads the
 * version
 * (one small item) unless the set was checked less than `maxAgeMs` ago, so a change is seen by the next
 * message.
 * @example
 * const cache = new CompiledRuleSetCache(deps.flowRules);
 * const outcomes = evaluateFlowRules(await cache.get(orgId, 'INBOUND'), message);
 */
export class CompiledRuleSetCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly store: FlowRuleStore,
    private readonly now: () => number = Date.now,
    private readonly maxAgeMs: number = COMPILED_RULES_MAX_AGE_MS,
  ) {}

  /** The compiled rules of one organization and direction, as of now. */
  async get(organizationId: string, direction: FlowDirection): Promise<CompiledRuleSet> {
    const key = `${organizationId}|${direction}`;
    const cached = this.entries.get(key);
    const now = this.now();
    if (cached && now - cached.checkedAt < this.maxAgeMs) return cached.set;
    // Read the version before the rules: a write in between makes the next call recompile.
    const version = await this.store.rulesVersion(organizationId);
    if (cached && cached.set.version === version) {
      cached.checkedAt = now;
      return cached.set;
    }
    const set = compileRuleSet(direction, await this.store.loadRules(organizationId, direction), version);
    this.entries.set(key, { set, checkedAt: now });
    return set;
  }
}
