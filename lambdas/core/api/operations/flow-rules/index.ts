import type { Operation } from '../../operation';

/** The email flow rule operations of the catalog (Mailwright extensions). */
export const flowRuleOperations: readonly Operation[] = [];
