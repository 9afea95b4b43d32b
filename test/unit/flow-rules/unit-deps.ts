import { randomBytes } from 'node:crypto';
import type { ApiDeps } from '../../../lambdas/core/api/deps';
import { dispatch } from '../../../lambdas/core/api/dispatch';
import type { Operation } from '../../../lambdas/core/api/operation';
import { PageTokens } from '../../../lambdas/core/api/pagination';
import type { Organization } from '../../../lambdas/core/directory/types';
import { ADMIN, TEST_SETTINGS } from '../../support/api-deps';
import { MemoryFlowRuleStore } from './memory-flow-rule-store';
import { MemoryAdminAuditLog } from '../../support/memory-admin-audit-log';

/** The organization the unit suites act on. */
export const ORG = 'm-00000000000000000000000000000001';

/** ApiDeps for the flow-rule operations without DynamoDB: a memory store and one Active organization. */
export function unitDeps(): {
  deps: ApiDeps;
  store: MemoryFlowRuleStore;
  call: (operation: Operation, input: unknown) => Promise<unknown>;
} {
  const store = new MemoryFlowRuleStore();
  const organization = { organizationId: ORG, state: 'Active' } as Organization;
  const deps = {
    settings: TEST_SETTINGS,
    organizations: { getOrganization: async (id: string) => (id === ORG ? organization : undefined) },
    flowRules: store,
    pageTokens: new PageTokens(randomBytes(32)),
    clock: () => new Date('2026-11-22T12:00:00Z'),
    adminAudit: new MemoryAdminAuditLog(),
  } as unknown as ApiDeps;
  const call = (operation: Operation, input: unknown) =>
    dispatch(operation, input, { deps, principal: ADMIN, requestId: 'test' });
  return { deps, store, call };
}
